import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../imports/multipart-body.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * Care tiers are data: Lai Châu (12) adds a field hospital tier and retires tier 3; Điện Biên (11)
 * keeps the national defaults. Cases, care events and the case import follow each province's list.
 */
let t: TestContext;
let station12: Client; // Phường Tân Phong 03387, Lai Châu
let station11: Client; // a commune of Điện Biên
let admin12: Client;
let n = 0;

const put = (client: Client, code: string, body: unknown, province?: string) =>
  client.request({
    method: 'PUT',
    url: `/api/v1/care-tiers/${code}${province ? `?province=${province}` : ''}`,
    payload: body as object,
  });

async function person(client: Client, unitCode: string, idNumber?: string) {
  const res = await client.post('/api/v1/persons', {
    fullName: `Lò Thị Tầng ${String.fromCharCode(65 + n++)}`,
    birthDate: '1990-01-01',
    sex: 'female',
    unitCode,
    idNumber,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

let commune11: string;

beforeAll(async () => {
  t = await createTestApp();
  commune11 = (
    await t.pool.query(
      `SELECT code FROM units WHERE province_code = '11' AND level = 'commune'
          AND tree = (SELECT value FROM settings WHERE key = 'unit_tree') ORDER BY code LIMIT 1`,
    )
  ).rows[0].code;
  station12 = await t.as('health_station', '03387');
  station11 = await t.as('health_station', commune11);
  admin12 = await t.as('admin', '12');
});
afterAll(() => t.close());

describe('GET /care-tiers', () => {
  it('gives the national defaults to a province without rows of its own, for any account', async () => {
    const res = await station12.get('/api/v1/care-tiers');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      provinceCode: '12',
      items: [
        { code: 'hospital_t1', name: 'Cơ sở điều trị tầng 1', tier: 1, active: true, own: false },
        { code: 'hospital_t2', name: 'Cơ sở điều trị tầng 2', tier: 2, active: true, own: false },
        { code: 'hospital_t3', name: 'Cơ sở điều trị tầng 3', tier: 3, active: true, own: false },
      ],
    });
    expect((await station12.get('/api/v1/care-tiers?province=11')).json().provinceCode).toBe('11');
    expect((await station12.get('/api/v1/care-tiers?province=99')).statusCode).toBe(404);
    expect((await t.client().get('/api/v1/care-tiers')).statusCode).toBe(401);
  });
});

describe('PUT /care-tiers/:code', () => {
  it('lets the province administrator add, rename and retire tiers of their own province, audited', async () => {
    const added = await put(admin12, 'field_1', { name: 'Bệnh viện dã chiến Lai Châu', tier: 1 });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({
      code: 'field_1',
      name: 'Bệnh viện dã chiến Lai Châu',
      tier: 1,
      active: true,
      own: true,
    });
    const retired = await put(admin12, 'hospital_t3', { active: false }, '12');
    expect(retired.json()).toMatchObject({
      code: 'hospital_t3',
      name: 'Cơ sở điều trị tầng 3',
      active: false,
      own: true,
    });
    const renamed = await put(admin12, 'hospital_t2', { name: 'Bệnh viện Đa khoa tỉnh (tầng 2)' });
    expect(renamed.json()).toMatchObject({ name: 'Bệnh viện Đa khoa tỉnh (tầng 2)', tier: 2, own: true });

    const items = (await station12.get('/api/v1/care-tiers')).json().items;
    expect(items.map((i: { code: string; active: boolean }) => `${i.code}:${i.active}`)).toEqual([
      'field_1:true',
      'hospital_t1:true',
      'hospital_t2:true',
      'hospital_t3:false',
    ]);
    // The defaults themselves are untouched: another province still has all three.
    const other = (await station12.get('/api/v1/care-tiers?province=11')).json().items;
    expect(other.map((i: { name: string }) => i.name)).toEqual([
      'Cơ sở điều trị tầng 1',
      'Cơ sở điều trị tầng 2',
      'Cơ sở điều trị tầng 3',
    ]);
    const audit = await t.pool.query(
      `SELECT action, entity_id, province_code, detail FROM audit_events WHERE entity = 'care_tier' ORDER BY id`,
    );
    expect(audit.rows.map((r) => `${r.action} ${r.entity_id} ${r.province_code}`)).toEqual([
      'create 12:field_1 12',
      'update 12:hospital_t3 12',
      'update 12:hospital_t2 12',
    ]);
    expect(audit.rows[1].detail).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it('refuses another province, a commune administrator, other roles, fixed places and bad input', async () => {
    const other = await put(admin12, 'field_9', { name: 'Lạ', tier: 1 }, '11');
    expect(other.statusCode).toBe(403);
    const communeAdmin = await t.as('admin', '03387');
    expect((await put(communeAdmin, 'field_9', { name: 'Lạ', tier: 1 })).statusCode).toBe(403);
    expect((await put(station12, 'field_9', { name: 'Lạ', tier: 1 })).statusCode).toBe(403);
    expect((await put(admin12, 'home', { name: 'Nhà', tier: 1 })).json().error.field).toBe('code');
    expect((await put(admin12, 'Tầng 4', { name: 'Tầng 4', tier: 4 })).json().error.field).toBe('code');
    expect((await put(admin12, 'field_9', { name: 'Thiếu cấp' })).json().error.field).toBe('tier');
    expect((await put(admin12, 'field_1', { name: '  ' })).json().error.field).toBe('name');
    const rows = await t.pool.query(`SELECT 1 FROM care_tiers WHERE code = 'field_9'`);
    expect(rows.rowCount).toBe(0);
  });

  it('lets a national administrator change any province', async () => {
    const national = await t.as('admin', null);
    const res = await put(national, 'field_db', { name: 'Bệnh viện dã chiến Điện Biên', tier: 1 }, '11');
    expect(res.statusCode, res.body).toBe(200);
    await put(national, 'field_db', { active: false }, '11');
  });
});

describe('cases follow the tiers of their province', () => {
  it('accepts a province-specific tier for that province and refuses it in another; defaults still work', async () => {
    const a = await person(station12, '03387');
    const b = await person(station11, commune11);
    const mine = await station12.post('/api/v1/cases', {
      personId: a.id,
      detectedOn: '2021-09-01',
      foundBy: 'community',
      carePlace: 'field_1',
    });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().carePlace).toBe('field_1');
    const theirs = await station11.post('/api/v1/cases', {
      personId: b.id,
      detectedOn: '2021-09-01',
      foundBy: 'community',
      carePlace: 'field_1',
    });
    expect(theirs.statusCode).toBe(400);
    expect(theirs.json().error).toMatchObject({ code: 'care_place_unknown', field: 'carePlace' });
    // Retired in Lai Châu, still a default tier in Điện Biên.
    const retired = await station12.post('/api/v1/cases', {
      personId: (await person(station12, '03387')).id,
      detectedOn: '2021-09-01',
      carePlace: 'hospital_t3',
    });
    expect(retired.json().error?.field).toBe('carePlace');
    const b2 = await station11.post('/api/v1/cases', {
      personId: b.id,
      detectedOn: '2021-09-01',
      foundBy: 'community',
      carePlace: 'hospital_t3',
    });
    expect(b2.statusCode, b2.body).toBe(201);

    // Care events: the same list.
    const move = (client: Client, id: string, value: string) =>
      client.post(`/api/v1/cases/${id}/events`, { kind: 'care', on: '2021-09-02', value });
    expect((await move(station11, b2.json().id, 'field_1')).json().error).toMatchObject({
      code: 'care_place_unknown',
      field: 'value',
    });
    expect((await move(station11, b2.json().id, 'hospital_t2')).statusCode).toBe(200);
    expect((await move(station12, mine.json().id, 'hospital_t3')).json().error?.field).toBe('value');
    expect((await move(station12, mine.json().id, 'facility')).statusCode).toBe(200);
    expect((await move(station12, mine.json().id, 'field_1')).statusCode).toBe(200);

    // The case page names the tier in its isolation reasons.
    const page = (await station12.get(`/api/v1/cases/${mine.json().id}`)).json();
    expect(page.isolation.reasons[0]).toBe(
      'Phát hiện ngày 01/09/2021, điều trị tại bệnh viện dã chiến Lai Châu',
    );
  });

  it('matches the import by tier name or code per province, in one pass, and rejects others', async () => {
    await person(station12, '03387', '012190000201');
    await person(station11, commune11, '011190000202');
    const national = await t.as('health_officer', null);
    const file =
      'Mã BN,Số CCCD,Ngày phát hiện,Nơi điều trị\n' +
      'TT-1,012190000201,05/09/2021,bệnh viện dã chiến lai châu\n' +
      'TT-2,011190000202,05/09/2021,Bệnh viện dã chiến Lai Châu\n' +
      'TT-3,011190000202,06/09/2021,Tầng 3\n';
    const { payload, headers } = multipartFile('f0.csv', file);
    const res = await national.request({ method: 'POST', url: '/api/v1/cases/import', payload, headers });
    expect(res.statusCode).toBe(400);
    const rejected = res.json().error.rejected;
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ row: 3, field: 'carePlace' });
    expect(rejected[0].message).toContain('Cơ sở điều trị tầng 3');
    const fixed = file.replace('TT-2,011190000202,05/09/2021,Bệnh viện dã chiến Lai Châu\n', '');
    const again = multipartFile('f0.csv', fixed);
    const ok = await national.request({
      method: 'POST',
      url: '/api/v1/cases/import',
      payload: again.payload,
      headers: again.headers,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const { rows } = await t.pool.query(
      `SELECT external_ref, care_place FROM cases WHERE external_ref LIKE 'TT-%' ORDER BY external_ref`,
    );
    expect(rows).toEqual([
      { external_ref: 'TT-1', care_place: 'field_1' },
      { external_ref: 'TT-3', care_place: 'hospital_t3' },
    ]);
  });
});
