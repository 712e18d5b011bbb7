import { stringify } from 'csv-stringify/sync';

/**
 * RFC 4180 CSV for downloads, guarded against formula injection: a text cell starting with `=`, `+`,
 * `-`, `@`, tab or carriage return gets a leading `'` so spreadsheets show it as text. Numbers are
 * written as numbers (a negative difference stays `-0.25`).
 */
export function safeCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows as unknown[][], {
    cast: { string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) },
  });
}
