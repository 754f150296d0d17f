import { Type } from 'typebox';
import { recordAudit } from '../audit/audit.ts';
import { inTransaction } from '../db/pool.ts';
import { query, queryOne, sql } from '../db/sql.ts';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { AppError, badInput, notFound } from '../http/errors.ts';
import { loginName, loginRateLimit } from './login-limit.ts';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords.ts';
import {
  CSRF_COOKIE,
  newSecret,
  type Principal,
  principalForAccount,
  SESSION_COOKIE,
  SESSION_HOURS,
  sha256,
} from './principal.ts';
import { cacheKey, forgetAccount, forgetKey } from './principal-cache.ts';
import { endSessionsAndTokens } from './sessions.ts';

const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

/** What the web app needs to know about the signed-in account. */
export function meOf(p: Principal) {
  return {
    id: p.accountId,
    username: p.username,
    fullName: p.fullName,
    role: p.role,
    national: p.national,
    unit: p.unit
      ? { code: p.unit.code, name: p.unit.name, level: p.unit.level, provinceCode: p.unit.provinceCode }
      : null,
    agency: p.agency,
    permissions: p.permissions,
  };
}

// A hash to compare against when the username does not exist, so timing does not reveal it.
const dummyHash = hashPassword('not-a-real-password');

export const authRoutes: Capability = async (app, { pool, config }) => {
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: config.secureCookies };

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], body: LoginBody },
      preHandler: loginRateLimit(app, config),
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const account = await queryOne<{ id: string; passwordHash: string; disabled: boolean }>(
        pool,
        sql`SELECT id, password_hash AS "passwordHash", disabled FROM accounts WHERE username = ${loginName(username)}`,
      );
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
      // An account whose jurisdiction does not resolve is refused before any session exists.
      let p: Principal;
      try {
        p = (await principalForAccount(pool, account.id))!;
      } catch (err) {
        await recordAudit(pool, request, {
          action: 'login_refused',
          entity: 'account',
          entityId: account.id,
        });
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
      const maxAge = SESSION_HOURS * 3600;
      reply.setCookie(SESSION_COOKIE, token, { ...cookieBase, httpOnly: true, maxAge });
      reply.setCookie(CSRF_COOKIE, csrf, { ...cookieBase, httpOnly: false, maxAge });
      return { user: meOf(p) };
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'authenticated', jurisdiction: 'none' }, schema: { tags: ['auth'] } },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        await pool.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(cookie)]);
        await forgetKey(pool, cacheKey('session', sha256(cookie)));
      }
      await recordAudit(pool, request, {
        action: 'logout',
        entity: 'account',
        entityId: principal(request).accountId,
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    { config: { access: 'authenticated', jurisdiction: 'none' }, schema: { tags: ['auth'] } },
    async (request) => meOf(principal(request)),
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'authenticated', jurisdiction: 'none' },
      schema: {
        tags: ['auth'],
        body: Type.Object({
          currentPassword: Type.String({ maxLength: 200 }),
          newPassword: Type.String({ maxLength: 200 }),
        }),
      },
    },
    async (request, reply) => {
      const me = principal(request);
      const { currentPassword, newPassword } = request.body as {
        currentPassword: string;
        newPassword: string;
      };
      const row = await queryOne<{ passwordHash: string }>(
        pool,
        sql`SELECT password_hash AS "passwordHash" FROM accounts WHERE id = ${me.accountId}`,
      );
      if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) {
        throw badInput('Mật khẩu hiện tại không đúng', 'currentPassword', 'wrong_password');
      }
      checkNewPassword(newPassword, { field: 'newPassword', label: 'Mật khẩu mới', username: me.username });
      const hash = await hashPassword(newPassword);
      // Whoever knew the old password is signed out everywhere, except this session.
      const cookie = me.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      await inTransaction(pool, async (c) => {
        await c.query('UPDATE accounts SET password_hash = $1 WHERE id = $2', [hash, me.accountId]);
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
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/tokens',
    { config: { access: 'authenticated', jurisdiction: 'none' }, schema: { tags: ['auth'] } },
    async (request) => {
      const items = await query(
        pool,
        sql`SELECT id, name, created_at AS "createdAt", last_used_at AS "lastUsedAt" FROM api_tokens
           WHERE account_id = ${principal(request).accountId} AND revoked_at IS NULL ORDER BY created_at DESC`,
      );
      return { items };
    },
  );

  app.post(
    '/auth/tokens',
    {
      config: { access: 'authenticated', jurisdiction: 'none' },
      schema: { tags: ['auth'], body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }) },
    },
    async (request, reply) => {
      const me = principal(request);
      const token = `td_${newSecret()}`;
      const row = await queryOne(
        pool,
        sql`INSERT INTO api_tokens (account_id, name, token_hash)
            VALUES (${me.accountId}, ${(request.body as { name: string }).name.trim()}, ${sha256(token)})
            RETURNING id, name, created_at AS "createdAt"`,
      );
      await recordAudit(pool, request, { action: 'create', entity: 'api_token', entityId: String(row?.id) });
      return reply.code(201).send({ ...row, token });
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { access: 'authenticated', jurisdiction: 'none' },
      schema: { tags: ['auth'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const rows = await query(
        pool,
        sql`UPDATE api_tokens SET revoked_at = now()
             WHERE id = ${id} AND account_id = ${principal(request).accountId} AND revoked_at IS NULL RETURNING id`,
      );
      if (!rows.length) throw notFound('Không tìm thấy mã truy cập này');
      await forgetAccount(pool, principal(request).accountId);
      await recordAudit(pool, request, { action: 'revoke', entity: 'api_token', entityId: id });
      return reply.code(204).send();
    },
  );
};
