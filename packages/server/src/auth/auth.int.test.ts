import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  type Client,
  createTestApp,
  TEST_PASSWORD,
  type TestContext,
} from '../test/harness.ts';

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
    expect(short.json().error).toMatchObject({ field: 'newPassword', code: 'password_too_short' });
    const ok = await c.post('/api/v1/auth/password', {
      currentPassword: 'test-password-1',
      newPassword: 'new-password-9',
    });
    expect(ok.statusCode).toBe(204);
  });

  it('refuses a weak new password, saying why', async () => {
    const c = await t.as('viewer', '12');
    const { username } = (await c.get('/api/v1/auth/me')).json();
    const refused: [string, string][] = [
      ['password', 'password_too_short'],
      ['12345678', 'password_too_short'],
      ['        ', 'password_blank'],
      ['1234567890', 'password_common'],
      ['MatKhau123', 'password_common'],
      [username.toUpperCase(), 'password_is_username'],
    ];
    for (const [newPassword, code] of refused) {
      const res = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json().error, newPassword).toMatchObject({ code, field: 'newPassword' });
      expect(res.json().error.message, newPassword).toMatch(/^Mật khẩu mới /);
    }
    await t.client().login(username);
  });

  it('ends every other session and revokes every token of the account when its password changes', async () => {
    const c = await t.as('viewer', '12');
    const { username } = (await c.get('/api/v1/auth/me')).json();
    const other = await t.client().login(username);
    const { token } = (await c.post('/api/v1/auth/tokens', { name: 'script' })).json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(
      200,
    );

    const res = await c.post('/api/v1/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'mat-khau-moi-rat-dai',
    });
    expect(res.statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(
      401,
    );
    const { rows } = await t.pool.query(
      `SELECT detail FROM audit_events WHERE action = 'password_change' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0].detail).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });
    await t.client().login(username, 'mat-khau-moi-rat-dai');
  });

  it('never lets a cache keep what an account sees, nor the answer that signs it in', async () => {
    const login = await t
      .client()
      .post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.headers['cache-control']).toBe('no-store');
    const c = await t.as('health_station', '03387');
    for (const url of ['/api/v1/auth/me', '/api/v1/persons', '/api/v1/users']) {
      expect((await c.get(url)).headers['cache-control'], url).toBe('no-store');
    }
    expect((await t.client().get('/api/v1/persons')).headers['cache-control']).toBe('no-store');
    expect((await t.client().get('/api/health')).headers['cache-control']).toBeUndefined();
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

describe('login rate limit', () => {
  let r: TestContext;
  beforeAll(async () => {
    r = await createTestApp({ loginRateLimit: 5, loginAddressRateLimit: 20 });
  });
  afterAll(() => r.close());

  const attempt = (c: Client, username: string, headers: Record<string, string> = {}) =>
    c.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'x' }, headers });

  it('counts every attempt on one username, from any forged address, and audits the real one', async () => {
    const c = r.client();
    const codes: number[] = [];
    for (let i = 1; i <= 12; i++) {
      codes.push((await attempt(c, 'nobody', { 'x-forwarded-for': `198.51.100.${i}` })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, ...Array(7).fill(429)]);
    const { rows } = await r.pool.query(
      `SELECT DISTINCT ip FROM audit_events WHERE action = 'login_failed' AND detail->>'username' = 'nobody'`,
    );
    expect(rows.map((row) => row.ip)).toEqual(['127.0.0.1']);
  });

  it('gives no fresh budget to the same username padded or re-cased', async () => {
    const c = r.client();
    const names = ['admin', ' Admin ', 'ADMIN', 'admin  ', '\tadmin', ' aDmIn'];
    const codes = [];
    for (const name of names) codes.push((await attempt(c, name)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const refused = await c.post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('limits one address spraying many usernames', async () => {
    // 12 + 7 attempts came from this address already: the 20th still passes, the next do not.
    const c = r.client();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await attempt(c, `spray.${i}`)).statusCode);
    expect(codes).toEqual([401, 429, 429]);
  });
});

describe('behind a trusted proxy (TRUST_PROXY)', () => {
  let p: TestContext;
  beforeAll(async () => {
    p = await createTestApp({ trustProxy: ['127.0.0.1'], loginRateLimit: 100, loginAddressRateLimit: 3 });
  });
  afterAll(() => p.close());

  it("takes the client's address from the proxy, for the audit log and the per-address limit", async () => {
    const c = p.client();
    const from = (ip: string, username: string) =>
      c.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: 'x' },
        headers: { 'x-forwarded-for': ip },
      });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await from('203.0.113.7', `ten.${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    expect((await from('203.0.113.8', 'ten.9')).statusCode).toBe(401);
    const { rows } = await p.pool.query(
      `SELECT ip, count(*)::int AS n FROM audit_events WHERE action = 'login_failed' GROUP BY ip ORDER BY ip`,
    );
    expect(rows).toEqual([
      { ip: '203.0.113.7', n: 3 },
      { ip: '203.0.113.8', n: 1 },
    ]);
  });
});
