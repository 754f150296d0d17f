import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.ts';
import { configFromEnv, DEMO_PASSWORD } from '../config.ts';
import { APP_ROLE } from '../db/roles.ts';
import { createTestDatabase, type TestDatabase } from '../test/harness.ts';
import { prepareDatabase } from './bootstrap.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const opts = { appRole: inject('pgOwnerRole') ? APP_ROLE.name : null };
const withoutAdmin = () => db.ownerPool.query(`DELETE FROM accounts WHERE username = 'admin'`);

describe('the admin account on the first start', () => {
  it('gets a random password, printed once, with DEMO=off and no SEED_PASSWORD', async () => {
    await withoutAdmin();
    const config = { ...configFromEnv({ DEMO: 'off' }), loginRateLimit: 100 };
    const lines: string[] = [];
    const first = await prepareDatabase(db.ownerPool, config, (l) => lines.push(l), opts);
    expect(first.adminPassword).toMatch(/^[\w-]{16}$/);
    expect(lines.filter((l) => l.includes(first.adminPassword!))).toHaveLength(1);

    const app = await buildApp({ pool: db.pool, config, webDist: null });
    try {
      const login = (password: string) =>
        app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password } });
      expect((await login(first.adminPassword!)).statusCode).toBe(200);
      expect((await login(DEMO_PASSWORD)).statusCode).toBe(401);
    } finally {
      await app.close();
    }

    lines.length = 0;
    const again = await prepareDatabase(db.ownerPool, config, (l) => lines.push(l), opts);
    expect(again.adminPassword).toBeNull();
    expect(lines.join('\n')).not.toContain(first.adminPassword);
  });

  it('refuses a SEED_PASSWORD the password policy refuses, keeps the documented demo one', async () => {
    await withoutAdmin();
    const weak = { ...configFromEnv({ DEMO: 'off', SEED_PASSWORD: '12345678' }) };
    await expect(prepareDatabase(db.ownerPool, weak, () => {}, opts)).rejects.toThrow(
      /SEED_PASSWORD \(admin\): Mật khẩu phải có ít nhất 10 ký tự/,
    );
    const demo = { ...configFromEnv({}), demo: false };
    expect((await prepareDatabase(db.ownerPool, demo, () => {}, opts)).adminPassword).toBeNull();
    expect((await db.pool.query(`SELECT 1 FROM accounts WHERE username = 'admin'`)).rowCount).toBe(1);
  });
});
