import { gunzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../http/time.ts';
import { expectRefusal } from '../../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../../test/harness.ts';

/**
 * The coverage routes on a hand-built city (TP Lai Châu, 105) on 31/08/2022, 12 to under 18:
 * Phường Tân Phong (03387) 4 teenagers, 3 with dose 3; Phường Quyết Thắng (03386) 3, 1 with dose 3
 * by the day and one more on 05/09/2022 (after it); Phường Quyết Tiến (03388) 1, with dose 3.
 * The city: 5 of 8 = 62,5%. An adult of 03387 with 2 doses. Nothing anywhere else in the province.
 */
const D = '2022-08-31';
let t: TestContext;
let province: Client; // health officer of Lai Châu (12): vaccination.manage
let city: Client; // command centre of TP Lai Châu (105)
let station: Client; // health station of 03387
let otherDistrict: Client; // health officer of Huyện Tam Đường (106)
let viewer: Client; // viewer of 105: vaccination.read only

async function person(unit: string, birth: string, doses: string[]): Promise<string> {
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex)
     VALUES ('12', $1, 'Lò Văn Thử', 'lo van thu', $2, 'male') RETURNING id`,
    [unit, birth],
  );
  const id = rows[0].id;
  if (doses.length) {
    await t.pool.query(
      `INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, given_on, source, national_id)
       SELECT '12', $1::uuid, $2, n, CASE WHEN n > 2 THEN 'booster' ELSE 'primary' END, 'pfizer', d::date, 'entry',
              CASE WHEN n = 1 THEN 'VN-' || $1::text END
         FROM unnest($3::text[]) WITH ORDINALITY AS x(d, n)`,
      [id, unit, doses],
    );
  }
  return id;
}

const TEEN = '2006-01-01';
const THREE = ['2021-11-01', '2021-12-01', '2022-07-01'];
const TWO = ['2021-11-01', '2021-12-01'];

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 3; i++) await person('03387', TEEN, THREE);
  await person('03387', TEEN, TWO);
  await person('03387', '1980-05-05', TWO);
  await person('03386', TEEN, THREE);
  await person('03386', TEEN, ['2021-11-01', '2021-12-01', '2022-09-05']);
  await person('03386', TEEN, []);
  await person('03388', TEEN, THREE);
  province = await t.as('health_officer', '12');
  city = await t.as('command_center', '105');
  station = await t.as('health_station', '03387');
  otherDistrict = await t.as('health_officer', '106');
  viewer = await t.as('viewer', '105');
});
afterAll(() => t.close());

const q = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

interface Row {
  unitCode: string;
  unitName: string;
  ageGroup: string;
  dose: number;
  vaccinated: number;
  population: number;
  rate: number | null;
  populationSource: string;
  dropOut: number | null;
  target: { rate: number; deadline: string; unitCode: string } | null;
  shortfall: number | null;
  lagging: boolean | null;
}

describe('GET /vaccination/coverage', () => {
  it('returns the unit then each child unit, per group and dose, with the contract fields', async () => {
    const res = await city.get(`/api/v1/vaccination/coverage?${q({ asOf: D })}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { asOf: string; unit: { code: string }; items: Row[]; children: unknown[] };
    expect(body.asOf).toBe(D);
    expect(body.unit).toMatchObject({ code: '105', name: 'Thành phố Lai Châu', sentenceName: 'TP Lai Châu' });
    expect(body.children).toHaveLength(7);
    // 8 units (the city and its 7 communes) × 5 groups × 4 doses, the city first.
    expect(body.items).toHaveLength(8 * 5 * 4);
    expect(body.items[0]).toMatchObject({ unitCode: '105', ageGroup: '18+', dose: 1 });
    const pick = (unit: string, group: string, dose: number) =>
      body.items.find((r) => r.unitCode === unit && r.ageGroup === group && r.dose === dose)!;
    expect(pick('105', '12-17', 3)).toMatchObject({
      unitName: 'Thành phố Lai Châu',
      vaccinated: 5,
      population: 8,
      rate: 5 / 8,
      populationSource: 'registry',
      dropOut: 2,
      target: null,
      shortfall: null,
    });
    expect(pick('03386', '12-17', 3)).toMatchObject({ vaccinated: 1, population: 3 });
    expect(pick('03386', '12-17', 2)).toMatchObject({ vaccinated: 2, population: 3, dropOut: 0 });
    expect(pick('03387', '18+', 2)).toMatchObject({ vaccinated: 1, population: 1, rate: 1 });
    expect(pick('03389', '12-17', 1)).toMatchObject({ vaccinated: 0, population: 0, rate: null });
  });

  it('answers gzip to a client that takes it, the same rows as plain JSON', async () => {
    const url = `/api/v1/vaccination/coverage?${q({ asOf: D })}`;
    const plain = await city.get(url);
    const packed = await city.request({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(packed.statusCode).toBe(200);
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers.vary).toContain('accept-encoding');
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(gunzipSync(packed.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('moves with the day: the dose of 05/09/2022 counts from that day', async () => {
    const res = await city.get(
      `/api/v1/vaccination/coverage?${q({ asOf: '2022-09-05', ageGroup: '12-17', dose: 3 })}`,
    );
    const rows = res.json().items as Row[];
    expect(rows.map((r) => r.unitCode)).toEqual([
      '105',
      '03386',
      '03387',
      '03388',
      '03389',
      '03403',
      '03408',
      '03409',
    ]);
    expect(rows.find((r) => r.unitCode === '03386')).toMatchObject({ vaccinated: 2, population: 3 });
  });

  it('filters by group and dose; 18+ written unencoded (18 ) is understood', async () => {
    const res = await city.get(`/api/v1/vaccination/coverage?asOf=${D}&ageGroup=18+&dose=2`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().items as Row[];
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.ageGroup === '18+' && r.dose === 2)).toBe(true);
  });

  it("defaults to the caller's unit and to today in Vietnam", async () => {
    const res = await station.get('/api/v1/vaccination/coverage');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe(todayInVietnam());
    expect(body.unit.code).toBe('03387');
    expect(new Set((body.items as Row[]).map((r) => r.unitCode))).toEqual(new Set(['03387']));
    // Today the teenagers of 2022 are adults: 18+ in Tân Phong is them and the adult of 1980.
    expect((body.items as Row[]).find((r) => r.ageGroup === '18+' && r.dose === 3)).toMatchObject({
      vaccinated: 3,
      population: 5,
    });
  });

  it('refuses a unit outside the jurisdiction or unknown with a 404 naming unit', async () => {
    for (const [client, unit] of [
      [station, '105'],
      [station, '03386'],
      [otherDistrict, '105'],
      [otherDistrict, '03387'],
      [province, '11'],
      [province, '99999'],
    ] as [Client, string][]) {
      const res = await client.get(`/api/v1/vaccination/coverage?${q({ unit, asOf: D })}`);
      expect(res.statusCode, `${unit}: ${res.body}`).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'unit_not_found', field: 'unit' });
      expect(res.json().error.message).toContain('nằm ngoài địa bàn của bạn');
    }
  });

  it('refuses a bad or future day, an unknown group or dose, naming the field', async () => {
    for (const asOf of ['2022-02-30', '31/08/2022', 'hôm nay', '0000-01-01']) {
      const res = await city.get(`/api/v1/vaccination/coverage?${q({ asOf })}`);
      expect(res.statusCode, `${asOf}: ${res.body}`).toBe(400);
      expect(res.json().error.field).toBe('asOf');
    }
    const future = await city.get(`/api/v1/vaccination/coverage?${q({ asOf: '2999-01-01' })}`);
    expectRefusal(future, 'as_of_future', 'asOf');
    expect(future.json().error.message).toContain('01/01/2999');
    expectRefusal(
      await city.get(`/api/v1/vaccination/coverage?${q({ ageGroup: '60+' })}`),
      'age_group_invalid',
      'ageGroup',
    );
    const dose = await city.get(`/api/v1/vaccination/coverage?${q({ dose: 5 })}`);
    expect(dose.statusCode).toBe(400);
    expect(dose.json().error.field).toBe('dose');
  });

  it('needs a unit from a national account, and vaccination.read', async () => {
    const admin = await t.as('admin', null);
    expectRefusal(await admin.get('/api/v1/vaccination/coverage'), 'unit_required', 'unit');
    expect((await admin.get(`/api/v1/vaccination/coverage?${q({ unit: '105', asOf: D })}`)).statusCode).toBe(
      200,
    );
    const reporter = await t.as('agency_reporter', '12');
    expect((await reporter.get('/api/v1/vaccination/coverage')).statusCode).toBe(403);
  });
});

describe('the sentence', () => {
  it('writes the paragraph for one group and dose, children in descending order', async () => {
    const res = await city.get(`/api/v1/vaccination/sentence?${q({ asOf: D, ageGroup: '12-17', dose: 3 })}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().text).toBe(
      'Tỷ lệ người từ 12 tuổi đến dưới 18 tuổi được tiêm mũi 3 toàn thành phố đạt 62,5%, trong đó: ' +
        'phường Quyết Tiến 100,0%, phường Tân Phong 75,0%, phường Quyết Thắng 33,3%, ' +
        'phường Đoàn Kết chưa có số liệu, phường Đông Phong chưa có số liệu, xã San Thàng chưa có số liệu, ' +
        'xã Sùng Phài chưa có số liệu.',
    );
  });

  it('names districts as officials do, from the province', async () => {
    const res = await province.get(
      `/api/v1/vaccination/sentence?${q({ asOf: D, ageGroup: '12-17', dose: 3 })}`,
    );
    expect(res.json().text).toMatch(
      /^Tỷ lệ người từ 12 tuổi đến dưới 18 tuổi được tiêm mũi 3 toàn tỉnh đạt 62,5%, trong đó: TP Lai Châu 62,5%, Mường Tè chưa có số liệu, /,
    );
  });

  it('asks for both group and dose, or neither (the conclusion)', async () => {
    expectRefusal(
      await city.get(`/api/v1/vaccination/sentence?${q({ asOf: D, ageGroup: '12-17' })}`),
      'sentence_pair',
      'dose',
    );
    const res = await city.get(`/api/v1/vaccination/sentence?${q({ asOf: D })}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { ageGroup: string; dose: number }) => `${i.ageGroup}:${i.dose}`)).toEqual([
      '18+:3',
      '18+:4',
      '12-17:3',
      '5-11:2',
    ]);
    // 22 doses, the 8 first doses with a national id: 14 not on the platform; nobody to verify.
    expect(body.backlog).toBe(
      'Còn 14 mũi tiêm chưa được cập nhật lên hệ thống, 0 đối tượng thông tin không chính xác chưa được xác minh làm sạch.',
    );
    expect(body.text.split('\n')).toHaveLength(5);
  });
});

describe('targets, lagging units and official populations', () => {
  let targetId: string;

  it('sets a target (vaccination.manage, inside the jurisdiction), refuses a second with the same key', async () => {
    const body = { unitCode: '12', ageGroup: '12-17', dose: 3, targetRate: 90, deadline: '2022-09-30' };
    const res = await province.post('/api/v1/vaccination/targets', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      unitCode: '12',
      unitName: 'Tỉnh Lai Châu',
      targetRate: 90,
      deadline: '2022-09-30',
    });
    targetId = res.json().id;
    const again = await province.post('/api/v1/vaccination/targets', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'target_exists', field: 'deadline' });
    const audit = await t.pool.query(
      `SELECT action, detail FROM audit_events WHERE entity = 'vaccination_target' AND entity_id = $1`,
      [targetId],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].action).toBe('create');
  });

  it('refuses a target outside the jurisdiction, without the permission, or with a bad rate', async () => {
    const body = { unitCode: '105', ageGroup: '18+', dose: 3, targetRate: 90, deadline: '2022-09-30' };
    const outside = await otherDistrict.post('/api/v1/vaccination/targets', body);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toMatchObject({ code: 'unit_not_found', field: 'unitCode' });
    expect((await viewer.post('/api/v1/vaccination/targets', body)).statusCode).toBe(403);
    for (const targetRate of [0, 100.5, 90.25]) {
      const res = await city.post('/api/v1/vaccination/targets', { ...body, targetRate });
      expect(res.statusCode, `${targetRate}: ${res.body}`).toBe(400);
      expect(res.json().error.field).toBe('targetRate');
    }
    expectRefusal(
      await city.post('/api/v1/vaccination/targets', { ...body, ageGroup: 'trẻ em' }),
      'age_group_invalid',
      'ageGroup',
    );
    expect(
      (await otherDistrict.patch(`/api/v1/vaccination/targets/${targetId}`, { targetRate: 10 })).statusCode,
    ).toBe(404);
    expect((await otherDistrict.delete(`/api/v1/vaccination/targets/${targetId}`)).statusCode).toBe(404);
  });

  it('ranks the child units lowest first against the target, with the people still missing', async () => {
    const res = await city.get(`/api/v1/vaccination/lagging?${q({ asOf: D, ageGroup: '12-17', dose: 3 })}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { total: Row; items: Row[]; lagging: number };
    // The city: 90% of 8 is 7.2, so 8 people; 5 vaccinated: 3 missing.
    expect(body.total).toMatchObject({ unitCode: '105', shortfall: 3, lagging: true });
    expect(body.total.target).toMatchObject({ rate: 0.9, deadline: '2022-09-30', unitCode: '12' });
    expect(body.items.slice(0, 3).map((r) => [r.unitCode, r.shortfall, r.lagging])).toEqual([
      ['03386', 2, true], // ceil(2.7) = 3, 1 vaccinated
      ['03387', 1, true], // ceil(3.6) = 4, 3 vaccinated
      ['03388', 0, false],
    ]);
    expect(body.items.slice(3).every((r) => r.rate === null && r.lagging === null)).toBe(true);
    expect(body.lagging).toBe(2);
  });

  it('applies the nearest unit’s target, the earliest deadline not passed', async () => {
    const set = async (unitCode: string, targetRate: number, deadline: string) => {
      const res = await city.post('/api/v1/vaccination/targets', {
        unitCode,
        ageGroup: '12-17',
        dose: 3,
        targetRate,
        deadline,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const passed = await set('03387', 60, '2022-06-30');
    const later = await set('03387', 80, '2022-12-31');
    const rows = (
      await city.get(`/api/v1/vaccination/lagging?${q({ asOf: D, ageGroup: '12-17', dose: 3 })}`)
    ).json().items as Row[];
    const tanPhong = rows.find((r) => r.unitCode === '03387')!;
    expect(tanPhong.target).toMatchObject({ rate: 0.8, deadline: '2022-12-31', unitCode: '03387' });
    expect([tanPhong.shortfall, tanPhong.lagging]).toEqual([1, true]); // ceil(3.2) = 4
    // After its deadline the latest one applies: on 01/01/2023 the 80% (passed) still holds.
    const after = (
      await city.get(`/api/v1/vaccination/lagging?${q({ asOf: '2023-01-01', ageGroup: '12-17', dose: 3 })}`)
    ).json().items as Row[];
    expect(after.find((r) => r.unitCode === '03387')!.target?.deadline).toBe('2022-12-31');

    const changed = await city.patch(`/api/v1/vaccination/targets/${later}`, { targetRate: 75 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().targetRate).toBe(75);
    const met = (
      await city.get(`/api/v1/vaccination/lagging?${q({ asOf: D, ageGroup: '12-17', dose: 3 })}`)
    ).json().items as Row[];
    expect(met.find((r) => r.unitCode === '03387')).toMatchObject({ shortfall: 0, lagging: false });

    expect((await city.delete(`/api/v1/vaccination/targets/${passed}`)).statusCode).toBe(204);
    const list = (await station.get('/api/v1/vaccination/targets')).json().items as {
      id: string;
      unitCode: string;
    }[];
    // The commune sees its own target and the province's above it.
    expect(list.map((x) => x.unitCode).sort()).toEqual(['03387', '12']);
    const actions = await t.pool.query(
      `SELECT action FROM audit_events WHERE entity = 'vaccination_target' AND entity_id = ANY($1) ORDER BY at, action`,
      [[passed, later]],
    );
    expect(actions.rows.map((r) => r.action).sort()).toEqual(['create', 'create', 'delete', 'update']);
  });

  it('names the lagging units in the conclusion with the people still missing', async () => {
    const res = await city.get(`/api/v1/vaccination/sentence?${q({ asOf: D })}`);
    const teen = (res.json().items as { ageGroup: string; dose: number; lagging: string }[]).find(
      (i) => i.ageGroup === '12-17',
    )!;
    expect(teen.lagging).toBe(
      'Tỷ lệ người từ 12 tuổi đến dưới 18 tuổi được tiêm mũi 3 toàn thành phố đạt 62,5%; chưa đạt chỉ tiêu 90,0%: ' +
        'phường Quyết Thắng 33,3% (còn thiếu 2 người).',
    );
  });

  it('divides by the official population once one is set, and by the registry again when removed', async () => {
    const url = '/api/v1/vaccination/population-targets/03386/12-17';
    const put = await city.request({
      method: 'PUT',
      url,
      payload: { population: 4, source: 'QĐ 99/QĐ-UBND' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      unitCode: '03386',
      ageGroup: '12-17',
      population: 4,
      source: 'QĐ 99/QĐ-UBND',
    });
    const rows = (
      await city.get(`/api/v1/vaccination/coverage?${q({ asOf: D, ageGroup: '12-17', dose: 3 })}`)
    ).json().items as Row[];
    expect(rows.find((r) => r.unitCode === '03386')).toMatchObject({
      vaccinated: 1,
      population: 4,
      rate: 0.25,
      populationSource: 'official',
    });
    expect((await station.get('/api/v1/vaccination/population-targets?unit=105')).statusCode).toBe(404);
    const listed = (await city.get('/api/v1/vaccination/population-targets')).json().items;
    expect(listed).toHaveLength(1);
    const outsider = await otherDistrict.request({ method: 'PUT', url, payload: { population: 1 } });
    expect(outsider.statusCode).toBe(404);
    expect((await city.delete(url)).statusCode).toBe(204);
    expect((await city.delete(url)).statusCode).toBe(404);
    const back = (
      await city.get(`/api/v1/vaccination/coverage?${q({ asOf: D, ageGroup: '12-17', dose: 3 })}`)
    ).json().items as Row[];
    expect(back.find((r) => r.unitCode === '03386')).toMatchObject({
      population: 3,
      populationSource: 'registry',
    });
  });
});

describe('GET /vaccination/coverage.xlsx', () => {
  it('writes the same rows in Vietnamese', async () => {
    const res = await city.get(
      `/api/v1/vaccination/coverage.xlsx?${q({ asOf: D, ageGroup: '12-17', dose: 3 })}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(String(sheet.getRow(1).getCell(1).value)).toBe(
      'Độ bao phủ vắc xin COVID-19 — Thành phố Lai Châu, tính đến ngày 31/08/2022',
    );
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[1]).toEqual(
      expect.arrayContaining(['Đơn vị', 'Số người đã tiêm', 'Tỷ lệ (%)', 'Còn thiếu (người)']),
    );
    expect(rows[2]).toEqual([
      'Thành phố Lai Châu',
      'người từ 12 tuổi đến dưới 18 tuổi',
      'Mũi 3',
      5,
      8,
      'Sổ dân cư',
      62.5,
      2,
      90,
      '30/09/2022',
      3,
    ]);
    expect(rows).toHaveLength(2 + 8);
  });
});
