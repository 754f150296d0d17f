import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type TestContext } from '../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 5 });
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('logs the admin in with an HttpOnly session cookie and a readable csrf_token cookie', async () => {
    const res = await t.client().post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'admin', role: 'admin', unit: null });
    const cookies = res.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[];
    const session = cookies.find((c) => c.name === 'td_session');
    const csrf = cookies.find((c) => c.name === 'csrf_token');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(csrf && !csrf.httpOnly).toBe(true);
  });

  it('refuses a wrong password with a clean JSON error and audits the failure', async () => {
    const res = await t
      .client()
      .post('/api/v1/auth/login', { username: 'admin', password: 'wrong-password' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: { code: 'invalid_credentials', message: expect.stringContaining('không đúng') },
    });
    const { rows } = await t.pool.query(`SELECT detail FROM audit_events WHERE action = 'login_failed'`);
    expect(rows.at(-1).detail).toEqual({ username: 'admin' });
  });

  it('rate-limits repeated attempts for the same username', async () => {
    const c = t.client();
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      codes.push((await c.post('/api/v1/auth/login', { username: 'nobody', password: 'x' })).statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
  });

  it('returns me with role, jurisdiction and permissions, and forgets the session after logout', async () => {
    const c = await t.as('health_station', '03387');
    const me = (await c.get('/api/v1/auth/me')).json();
    expect(me).toMatchObject({
      role: 'health_station',
      unit: { code: '03387', name: 'Phường Tân Phong', level: 'commune', provinceCode: '12' },
    });
    expect(me.permissions).toContain('person.write');
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('requires the CSRF header on unsafe requests made with the session cookie', async () => {
    const c = await t.as('health_station', '03387');
    const res = await c.request({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      payload: { name: 'x' },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
    expect((await c.post('/api/v1/auth/tokens', { name: 'x' })).statusCode).toBe(201);
  });

  it('refuses anonymous API calls with 401 JSON, and unknown routes with 404 JSON', async () => {
    const anon = t.client();
    expect((await anon.get('/api/v1/persons')).json().error.code).toBe('unauthenticated');
    const res = await anon.get('/api/v1/nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('answers malformed JSON with a clean 400, never a stack trace', async () => {
    const c = await t.as('health_station', '03387');
    const res = await c.request({
      method: 'POST',
      url: '/api/v1/persons',
      payload: '{"fullName": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_json');
    expect(res.body).not.toMatch(/at .*\.ts/);
  });

  it('changes the own password only with the current one', async () => {
    const c = await t.as('viewer', '12');
    const wrong = await c.post('/api/v1/auth/password', {
      currentPassword: 'nope',
      newPassword: 'new-password-9',
    });
    expect(wrong.json().error).toMatchObject({ field: 'currentPassword' });
    const short = await c.post('/api/v1/auth/password', {
      currentPassword: 'test-password-1',
      newPassword: 'short',
    });
    expect(short.json().error).toMatchObject({ field: 'newPassword', code: 'weak_password' });
    const ok = await c.post('/api/v1/auth/password', {
      currentPassword: 'test-password-1',
      newPassword: 'new-password-9',
    });
    expect(ok.statusCode).toBe(204);
  });

  it('sends security headers', async () => {
    const res = await t.client().get('/api/health');
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('personal API tokens', () => {
  it('lets a script call the API with a bearer token and no CSRF header, until revoked', async () => {
    const c = await t.as('health_officer', '12');
    const created = await c.post('/api/v1/auth/tokens', { name: 'Đồng bộ dữ liệu' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^td_/);
    const listed = (await c.get('/api/v1/auth/tokens')).json().items;
    expect(listed).toEqual([expect.objectContaining({ id, name: 'Đồng bộ dữ liệu' })]);
    expect(JSON.stringify(listed)).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.json().role).toBe('health_officer');
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/households',
      headers: bearer,
      payload: { unitCode: '03387', address: 'Tổ 1' },
    });
    expect(write.statusCode).toBe(201);

    expect((await c.delete(`/api/v1/auth/tokens/${id}`)).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(after.statusCode).toBe(401);
  });
});
