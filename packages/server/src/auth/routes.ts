import { Type } from 'typebox';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { loginRateLimit } from './login-limit.ts';
import { CSRF_COOKIE, type Principal, SESSION_COOKIE, SESSION_HOURS } from './principal.ts';
import { apiTokens } from './queries.ts';
import { changeOwnPassword, createApiToken, login, logout, revokeApiToken } from './service.ts';

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
      const { token, csrf, principal: p } = await login(pool, request, username, password);
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
      await logout(pool, request, principal(request), request.cookies[SESSION_COOKIE]);
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
      const cookie = me.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      const body = request.body as { currentPassword: string; newPassword: string };
      await changeOwnPassword(pool, request, me, body, cookie);
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/tokens',
    { config: { access: 'authenticated', jurisdiction: 'none' }, schema: { tags: ['auth'] } },
    async (request) => ({ items: await apiTokens(pool, principal(request)) }),
  );

  app.post(
    '/auth/tokens',
    {
      config: { access: 'authenticated', jurisdiction: 'none' },
      schema: { tags: ['auth'], body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }) },
    },
    async (request, reply) => {
      const { name } = request.body as { name: string };
      return reply.code(201).send(await createApiToken(pool, request, principal(request), name));
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { access: 'authenticated', jurisdiction: 'none' },
      schema: { tags: ['auth'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    },
    async (request, reply) => {
      await revokeApiToken(pool, request, principal(request), (request.params as { id: string }).id);
      return reply.code(204).send();
    },
  );
};
