/**
 * Opaque pagination cursors: base64url of a JSON tuple. `decodeCursor` returns undefined for
 * anything that is not a cursor we made, so callers can answer `invalid` naming the field.
 */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] | undefined {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== arity) return undefined;
    if (!parts.every((p) => typeof p === 'string' || typeof p === 'number')) return undefined;
    return parts as (string | number)[];
  } catch {
    return undefined;
  }
}
