import { fieldError } from './errors';

/** Opaque keyset cursors: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends readonly (string | number | null)[]>(
  cursor: string | undefined,
  shape: readonly ('string' | 'number')[],
): T | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i])) {
      return key as unknown as T;
    }
  } catch {
    // fall through to the field error
  }
  throw fieldError('query.cursor', 'invalid_cursor');
}

/** Takes `limit + 1` rows from the repository and turns the extra one into a next cursor. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number | null)[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
