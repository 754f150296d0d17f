import type { Pool } from '../db/pool.ts';
import { query, queryOne, sql } from '../db/sql.ts';
import type { Principal } from './principal.ts';

/** The account a login names, with what the login checks. */
export async function accountByUsername(pool: Pool, username: string) {
  return queryOne<{ id: string; passwordHash: string; disabled: boolean }>(
    pool,
    sql`SELECT id, password_hash AS "passwordHash", disabled FROM accounts WHERE username = ${username}`,
  );
}

/** The account's own API tokens still in force, newest first. */
export async function apiTokens(pool: Pool, me: Principal) {
  return query(
    pool,
    sql`SELECT id, name, created_at AS "createdAt", last_used_at AS "lastUsedAt" FROM api_tokens
         WHERE account_id = ${me.accountId} AND revoked_at IS NULL ORDER BY created_at DESC`,
  );
}
