import { describe, expect, it } from 'vitest';
import { safeCsv } from './csv.ts';

describe('safeCsv', () => {
  it('quotes per RFC 4180, defuses formulas in text and leaves numbers alone', () => {
    expect(safeCsv([['name', 'diff'], ['=HYPERLINK("x")', -0.25], ['a,b "c"', 3], ['@SUM(A1)', null], ['-2+3', 0]])).toBe(
      'name,diff\n"\'=HYPERLINK(""x"")",-0.25\n"a,b ""c""",3\n\'@SUM(A1),\n\'-2+3,0\n',
    );
  });
});
