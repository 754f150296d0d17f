import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Client, createTestApp, type TestContext } from '../test/harness.ts';

let t: TestContext;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.client().login('admin', ADMIN_PASSWORD);
  await t.pool.query(
    `INSERT INTO agencies (code, name, unit_code, province_code) VALUES ('SYT-12', 'Sở Y tế tỉnh Lai Châu', '12', '12')`,
  );
});
afterAll(() => t.close());

/** A bearer header of a new API token of the client's account. */
async function tokenOf(c: Client): Promise<Record<string, string>> {
  const { token } = (await c.post('/api/v1/auth/tokens', { name: 'script' })).json();
  return { authorization: `Bearer ${token}` };
}

async function tokenWorks(headers: Record<string, string>): Promise<boolean> {
  return (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode === 200;
}

describe('administration is scoped like data', () => {
  let provinceAdmin: Client;
  let otherProvinceAccount: string;
  let ownStation: string;
  beforeAll(async () => {
    provinceAdmin = await t.as('admin', '12');
    otherProvinceAccount = (
      await admin.post('/api/v1/users', {
        username: 'tram.dienbien',
        password: 'mật khẩu trạm điện biên',
        role: 'health_station',
        unitCode: '03124',
      })
    ).json().id;
    ownStation = (
      await provinceAdmin.post('/api/v1/users', {
        username: 'tram.tanphong',
        password: 'mật khẩu trạm tân phong',
        role: 'health_station',
        unitCode: '03387',
      })
    ).json().id;
  });

  it('lets an administrator of a province manage only that province’s accounts', async () => {
    expect(ownStation).toBeTruthy();
    const list = (await provinceAdmin.get('/api/v1/users?limit=200')).json().items as { username: string }[];
    const names = list.map((u) => u.username);
    expect(names).toContain('tram.tanphong');
    expect(names).not.toContain('tram.dienbien');
    expect(names).not.toContain('admin');
    for (const target of [otherProvinceAccount, (await admin.get('/api/v1/auth/me')).json().id]) {
      expect((await provinceAdmin.patch(`/api/v1/users/${target}`, { disabled: true })).statusCode).toBe(404);
      expect(
        (await provinceAdmin.post(`/api/v1/users/${target}/password`, { password: 'một mật khẩu mới dài' }))
          .statusCode,
      ).toBe(404);
    }
    const { rows } = await t.pool.query(
      `SELECT disabled FROM accounts WHERE username IN ('admin', 'tram.dienbien')`,
    );
    expect(rows.every((r) => r.disabled === false)).toBe(true);
  });

  it('grants no unit outside the jurisdiction, no role above its own, no national scope', async () => {
    const outside = await provinceAdmin.post('/api/v1/users', {
      username: 'chot.dienbien',
      password: 'mật khẩu chốt điện biên',
      role: 'checkpoint',
      unitCode: '11',
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.field).toBe('unitCode');
    const national = await provinceAdmin.post('/api/v1/users', {
      username: 'quantri.toanquoc',
      password: 'mật khẩu quản trị toàn quốc',
      role: 'viewer',
      national: true,
    });
    expect(national.statusCode).toBe(403);
    expect(national.json().error.field).toBe('national');
    const moved = await provinceAdmin.patch(`/api/v1/users/${ownStation}`, { unitCode: '03124' });
    expect(moved.statusCode).toBe(404);
    const officer = await t.as('health_officer', '12');
    // A health officer is no administrator at all; an account with user.admin below admin cannot
    // exist today, so the role rule is checked at the domain level (canGrantRole) and here:
    expect((await officer.get('/api/v1/users')).statusCode).toBe(403);
  });

  it('shows a national administrator’s reading of a person of the province to its administrator', async () => {
    const station = await t.as('health_station', '03387');
    const person = (
      await station.post('/api/v1/persons', {
        fullName: 'Lò Thị Được Đọc',
        birthDate: '1970-01-01',
        sex: 'female',
        unitCode: '03387',
      })
    ).json();
    expect((await admin.get(`/api/v1/persons/${person.id}`)).statusCode).toBe(200);
    const events = (await provinceAdmin.get(`/api/v1/audit?entity=person&entityId=${person.id}`)).json()
      .items;
    expect(events).toEqual(
      expect.arrayContaining([expect.objectContaining({ actorUsername: 'admin', action: 'read' })]),
    );
  });

  it('shows the audit log of its own jurisdiction only', async () => {
    const events = (await provinceAdmin.get('/api/v1/audit?limit=200')).json().items as {
      actorUsername: string;
      entityId: string;
    }[];
    expect(events.some((e) => e.entityId === ownStation)).toBe(true);
    expect(events.some((e) => e.entityId === otherProvinceAccount)).toBe(false);
    // The national admin's own administration of Điện Biên's accounts stays out of sight.
    expect(events.some((e) => e.actorUsername === 'admin' && e.entityId === otherProvinceAccount)).toBe(
      false,
    );
  });

  it('flags an account whose unit does not resolve, and refuses its session with a reason', async () => {
    const lost = await t.as('viewer', '03387');
    const me = (await lost.get('/api/v1/auth/me')).json();
    // As a unit tree switch does: the unit stops resolving, and every process forgets what it cached.
    await t.pool.query(`UPDATE accounts SET unit_code = '99999' WHERE id = $1`, [me.id]);
    await t.pool.query(`SELECT pg_notify('tuyendau_principals', 'all')`);
    // The notification reaches this process within milliseconds.
    let refused = await lost.get('/api/v1/persons');
    for (let i = 0; i < 50 && refused.statusCode === 200; i++) {
      await new Promise((r) => setTimeout(r, 10));
      refused = await lost.get('/api/v1/persons');
    }
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('jurisdiction_unresolved');
    const listed = (await admin.get(`/api/v1/users?q=${me.username}`)).json().items;
    expect(listed).toEqual([expect.objectContaining({ unitCode: '99999', jurisdictionResolved: false })]);
    // A province administrator does not see it: it belongs to no unit of theirs.
    expect((await provinceAdmin.get(`/api/v1/users?q=${me.username}`)).json().items).toEqual([]);
  });
});

describe('account administration', () => {
  let id: string;
  it('creates an account with role, jurisdiction and agency, which can then log in', async () => {
    const res = await admin.post('/api/v1/users', {
      username: 'Yte.LaiChau',
      password: 'mat-khau-manh',
      role: 'health_officer',
      unitCode: '12',
      agencyCode: 'SYT-12',
      fullName: 'Trần Thu Hà',
    });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      username: 'yte.laichau',
      role: 'health_officer',
      unitCode: '12',
      unitName: 'Tỉnh Lai Châu',
      agencyName: 'Sở Y tế tỉnh Lai Châu',
      disabled: false,
    });
    const me = (await t.client().login('yte.laichau', 'mat-khau-manh')).get('/api/v1/auth/me');
    expect((await me).json().agency).toEqual({ code: 'SYT-12', name: 'Sở Y tế tỉnh Lai Châu' });
  });

  it('refuses bad input naming the field', async () => {
    const base = { username: 'moi.taikhoan', password: 'mat-khau-manh', role: 'viewer', unitCode: '12' };
    const cases: [Record<string, unknown>, string][] = [
      [{ username: 'yte.laichau' }, 'username'],
      [{ username: 'có dấu' }, 'username'],
      [{ password: 'ngan' }, 'password'],
      [{ password: 'matkhau123' }, 'password'],
      [{ password: '          ' }, 'password'],
      [{ password: 'Moi.TaiKhoan' }, 'password'],
      [{ role: 'superuser' }, 'role'],
      [{ unitCode: '99999' }, 'unitCode'],
      [{ agencyCode: 'KHONG-CO' }, 'agencyCode'],
    ];
    for (const [change, field] of cases) {
      const res = await admin.post('/api/v1/users', { ...base, ...change });
      expect([400, 404, 409], JSON.stringify(change)).toContain(res.statusCode);
      expect(res.json().error.field, JSON.stringify(change)).toBe(field);
    }
  });

  it('disables an account, which ends its sessions and revokes its tokens', async () => {
    const user = await t.client().login('yte.laichau', 'mat-khau-manh');
    const bearer = await tokenOf(user);
    const res = await admin.patch(`/api/v1/users/${id}`, { disabled: true });
    expect(res.json().disabled).toBe(true);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(await tokenWorks(bearer)).toBe(false);
    const again = await t
      .client()
      .post('/api/v1/auth/login', { username: 'yte.laichau', password: 'mat-khau-manh' });
    expect(again.statusCode).toBe(401);
    await admin.patch(`/api/v1/users/${id}`, { disabled: false });
  });

  it('resets a password, which ends every session and revokes every token of the account', async () => {
    const user = await t.client().login('yte.laichau', 'mat-khau-manh');
    const other = await t.client().login('yte.laichau', 'mat-khau-manh');
    const bearer = await tokenOf(user);
    expect(await tokenWorks(bearer)).toBe(true);
    expect(
      (await admin.post(`/api/v1/users/${id}/password`, { password: 'mat-khau-moi-1' })).statusCode,
    ).toBe(204);
    expect((await user.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(await tokenWorks(bearer)).toBe(false);
    const { rows } = await t.pool.query(
      `SELECT detail FROM audit_events WHERE action = 'password_reset' AND entity_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ detail: { sessionsEnded: 2, tokensRevoked: 1 } }]);
    await t.client().login('yte.laichau', 'mat-khau-moi-1');
  });

  it('refuses a weak password on reset, naming the field and the reason, and changes nothing', async () => {
    const refused: [string, string][] = [
      ['short', 'password_too_short'],
      ['qwertyuiop', 'password_common'],
      ['YTE.LAICHAU', 'password_is_username'],
    ];
    for (const [password, code] of refused) {
      const res = await admin.post(`/api/v1/users/${id}/password`, { password });
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error, password).toMatchObject({ code, field: 'password' });
    }
    await t.client().login('yte.laichau', 'mat-khau-moi-1');
    const missing = await admin.post('/api/v1/users/00000000-0000-4000-8000-000000000000/password', {
      password: 'mat-khau-moi-2',
    });
    expect(missing.statusCode).toBe(404);
  });

  it("keeps the admin's own session when the admin resets their own password", async () => {
    const me = (await admin.get('/api/v1/auth/me')).json();
    const elsewhere = await t.client().login('admin', ADMIN_PASSWORD);
    expect(
      (await admin.post(`/api/v1/users/${me.id}/password`, { password: ADMIN_PASSWORD })).statusCode,
    ).toBe(204);
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('lists and searches accounts without accents', async () => {
    const res = (await admin.get('/api/v1/users?q=tran%20thu')).json();
    expect(res.items.map((u: { username: string }) => u.username)).toEqual(['yte.laichau']);
  });

  it('is for admins only', async () => {
    const officer = await t.as('command_center', '12');
    expect((await officer.get('/api/v1/users')).statusCode).toBe(403);
    const res = await officer.post('/api/v1/users', {
      username: 'ke.gian',
      password: 'mat-khau-manh',
      role: 'admin',
      unitCode: '12',
    });
    expect(res.statusCode).toBe(403);
    expect((await t.pool.query(`SELECT 1 FROM accounts WHERE username = 'ke.gian'`)).rowCount).toBe(0);
  });
});

describe('audit log', () => {
  it('is append-only in the database itself: by privileges for the app, by trigger for the owner', async () => {
    await expect(t.pool.query('UPDATE audit_events SET action = $1', ['x'])).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.pool.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
    await expect(t.ownerPool.query('UPDATE audit_events SET action = $1', ['x'])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.ownerPool.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
  });

  it('lets admins browse it, newest first, filtered by actor and action', async () => {
    const res = (await admin.get('/api/v1/audit?actor=admin&action=create')).json();
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items[0]).toMatchObject({ actorUsername: 'admin', action: 'create', entity: 'account' });
    const ids = res.items.map((e: { id: number }) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const viewer = await t.as('viewer', '12');
    expect((await viewer.get('/api/v1/audit')).statusCode).toBe(403);
  });
});

describe('an account whose unit does not resolve', () => {
  it('cannot log in, and is told why', async () => {
    await admin.post('/api/v1/users', {
      username: 'xem.mat.dia.ban',
      password: 'mật khẩu người xem',
      role: 'viewer',
      unitCode: '03387',
    });
    await t.pool.query(`UPDATE accounts SET unit_code = '99998' WHERE username = 'xem.mat.dia.ban'`);
    const res = await t.client().post('/api/v1/auth/login', {
      username: 'xem.mat.dia.ban',
      password: 'mật khẩu người xem',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'jurisdiction_unresolved' });
    expect(res.json().error.message).toContain('99998');
    const { rows } = await t.pool.query(
      `SELECT count(*)::int AS n FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.username = 'xem.mat.dia.ban'`,
    );
    expect(rows[0].n).toBe(0);
  });
});
