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

/** The keyset position a client sent back, or undefined for the first page. */
export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity) return key;
  } catch {}
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
