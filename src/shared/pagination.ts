import { decodeCursor, encodeCursor } from '../core/util/cursor.ts';
import { AppError } from './errors.ts';
import type { Page } from './common.ts';

/**
 * Decodes a list cursor into its sort-key tuple; undefined when absent. A cursor we did not make
 * answers `invalid` naming the `cursor` field.
 */
export function readCursor(cursor: string | undefined, arity: number): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  const parts = decodeCursor(cursor, arity);
  if (!parts) throw AppError.invalid('Invalid cursor', [{ path: 'cursor', message: 'Not a cursor from this list' }]);
  return parts;
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only tells that another page
 * exists, and the cursor holds the sort keys of the last item returned.
 */
export function toPage<T>(rows: T[], limit: number, keysOf: (item: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keysOf(last)) : null };
}

/** A (timestamp, id) keyset position from a cursor made by toPage with [isoTime, id]. */
export function timeIdCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  const parts = readCursor(cursor, 2);
  if (!parts) return undefined;
  const at = new Date(String(parts[0]));
  if (Number.isNaN(at.getTime())) throw AppError.invalid('Invalid cursor', [{ path: 'cursor', message: 'Not a cursor from this list' }]);
  return { at, id: String(parts[1]) };
}
