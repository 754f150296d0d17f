import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * The vaccination panels of the situation page on a hand-built city (TP Lai Châu, 105) on
 * 31/08/2022, 12 to under 18: Phường Tân Phong (03387) 4 teenagers, 3 with dose 3 (75%); Phường
 * Quyết Thắng (03386) 2, 1 with dose 3 (50%); Phường Quyết Tiến (03388) 1 with dose 3 (100%).
 * The city: 5 of 7. A target of 80% for 12–17 dose 3 set on the city. Doses 2 and 3 of everyone
 * lack the national id (dose 1 has one); one person of 03386 has an open review.
 */
const D = '2022-08-31';
let t: TestContext;
let city: Client; // command centre of TP Lai Châu (105)
let province: Client; // health officer of Lai Châu (12)
let station: Client; // health station of 03387
let checkpoint: Client; // no vaccination.read

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
const TWO = ['2021-11-05', '2021-12-05'];

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 3; i++) await person('03387', TEEN, THREE);
  await person('03387', TEEN, TWO);
  await person('03386', TEEN, THREE);
  const toVerify = await person('03386', TEEN, []);
  await person('03388', TEEN, THREE);
  await t.pool.query(
    `INSERT INTO person_reviews (province_code, unit_code, person_id, kind) VALUES ('12', '03386', $1, 'missing_id')`,
    [toVerify],
  );
  city = await t.as('command_center', '105');
  province = await t.as('health_officer', '12');
  station = await t.as('health_station', '03387');
  checkpoint = await t.as('checkpoint', '03387');
  const target = await province.post('/api/v1/vaccination/targets', {
    unitCode: '105',
    ageGroup: '12-17',
    dose: 3,
    targetRate: 80,
    deadline: '2022-09-30',
  });
  expect(target.statusCode, target.body).toBe(201);
});
afterAll(() => t.close());

describe('GET /situation/vaccination-coverage', () => {
  it("gives the area's own rows per group and dose with the target that applies", async () => {
    const res = await city.get(`/api/v1/situation/vaccination-coverage?date=${D}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.date).toBe(D);
    expect(body.unit).toEqual({ code: '105', name: 'Thành phố Lai Châu', level: 'district' });
    // 5 groups × 4 doses of the city only.
    expect(body.items).toHaveLength(20);
    const teen3 = body.items.find(
      (r: { ageGroup: string; dose: number }) => r.ageGroup === '12-17' && r.dose === 3,
    );
    // 80% of 7 people is 5.6, so 6 are needed and 1 is missing.
    expect(teen3).toMatchObject({
      vaccinated: 5,
      population: 7,
      rate: 5 / 7,
      dropOut: 1,
      shortfall: 1,
      lagging: true,
      populationSource: 'registry',
    });
    expect(teen3.target).toMatchObject({ rate: 0.8, deadline: '2022-09-30', unitCode: '105' });
    expect(teen3.unitCode).toBeUndefined();
  });

  it('takes a unit inside the jurisdiction and refuses one outside it', async () => {
    const inside = await city.get(`/api/v1/situation/vaccination-coverage?date=${D}&unit=03386`);
    expect(inside.statusCode, inside.body).toBe(200);
    const row = inside
      .json()
      .items.find((r: { ageGroup: string; dose: number }) => r.ageGroup === '12-17' && r.dose === 3);
    expect(row).toMatchObject({ vaccinated: 1, population: 2, shortfall: 1, lagging: true });
    const outside = await station.get(`/api/v1/situation/vaccination-coverage?date=${D}&unit=03386`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.field).toBe('unit');
  });

  it('refuses a day in the future and an account without vaccination.read', async () => {
    const future = await city.get('/api/v1/situation/vaccination-coverage?date=2999-01-01');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.field).toBe('asOf');
    const refused = await checkpoint.get(`/api/v1/situation/vaccination-coverage?date=${D}`);
    expect(refused.statusCode).toBe(403);
  });
});

describe('GET /situation/vaccination-lagging', () => {
  it('names the child units below the target, lowest first, with the people missing', async () => {
    const res = await city.get(`/api/v1/situation/vaccination-lagging?date=${D}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as {
      ageGroup: string;
      dose: number;
      rate: number | null;
      lagging: number | null;
      children: number;
      units: { code: string; rate: number; shortfall: number }[];
    }[];
    expect(items.map((i) => `${i.ageGroup}/${i.dose}`)).toEqual(['18+/3', '18+/4', '12-17/3', '5-11/2']);
    const teen = items[2];
    expect(teen.rate).toBe(5 / 7);
    expect(teen.children).toBe(3);
    expect(teen.lagging).toBe(2);
    // 03386: 1 of 2 (needs 2: 1 missing); 03387: 3 of 4 (needs 4: 1 missing); 03388 meets it.
    expect(teen.units.map((u) => [u.code, u.rate, u.shortfall])).toEqual([
      ['03386', 0.5, 1],
      ['03387', 0.75, 1],
    ]);
    // No target for 18+: the lowest three with people in the group (none here).
    expect(items[0]).toMatchObject({ lagging: null, units: [], rate: null });
  });
});

describe('GET /situation/vaccination-backlog', () => {
  it('counts the unsynced doses with the oldest day and the people to verify, per child unit', async () => {
    const res = await city.get('/api/v1/situation/vaccination-backlog');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // Doses 2 and 3 lack the id: 03387 3×2 + 1, 03386 2, 03388 2.
    expect(body.total).toEqual({ unsyncedDoses: 11, oldestOn: '2021-12-01', personsToVerify: 1 });
    const byCode = Object.fromEntries((body.children as { code: string }[]).map((c) => [c.code, c]));
    expect(byCode['03387']).toMatchObject({ unsyncedDoses: 7, oldestOn: '2021-12-01', personsToVerify: 0 });
    expect(byCode['03386']).toMatchObject({ unsyncedDoses: 2, personsToVerify: 1 });
    expect(byCode['03389']).toMatchObject({ unsyncedDoses: 0, oldestOn: null, personsToVerify: 0 });
    expect(body.children).toHaveLength(7);
    expect(body.children[0].code).toBe('03387');
  });

  it('the province sees the city as one line; a station only its own commune', async () => {
    const res = await province.get('/api/v1/situation/vaccination-backlog');
    const city105 = (res.json().children as { code: string }[]).find((c) => c.code === '105');
    expect(city105).toMatchObject({ unsyncedDoses: 11, personsToVerify: 1 });
    const own = await station.get('/api/v1/situation/vaccination-backlog');
    expect(own.json().total).toEqual({ unsyncedDoses: 7, oldestOn: '2021-12-01', personsToVerify: 0 });
    expect(own.json().children).toHaveLength(1);
  });
});
