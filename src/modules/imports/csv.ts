import { parse } from 'csv-parse/sync';
import { AppError } from '../../shared/errors.ts';

/**
 * The CSV reading every importer shares (candidates, outcomes, historical scorecards): BOM stripped,
 * cells trimmed, blank lines skipped, each record with its line number. An unreadable or empty file
 * is 400 `invalid` with one error naming the line; `key` is the name the importer's error rows use
 * for the column (`column` or `path`).
 */
export function readCsv(csv: string, key: 'column' | 'path' = 'path', emptyMessage = 'The file is empty: expected a header row'): { header: string[]; body: { record: string[]; line: number }[] } {
  let records: { record: string[]; line: number }[];
  try {
    records = (parse(csv.replace(/^\uFEFF/, '').trimEnd(), { relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[]).map((r) => ({
      record: r.record,
      line: r.info.lines,
    }));
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw new AppError('invalid', `The file is not valid CSV: ${err.message ?? 'unreadable'}`, { errors: [{ line: err.lines ?? 1, [key]: null, reason: err.message ?? 'Unreadable CSV' }] });
  }
  if (records.length === 0) throw new AppError('invalid', emptyMessage, { errors: [{ line: 1, [key]: null, reason: 'Empty file' }] });
  return { header: records[0]!.record, body: records.slice(1) };
}

/** A column mapping: our column → the header the file uses for it. */
export type ColumnMapping = Partial<Record<string, string>>;

/**
 * The file's header in our column names, lower-cased: a header named in `mapping` becomes the column
 * it is mapped to; every other header is kept as it is (so unmapped files work unchanged).
 */
export function mapHeader(header: string[], mapping: ColumnMapping = {}): string[] {
  const ours = new Map(Object.entries(mapping).flatMap(([col, theirs]) => (theirs ? [[theirs.trim().toLowerCase(), col] as const] : [])));
  return header.map((h) => ours.get(h.trim().toLowerCase()) ?? h.toLowerCase());
}
