import { describe, expect, it } from 'vitest';
import { CsvTableError, formatProblem, readCsvTable, type ColumnSpec } from './csv-table.ts';

function problemsOf(text: string, specs: ColumnSpec[]) {
  try {
    readCsvTable(text, specs);
  } catch (e) {
    expect(e).toBeInstanceOf(CsvTableError);
    return (e as CsvTableError).problems;
  }
  throw new Error('expected a CsvTableError');
}

describe('readCsvTable', () => {
  const specs: ColumnSpec[] = [
    { name: 'admit', type: 'binary' },
    { name: 'gre', type: 'number' },
    { name: 'group', type: 'string' },
    { name: 'weight', type: 'number', required: false, allowMissing: true },
  ];

  it('reads typed columns, skipping blank lines and a byte-order mark, ignoring extra columns', () => {
    const t = readCsvTable('\ufeffadmit, gre ,group,note,weight\n1,380,a,"hello, world",\n\n0,6.6e2,b,x,2.5\ntrue,-1,"c",,NA\n', specs);
    expect(t.n).toBe(3);
    expect(t.header).toEqual(['admit', 'gre', 'group', 'note', 'weight']);
    expect(t.lines).toEqual([2, 4, 5]);
    expect(t.numbers('admit')).toEqual([1, 0, 1]);
    expect(t.numbers('gre')).toEqual([380, 660, -1]);
    expect(t.numbers('weight')).toEqual([null, 2.5, null]);
    expect(t.strings('group')).toEqual(['a', 'b', 'c']);
    expect(t.strings('note')).toEqual(['hello, world', 'x', '']);
    expect(t.has('weight')).toBe(true);
    expect(t.has('missing')).toBe(false);
    expect(() => t.numbers('group')).toThrow(/not read as numbers/);
  });

  it('counts lines the same with Windows line endings', () => {
    const t = readCsvTable('admit,gre,group\r\n1,2,a\r\n\r\n0,3,b\r\n', specs);
    expect(t.lines).toEqual([2, 4]);
    expect(t.strings('group')).toEqual(['a', 'b']);
  });

  it('accepts a missing optional column', () => {
    const t = readCsvTable('admit,gre,group\n1,2,a\n', specs);
    expect(t.has('weight')).toBe(false);
  });

  it('reports every problem with its line and column', () => {
    const problems = problemsOf('admit,group\n1,a\n2,b\nyes,c\n1\n', specs);
    expect(problems.map(formatProblem)).toEqual([
      'line 1, column "gre": missing column (the header has: admit, group)',
      'line 3, column "admit": "2" is not 0 or 1',
      'line 4, column "admit": "yes" is not 0 or 1',
      'line 5: expected 2 fields (as in the header), found 1',
    ]);
    const values = problemsOf('admit,gre,group\n1,,a\n0,abc,b\n1,0x10,c\n0,Infinity,d\n1,1,000,e\n0,NA,f\n', specs);
    expect(values.map(formatProblem)).toEqual([
      'line 2, column "gre": missing value',
      'line 3, column "gre": "abc" is not a number',
      'line 4, column "gre": "0x10" is not a number',
      'line 5, column "gre": "Infinity" is not a number',
      'line 6: expected 3 fields (as in the header), found 4',
      'line 7, column "gre": missing value ("NA")',
    ]);
  });

  it('treats an empty string cell as missing unless allowed', () => {
    const problems = problemsOf('admit,gre,group\n1,2,\n0,3,NA\n', specs);
    expect(problems).toEqual([{ line: 2, column: 'group', message: 'missing value' }]);
    const t = readCsvTable('name,n\n,1\nx,2\n', [{ name: 'name', type: 'string', allowMissing: true }]);
    expect(t.strings('name')).toEqual(['', 'x']);
  });

  it('counts lines from where a record starts when quoted values span lines', () => {
    const problems = problemsOf('gre,group,admit\n1,"two\nlines",1\nx,ok,0\n', specs);
    expect(problems).toEqual([{ line: 4, column: 'gre', message: '"x" is not a number' }]);
  });

  it('reports unreadable files, empty files and duplicate headers; a header alone is an empty table', () => {
    expect(problemsOf('admit,gre\n1,"2\n3,4\n', [])[0]!.message).toMatch(/not a readable CSV file/);
    expect(problemsOf('', [])).toEqual([{ line: null, column: null, message: 'the file is empty: a header row is needed' }]);
    expect(readCsvTable('admit,gre,group\n', specs).n).toBe(0); // a header alone is an empty table
    expect(problemsOf('a,a,\n1,2,3\n', []).map(formatProblem)).toEqual(['line 1, column "a": the column name appears twice in the header', 'line 1: header field 3 is empty']);
  });
});
