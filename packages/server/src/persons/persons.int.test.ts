import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushReads } from '../audit/audit.ts';
import { sql } from '../db/sql.ts';
import { decodeCursor } from '../http/pagination.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';
import { searchPersons } from './queries.ts';

let t: TestContext;
let station: Client; // Phường Tân Phong (03387), TP Lai Châu (105)
const person = {
  fullName: 'đỗ thị hồng nhung',
  birthDate: '1995-03-14',
  sex: 'female',
  idNumber: '012195001234',
  phone: '+84 912 345 678',
  unitCode: '03387',
  address: 'Số 12, tổ dân phố 3',
  flags: ['poor_household'],
};

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
});
afterAll(() => t.close());

describe('registering people', () => {
  let id: string;
  it('creates a person with a normalised name and phone', async () => {
    const res = await station.post('/api/v1/persons', person);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    id = body.id;
    expect(body).toMatchObject({
      fullName: 'Đỗ Thị Hồng Nhung',
      idType: 'cccd',
      idNumber: '012195001234',
      phone: '0912345678',
      unitCode: '03387',
      unitName: 'Phường Tân Phong',
      flags: ['poor_household'],
    });
    const { rows } = await t.pool.query('SELECT name_folded, province_code FROM persons WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ name_folded: 'do thi hong nhung', province_code: '12' });
  });

  it('refuses an invalid CCCD, naming the field, and writes nothing', async () => {
    const before = (await t.pool.query('SELECT count(*)::int AS n FROM persons')).rows[0].n;
    const res = await station.post('/api/v1/persons', { ...person, idNumber: '012095001235' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'cccd_century_sex', field: 'idNumber' });
    const bad = await station.post('/api/v1/persons', { ...person, idNumber: '999195001235' });
    expect(bad.json().error).toMatchObject({ code: 'cccd_province', field: 'idNumber' });
    expect((await t.pool.query('SELECT count(*)::int AS n FROM persons')).rows[0].n).toBe(before);
  });

  it('reports every problem of a form at once, each with its field', async () => {
    const res = await station.post('/api/v1/persons', {
      ...person,
      idNumber: null,
      birthDate: '2999-01-01',
      phone: '12345',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['birthDate', 'phone']));
  });

  it('does not register the same CCCD twice', async () => {
    const res = await station.post('/api/v1/persons', { ...person, fullName: 'Người Khác' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'duplicate_id_number',
      field: 'idNumber',
      existingId: id,
    });
  });

  it('refuses a residence outside the jurisdiction or above commune level', async () => {
    const other = await station.post('/api/v1/persons', { ...person, idNumber: null, unitCode: '03409' });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.field).toBe('unitCode');
    const officer = await t.as('health_officer', '12');
    const district = await officer.post('/api/v1/persons', { ...person, idNumber: null, unitCode: '105' });
    expect(district.json().error).toMatchObject({ code: 'unit_not_commune', field: 'unitCode' });
  });

  it('edits a person and audits the change', async () => {
    const res = await station.patch(`/api/v1/persons/${id}`, { address: 'Số 14, tổ dân phố 3', phone: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ address: 'Số 14, tổ dân phố 3', phone: null });
    const bad = await station.patch(`/api/v1/persons/${id}`, { birthDate: '1990-02-30' });
    expect(bad.json().error.field).toBe('birthDate');
    const { rows } = await t.pool.query(
      `SELECT detail FROM audit_events WHERE action = 'update' AND entity = 'person' AND entity_id = $1`,
      [id],
    );
    expect(rows[0].detail.changed).toEqual(expect.arrayContaining(['address', 'phone']));
  });
});

describe('finding people', () => {
  beforeAll(async () => {
    const names = ['Lò Văn Páo', 'Lò Thị Mai', 'Giàng A Chư', 'Nguyễn Văn Đức', 'Lường Văn Lả'];
    const districtOfficer = await t.as('health_officer', '105');
    for (const [i, fullName] of names.entries()) {
      const res = await districtOfficer.post('/api/v1/persons', {
        fullName,
        birthDate: `198${i}-01-0${i + 1}`,
        sex: fullName.includes('Thị') ? 'female' : 'male',
        unitCode: i < 4 ? '03387' : '03386',
        phone: `098765432${i}`,
      });
      expect(res.statusCode).toBe(201);
    }
  });

  it('finds by name typed without diacritics', async () => {
    const res = await station.get('/api/v1/persons?q=nguyen%20van%20duc');
    expect(res.json().items.map((p: { fullName: string }) => p.fullName)).toEqual(['Nguyễn Văn Đức']);
    const lo = await station.get('/api/v1/persons?q=LO');
    expect(lo.json().items.map((p: { fullName: string }) => p.fullName)).toEqual([
      'Lò Thị Mai',
      'Lò Văn Páo',
    ]);
  });

  it('lists names that start with the term first, then names that contain it, across pages', async () => {
    const first = (await station.get('/api/v1/persons?q=n&limit=2')).json();
    const rest = (await station.get(`/api/v1/persons?q=n&limit=2&cursor=${first.next}`)).json();
    expect([...first.items, ...rest.items].map((p: { fullName: string }) => p.fullName)).toEqual([
      'Nguyễn Văn Đức',
      'Đỗ Thị Hồng Nhung',
      'Giàng A Chư',
      'Lò Văn Páo',
    ]);
    expect(rest.next).toBeUndefined();
  });

  it('finds rare substrings through the trigram index in the same order as the name index walk', async () => {
    const everyone = [sql`p.province_code = '12'`];
    const dense = await searchPersons(t.pool, everyone, 'a', undefined, 3, { broad: true });
    const sparse = await searchPersons(t.pool, everyone, 'a', undefined, 3, { broad: true, probeRows: 1 });
    expect(sparse.items.map((p) => p.id)).toEqual(dense.items.map((p) => p.id));
    expect(dense.items).toHaveLength(3);
    const rest = await searchPersons(
      t.pool,
      everyone,
      'a',
      decodeCursor(sparse.next, ['int', 'text', 'uuid']),
      50,
      {
        broad: true,
        probeRows: 1,
      },
    );
    const all = await searchPersons(t.pool, everyone, 'a', undefined, 50);
    expect([...sparse.items, ...rest.items].map((p) => p.id)).toEqual(all.items.map((p) => p.id));
  });

  it('finds by CCCD and by phone in any written form', async () => {
    const byId = await station.get('/api/v1/persons?q=012195001234');
    expect(byId.json().items).toHaveLength(1);
    const byPhone = await station.get(`/api/v1/persons?q=${encodeURIComponent('+84 987 654 322')}`);
    expect(byPhone.json().items.map((p: { fullName: string }) => p.fullName)).toEqual(['Giàng A Chư']);
  });

  it('pages with a cursor and never repeats a row', async () => {
    const first = (await station.get('/api/v1/persons?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await station.get(`/api/v1/persons?limit=2&cursor=${first.next}`)).json();
    const third = (await station.get(`/api/v1/persons?limit=2&cursor=${second.next}`)).json();
    const ids = [...first.items, ...second.items, ...third.items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(5);
    expect(third.next).toBeUndefined();
    expect((await station.get('/api/v1/persons?cursor=garbage')).json().error.field).toBe('cursor');
  });

  it('shows a commune only its own people, and a district all of its communes', async () => {
    const neighbour = await t.as('health_station', '03386');
    const theirs = (await neighbour.get('/api/v1/persons')).json().items;
    expect(theirs.map((p: { fullName: string }) => p.fullName)).toEqual(['Lường Văn Lả']);
    const district = await t.as('command_center', '105');
    expect((await district.get('/api/v1/persons')).json().items).toHaveLength(6);
    const filtered = (await district.get('/api/v1/persons?unit=03386')).json().items;
    expect(filtered).toHaveLength(1);
    const otherDistrict = await t.as('command_center', '106');
    expect((await otherDistrict.get('/api/v1/persons')).json().items).toHaveLength(0);
    expect((await otherDistrict.get('/api/v1/persons?unit=105')).statusCode).toBe(404);
  });

  it('answers 404, not 403, for a person of another commune', async () => {
    const [p] = (await station.get('/api/v1/persons?q=nguyen')).json().items;
    const neighbour = await t.as('health_station', '03386');
    const res = await neighbour.get(`/api/v1/persons/${p.id}`);
    expect(res.statusCode).toBe(404);
    const patch = await neighbour.patch(`/api/v1/persons/${p.id}`, { address: 'x' });
    expect(patch.statusCode).toBe(404);
  });

  it('masks CCCD and phone for roles that do not need them', async () => {
    const viewer = await t.as('viewer', '12');
    const [p] = (await viewer.get('/api/v1/persons?q=do%20thi%20hong')).json().items;
    expect(p.idNumber).toBe('*********234');
    const station2 = (await station.get('/api/v1/persons?q=giang')).json().items[0];
    expect(station2.phone).toBe('0987654322');
    const masked = (await viewer.get(`/api/v1/persons/${station2.id}`)).json();
    expect(masked.phone).toBe('*******322');
  });
});

describe('a person page', () => {
  it('shows the unit path and the household, and audits the read', async () => {
    const household = (
      await station.post('/api/v1/households', { unitCode: '03387', address: 'Số 5' })
    ).json();
    const a = (
      await station.post('/api/v1/persons', {
        fullName: 'Tòng Văn Khoa',
        birthDate: '1970-05-05',
        sex: 'male',
        unitCode: '03387',
        householdId: household.id,
      })
    ).json();
    await station.post('/api/v1/persons', {
      fullName: 'Tòng Thị Hoa',
      birthDate: '2001-05-05',
      sex: 'female',
      unitCode: '03387',
      householdId: household.id,
    });
    const page = (await station.get(`/api/v1/persons/${a.id}`)).json();
    expect(page.unit.path.map((u: { code: string }) => u.code)).toEqual(['12', '105', '03387']);
    expect(page.household.members.map((m: { fullName: string }) => m.fullName)).toEqual([
      'Tòng Văn Khoa',
      'Tòng Thị Hoa',
    ]);
    await flushReads(t.pool);
    const { rows } = await t.pool.query(
      `SELECT actor_username, ip FROM audit_events WHERE action = 'read' AND entity = 'person' AND entity_id = $1`,
      [a.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].ip).toBeTruthy();
  });

  it('refuses a household of another commune', async () => {
    const h = (await station.post('/api/v1/households', { unitCode: '03387' })).json();
    const district = await t.as('health_officer', '105');
    const res = await district.post('/api/v1/persons', {
      fullName: 'Lò Văn Sình',
      birthDate: '1970-05-05',
      sex: 'male',
      unitCode: '03386',
      householdId: h.id,
    });
    expect(res.json().error).toMatchObject({ code: 'household_unit', field: 'householdId' });
  });
});
