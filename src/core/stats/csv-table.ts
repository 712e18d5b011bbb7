/**
 * Reads a CSV file's text (header row first) into typed columns for the statistics commands, and
 * reports every problem at once — missing columns, rows of the wrong length, values that are not
 * numbers or not 0/1 — each with its line and column, so a user can fix a file in one pass.
 *
 * Conventions:
 * - the header names are trimmed and matched exactly (case matters); extra columns are ignored;
 * - blank lines are skipped and a UTF-8 byte-order mark is dropped; values are trimmed;
 * - `line` is the 1-based line of the file where the record starts (quoted values may span lines);
 * - numbers are plain decimal or scientific notation (`3`, `-0.5`, `1e3`); hex, `Infinity` and
 *   thousands separators are refused. An empty cell, `NA` or `NaN` is a missing value: an error
 *   unless the column allows missing values, in which case it reads as null. In a string column
 *   only an empty cell is missing (a group may well be called "NA");
 * - `binary` columns hold 0 or 1 (`true`/`false` are accepted too);
 * - a header without data rows is a valid, empty table (n = 0): whether that is enough is the
 *   caller's decision (a reliability report can say "no data"; a model cannot be fitted).
 */
import { CsvError, parse } from 'csv-parse/sync';

export type ColumnType = 'number' | 'binary' | 'string';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** Default true. An optional column may be absent from the header. */
  required?: boolean;
  /** Missing cells are allowed: null in numeric columns (empty, `NA`, `NaN`), '' in string columns. */
  allowMissing?: boolean;
}

export interface CsvProblem {
  /** 1-based line in the file; null for problems with the file as a whole. */
  line: number | null;
  /** Column name, when the problem is in one. */
  column: string | null;
  message: string;
}

/** Every problem found in a CSV file; `message` lists them one per line. */
export class CsvTableError extends Error {
  constructor(readonly problems: CsvProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'CsvTableError';
  }
}

export function formatProblem(p: CsvProblem): string {
  const where = [p.line !== null ? `line ${p.line}` : null, p.column !== null ? `column "${p.column}"` : null].filter(Boolean).join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

export interface TypedTable {
  /** Number of data rows. */
  n: number;
  /** Header as found in the file (trimmed). */
  header: string[];
  /** The file line each data row starts on. */
  lines: number[];
  /** Whether a column (required or optional) is present. */
  has(name: string): boolean;
  /** A number or binary column; nulls only where the spec allows missing values. */
  numbers(name: string): (number | null)[];
  /** A string column (any column can be read as strings). */
  strings(name: string): string[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'NA', 'NaN', 'nan', 'N/A', 'null']);

interface RawRow {
  line: number;
  fields: string[];
}

/** Splits the text into header and records with csv-parse; a malformed file is one problem. */
function splitRecords(text: string): { header: string[]; rows: RawRow[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError) {
      const line = typeof (e as CsvError & { lines?: number }).lines === 'number' ? (e as CsvError & { lines: number }).lines : null;
      throw new CsvTableError([{ line, column: null, message: `not a readable CSV file: ${e.message}` }]);
    }
    throw e;
  }
  const rows = records.map(({ record, info }) => {
    // info.lines is where the record ends; step back over line breaks inside quoted values.
    const inner = record.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - inner, fields: record };
  });
  const first = rows.shift();
  if (!first) throw new CsvTableError([{ line: null, column: null, message: 'the file is empty: a header row is needed' }]);
  return { header: first.fields, rows };
}

/** Parses CSV text and checks it against the column specs; throws CsvTableError listing every problem. */
export function readCsvTable(text: string, specs: readonly ColumnSpec[]): TypedTable {
  const { header, rows } = splitRecords(text);
  const problems: CsvProblem[] = [];
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') problems.push({ line: 1, column: null, message: `header field ${i + 1} is empty` });
    else if (index.has(name)) problems.push({ line: 1, column: name, message: 'the column name appears twice in the header' });
    else index.set(name, i);
  });
  for (const spec of specs) {
    if ((spec.required ?? true) && !index.has(spec.name)) {
      problems.push({ line: 1, column: spec.name, message: `missing column (the header has: ${header.join(', ') || 'nothing'})` });
    }
  }

  const present = specs.filter((s) => index.has(s.name));
  const numeric = new Map<string, (number | null)[]>();
  for (const spec of present) if (spec.type !== 'string') numeric.set(spec.name, []);

  for (const row of rows) {
    if (row.fields.length !== header.length) {
      // The values cannot be matched to columns; checking them one by one would only add noise.
      problems.push({ line: row.line, column: null, message: `expected ${header.length} fields (as in the header), found ${row.fields.length}` });
      for (const col of numeric.values()) col.push(null);
      continue;
    }
    for (const spec of present) {
      if (spec.type === 'string') {
        if (!spec.allowMissing && (row.fields[index.get(spec.name)!] ?? '') === '') problems.push({ line: row.line, column: spec.name, message: 'missing value' });
        continue;
      }
      const raw = row.fields[index.get(spec.name)!] ?? '';
      const out = numeric.get(spec.name)!;
      if (MISSING.has(raw)) {
        if (!spec.allowMissing) problems.push({ line: row.line, column: spec.name, message: raw === '' ? 'missing value' : `missing value ("${raw}")` });
        out.push(null);
        continue;
      }
      if (spec.type === 'binary') {
        const v = raw === '1' || raw.toLowerCase() === 'true' ? 1 : raw === '0' || raw.toLowerCase() === 'false' ? 0 : null;
        if (v === null) problems.push({ line: row.line, column: spec.name, message: `"${raw}" is not 0 or 1` });
        out.push(v);
        continue;
      }
      const v = NUMBER.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(v)) {
        problems.push({ line: row.line, column: spec.name, message: `"${raw}" is not a number` });
        out.push(null);
      } else out.push(v);
    }
  }
  if (problems.length > 0) throw new CsvTableError(problems);

  return {
    n: rows.length,
    header,
    lines: rows.map((r) => r.line),
    has: (name) => index.has(name),
    numbers(name) {
      const col = numeric.get(name);
      if (!col) throw new RangeError(`column "${name}" was not read as numbers`);
      return col;
    },
    strings(name) {
      const i = index.get(name);
      if (i === undefined) throw new RangeError(`no column "${name}"`);
      return rows.map((r) => r.fields[i] ?? '');
    },
  };
}
