import { Type } from 'typebox';
import { badInput } from './errors.ts';

export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};

export const DEFAULT_LIMIT = 50;

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What one element of a keyset cursor holds, as the SQL compares it. */
export type CursorKind = 'int' | 'text' | 'date' | 'timestamp' | 'uuid';

type CursorValue<K extends CursorKind> = K extends 'int' ? number : string;
export type CursorKey<K extends readonly CursorKind[]> = { -readonly [I in keyof K]: CursorValue<K[I]> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})$/;

/** A real calendar day PostgreSQL can hold (there is no year 0). */
function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

const ACCEPTS: Record<CursorKind, (v: unknown) => boolean> = {
  int: (v) => Number.isSafeInteger(v),
  // PostgreSQL text cannot hold a NUL byte; the cursor itself is bounded by PageQuery.
  text: (v) => typeof v === 'string' && !v.includes('\u0000'),
  date: (v) => typeof v === 'string' && isDate(v),
  timestamp: (v) => {
    const m = typeof v === 'string' ? TIMESTAMP.exec(v) : null;
    return m !== null && isDate(m[1]) && !Number.isNaN(Date.parse(v as string));
  },
  uuid: (v) => typeof v === 'string' && UUID.test(v),
};

/**
 * The keyset position a client sent back, or undefined for the first page. Each element is checked
 * against the kind the query compares it as (`decodeCursor(cursor, ['date', 'uuid'])`), so a cursor
 * that was edited or forged is a 400 naming `cursor`, never a SQL error.
 */
export function decodeCursor<const K extends readonly CursorKind[]>(
  cursor: string | undefined,
  kinds: K,
): CursorKey<K> | undefined {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {}
  if (Array.isArray(key) && key.length === kinds.length && kinds.every((kind, i) => ACCEPTS[kind](key[i]))) {
    return key as CursorKey<K>;
  }
  throw badInput('Con trỏ phân trang (cursor) không hợp lệ', 'cursor', 'invalid_cursor');
}

/** Cuts the one extra row fetched to know whether a next page exists. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => unknown[],
): { items: T[]; next?: string } {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, next: encodeCursor(keyOf(items[items.length - 1])) };
}
