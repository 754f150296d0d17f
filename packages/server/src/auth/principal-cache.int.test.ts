import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';
import { principalCacheReady } from './principal-cache.ts';

/**
 * Who is asking is kept in memory for a few seconds; a revoked session must never be served from
 * there, in this process (forgotten when the change commits) or in another (NOTIFY).
 */
let t: TestContext;
let admin: Client;

async function warm(client: Client): Promise<string> {
  for (let i = 0; i < 50 && !principalCacheReady(t.pool); i++) {
    await client.get('/api/v1/auth/me');
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(principalCacheReady(t.pool)).toBe(true);
  const me = await client.get('/api/v1/auth/me');
  expect(me.statusCode).toBe(200);
  return me.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin', null);
});
afterAll(() => t.close());

describe('the principal cache', () => {
  it('serves a session from memory: a change made behind the app’s back is not read on every request', async () => {
    const viewer = await t.as('viewer', '03387');
    const id = await warm(viewer);
    await t.ownerPool.query(`UPDATE accounts SET full_name = 'Đổi sau lưng' WHERE id = $1`, [id]);
    expect((await viewer.get('/api/v1/auth/me')).json().fullName).not.toBe('Đổi sau lưng');
  });

  it('forgets a session at once when its account is disabled, its password reset or its role changed', async () => {
    for (const change of [
      (id: string) => admin.patch(`/api/v1/users/${id}`, { disabled: true }),
      (id: string) => admin.post(`/api/v1/users/${id}/password`, { password: 'một mật khẩu mới rất dài' }),
      (id: string) => admin.patch(`/api/v1/users/${id}`, { role: 'health_station' }),
    ]) {
      const user = await t.as('viewer', '03387');
      const id = await warm(user);
      const res = await change(id);
      expect(res.statusCode).toBeLessThan(300);
      const after = await user.get('/api/v1/auth/me');
      if (after.statusCode === 200) expect(after.json().role).toBe('health_station');
      else expect(after.statusCode).toBe(401);
    }
  });

  it('forgets a session at once on logout', async () => {
    const user = await t.as('viewer', '03387');
    await warm(user);
    const cookie = (user as unknown as { cookies: Map<string, string> }).cookies.get('td_session')!;
    expect((await user.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const replay = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `td_session=${cookie}` },
    });
    expect(replay.statusCode).toBe(401);
  });

  it('hears another process forget an account through PostgreSQL NOTIFY', async () => {
    const user = await t.as('viewer', '03387');
    const id = await warm(user);
    // Another process disables the account and says so, as the app does in its transaction.
    const other = await t.ownerPool.connect();
    try {
      await other.query('BEGIN');
      await other.query('UPDATE accounts SET disabled = true WHERE id = $1', [id]);
      await other.query(`SELECT pg_notify('tuyendau_principals', $1)`, [`account:${id}`]);
      await other.query('COMMIT');
    } finally {
      other.release();
    }
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i++) {
      status = (await user.get('/api/v1/auth/me')).statusCode;
      if (status === 200) await new Promise((r) => setTimeout(r, 10));
    }
    expect(status).toBe(401);
  });
});
