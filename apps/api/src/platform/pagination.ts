import { type AnyColumn, and, eq, lt, or, type SQL } from 'drizzle-orm';
import { fieldError } from '../trpc';

/**
 * Keyset pagination over (createdAt desc, id desc): stable under inserts, no OFFSET scans.
 * The cursor is opaque to clients (base64url of the last row's keys).
 */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw fieldError('cursor', 'The page cursor is not valid: start again from the first page.');
  }
  return { createdAt, id };
}

/** Rows strictly after the cursor in (createdAt desc, id desc) order. */
export function afterCursor(cursor: string | undefined, createdAt: AnyColumn, id: AnyColumn): SQL | undefined {
  if (!cursor) return undefined;
  const keys = decodeCursor(cursor);
  return or(lt(createdAt, keys.createdAt), and(eq(createdAt, keys.createdAt), lt(id, keys.id)));
}

/** Take one more than the page to know whether another page follows. */
export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
