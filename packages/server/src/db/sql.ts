import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Pool, PoolClient } from './pool.ts';

export { type SQL, sql };

const dialect = new PgDialect();

/**
 * Runs a composed `sql` template (parameters stay parameters) and returns its rows. A `name`
 * prepares the statement once per connection and reuses it: for the hot statements whose text
 * never changes (the per-request look-ups), so that PostgreSQL does not parse and plan them again.
 */
export async function query<T = Record<string, unknown>>(
  db: Pool | PoolClient,
  statement: SQL,
  name?: string,
): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  const result = await db.query({
    name: name && statementName(name, text),
    text,
    values: params as unknown[],
  });
  return result.rows as T[];
}

/**
 * A name ending in `*` is completed with a hash of the text: one prepared statement per shape of a
 * statement whose text varies by the caller's scope (a commune, a district, a province account).
 */
function statementName(name: string, text: string): string {
  if (!name.endsWith('*')) return name;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${name.slice(0, -1)}_${(h >>> 0).toString(36)}`;
}

export async function queryOne<T = Record<string, unknown>>(
  db: Pool | PoolClient,
  statement: SQL,
  name?: string,
): Promise<T | undefined> {
  const rows = await query<T>(db, statement, name);
  return rows[0];
}

/** Text a user typed, made literal inside a LIKE pattern: `%`, `_` and `\` match only themselves. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A LIKE pattern matching the text of `expr` anywhere, that text taken literally. The escaping is
 * done in SQL, after `expr` is computed: unaccent() folds ％ into % and ＿ into _, so text escaped
 * before folding would turn back into wildcards.
 */
export function likeContaining(expr: SQL): SQL {
  return sql`'%' || replace(replace(replace(${expr}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
}
