import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.ts';
import { inTransaction, type Pool } from '../db/pool.ts';
import { query, queryOne, sql } from '../db/sql.ts';
import { AppError, badInput, notFound } from '../http/errors.ts';
import { loginName } from './login-limit.ts';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords.ts';
import { newSecret, type Principal, principalForAccount, SESSION_HOURS, sha256 } from './principal.ts';
import { cacheKey, forgetAccount, forgetKey } from './principal-cache.ts';
import { accountByUsername } from './queries.ts';
import { endSessionsAndTokens } from './sessions.ts';

// A hash to compare against when the username does not exist, so timing does not reveal it.
const dummyHash = hashPassword('not-a-real-password');

/**
 * Signs an account in: the password must match, the account be enabled and its jurisdiction
 * resolve (refused before any session exists). Returns the new session's secrets.
 */
export async function login(
  pool: Pool,
  request: FastifyRequest,
  username: string,
  password: string,
): Promise<{ token: string; csrf: string; principal: Principal }> {
  const account = await accountByUsername(pool, loginName(username));
  const ok = await verifyPassword(account?.passwordHash ?? (await dummyHash), password);
  if (!account || !ok || account.disabled) {
    await recordAudit(pool, request, {
      action: 'login_failed',
      entity: 'account',
      entityId: account?.id,
      detail: { username },
    });
    throw new AppError(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');
  }
  let p: Principal;
  try {
    p = (await principalForAccount(pool, account.id))!;
  } catch (err) {
    await recordAudit(pool, request, { action: 'login_refused', entity: 'account', entityId: account.id });
    throw err;
  }
  const token = newSecret();
  const csrf = newSecret(24);
  await pool.query(
    `INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at, ip)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5)`,
    [sha256(token), account.id, csrf, SESSION_HOURS, request.ip],
  );
  await pool.query('UPDATE accounts SET last_login_at = now() WHERE id = $1', [account.id]);
  await pool.query('DELETE FROM sessions WHERE account_id = $1 AND expires_at < now()', [account.id]);
  await recordAudit(
    pool,
    request,
    {
      action: 'login',
      entity: 'account',
      entityId: account.id,
      place: p.unit ? { unitCode: p.unit.code, provinceCode: p.unit.provinceCode } : null,
    },
    p,
  );
  return { token, csrf, principal: p };
}

/** Ends one session (its cookie) everywhere at once. */
export async function logout(pool: Pool, request: FastifyRequest, me: Principal, cookie?: string) {
  if (cookie) {
    await pool.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(cookie)]);
    await forgetKey(pool, cacheKey('session', sha256(cookie)));
  }
  await recordAudit(pool, request, { action: 'logout', entity: 'account', entityId: me.accountId });
}

/**
 * Changes one's own password, given the current one: whoever knew the old password is signed out
 * everywhere (sessions ended, tokens revoked), except the session making the change.
 */
export async function changeOwnPassword(
  pool: Pool,
  request: FastifyRequest,
  me: Principal,
  body: { currentPassword: string; newPassword: string },
  cookie?: string,
) {
  const row = await queryOne<{ passwordHash: string }>(
    pool,
    sql`SELECT password_hash AS "passwordHash" FROM accounts WHERE id = ${me.accountId}`,
  );
  if (!row || !(await verifyPassword(row.passwordHash, body.currentPassword))) {
    throw badInput('Mật khẩu hiện tại không đúng', 'currentPassword', 'wrong_password');
  }
  checkNewPassword(body.newPassword, { field: 'newPassword', label: 'Mật khẩu mới', username: me.username });
  const hash = await hashPassword(body.newPassword);
  await inTransaction(pool, async (c) => {
    await c.query('UPDATE accounts SET password_hash = $1, generation = generation + 1 WHERE id = $2', [
      hash,
      me.accountId,
    ]);
    const ended = await endSessionsAndTokens(c, me.accountId, {
      keepSessionHash: cookie ? sha256(cookie) : undefined,
    });
    await recordAudit(c, request, {
      action: 'password_change',
      entity: 'account',
      entityId: me.accountId,
      detail: ended,
    });
  });
}

/** A new personal API token; its secret is shown once, only its hash is kept. */
export async function createApiToken(pool: Pool, request: FastifyRequest, me: Principal, name: string) {
  const token = `td_${newSecret()}`;
  const row = await queryOne<{ id: string }>(
    pool,
    sql`INSERT INTO api_tokens (account_id, name, token_hash)
        VALUES (${me.accountId}, ${name.trim()}, ${sha256(token)})
        RETURNING id, name, created_at AS "createdAt"`,
  );
  await recordAudit(pool, request, { action: 'create', entity: 'api_token', entityId: row!.id });
  return { ...row, token };
}

/** Revokes one of the account's own tokens at once. */
export async function revokeApiToken(pool: Pool, request: FastifyRequest, me: Principal, id: string) {
  const rows = await query(
    pool,
    sql`UPDATE api_tokens SET revoked_at = now()
         WHERE id = ${id} AND account_id = ${me.accountId} AND revoked_at IS NULL RETURNING id`,
  );
  if (!rows.length) throw notFound('Không tìm thấy mã truy cập này');
  await forgetAccount(pool, me.accountId);
  await recordAudit(pool, request, { action: 'revoke', entity: 'api_token', entityId: id });
}
