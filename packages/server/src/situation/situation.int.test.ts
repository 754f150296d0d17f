import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefusal } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * A small province on 20/08/2021 (CV 5599/BYT-MT: F1 in a facility 14 days, tested on days 1, 7
 * and 14). Phường Tân Phong (03387, TP Lai Châu 105) has five cases, Thị trấn Tam Đường (03390,
 * Huyện Tam Đường 106) one, Phường Quyết Thắng (03386, 105) one detected on 01/08 still under care.
 */
const D = '2021-08-20';

let t: TestContext;
let station: Client; // 03387
let province: Client; // health officer of Lai Châu (12)
const ids: Record<string, string> = {};

async function person(client: Client, name: string, unitCode = '03387'): Promise<string> {
  const res = await client.post('/api/v1/persons', {
    fullName: name,
    birthDate: '1980-03-03',
    sex: 'female',
    unitCode,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function kase(client: Client, name: string, body: Record<string, unknown>, unitCode = '03387') {
  const res = await client.post('/api/v1/cases', {
    personId: await person(client, name, unitCode),
    foundBy: 'community',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function contact(client: Client, caseId: string, name: string, exposureDate: string) {
  const personId = await person(client, name);
  const res = await client.post(`/api/v1/cases/${caseId}/contacts`, {
    personId,
    exposureDate,
    setting: 'household',
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, personId };
}

async function test(client: Client, personId: string, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/tests', {
    personId,
    kind: 'rt_pcr',
    performer: 'health_worker',
    ...body,
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  province = await t.as('health_officer', '12');
  const other = await t.as('health_station', '03390');
  const neighbour = await t.as('health_station', '03386');
  const cluster = await province.post('/api/v1/clusters', {
    name: 'Ổ dịch chợ Tân Phong',
    unitCode: '03387',
    openedOn: '2021-08-14',
  });
  expect(cluster.statusCode, cluster.body).toBe(201);
  ids.cluster = cluster.json().id;
  ids.c1 = await kase(station, 'Lò Thị Một', { detectedOn: D, clusterId: ids.cluster });
  ids.c2 = await kase(station, 'Lò Thị Hai', {
    detectedOn: '2021-08-15',
    carePlace: 'facility',
    clusterId: ids.cluster,
  });
  const moved = await station.post(`/api/v1/cases/${ids.c2}/events`, {
    kind: 'care',
    on: '2021-08-18',
    value: 'hospital_t1',
  });
  expect(moved.statusCode, moved.body).toBe(200);
  ids.c3 = await kase(station, 'Lò Thị Ba', { detectedOn: '2021-08-10' });
  const out = await station.post(`/api/v1/cases/${ids.c3}/events`, {
    kind: 'outcome',
    on: '2021-08-17',
    value: 'transferred_out',
  });
  expect(out.statusCode, out.body).toBe(200);
  ids.c4 = await kase(other, 'Giàng Thị Bốn', { detectedOn: '2021-08-19' }, '03390');
  ids.c5 = await kase(neighbour, 'Tao Thị Năm', { detectedOn: '2021-08-01' }, '03386');

  // Contacts: k1 on its test day 1, k2 released tomorrow, k3 released today (day 14, a test day),
  // k4 tested on its day 7,
  // k5 became case c6 on 18/08.
  const k1 = await contact(station, ids.c1, 'Lò Văn Tiếp Một', '2021-08-19');
  const k2 = await contact(station, ids.c2, 'Lò Văn Tiếp Hai', '2021-08-07');
  const k3 = await contact(station, ids.c1, 'Lò Văn Tiếp Ba', '2021-08-06');
  const k4 = await contact(station, ids.c2, 'Lò Văn Tiếp Bốn', '2021-08-13');
  const k5 = await contact(station, ids.c2, 'Lò Văn Tiếp Năm', '2021-08-12');
  Object.assign(ids, { k1: k1.id, k2: k2.id, k3: k3.id, k4: k4.id, k5: k5.id });
  const c6 = await station.post('/api/v1/cases', {
    personId: k5.personId,
    detectedOn: '2021-08-18',
    foundBy: 'contact_tracing',
  });
  expect(c6.statusCode, c6.body).toBe(201);
  ids.c6 = c6.json().id;

  // Tests: k4 sampled on the day, one pending, a positive pool of two, one in the week before.
  await test(station, k4.personId, {
    sampledAt: `${D}T09:00:00+07:00`,
    resultedAt: `${D}T15:00:00+07:00`,
    result: 'negative',
  });
  ids.pending = (
    await test(station, await person(station, 'Lò Thị Chờ'), {
      sampledAt: '2021-08-19T08:00:00+07:00',
      result: 'pending',
    })
  ).id;
  await test(station, k1.personId, {
    kind: 'rapid_antigen',
    sampledAt: '2021-08-10T08:00:00+07:00',
    resultedAt: '2021-08-10T08:30:00+07:00',
    result: 'negative',
  });
  const members = [await person(station, 'Lò Văn Gộp A'), await person(station, 'Lò Văn Gộp B')];
  const pool = await station.post('/api/v1/tests/pools', {
    memberIds: members,
    sampledAt: '2021-08-18T08:00:00+07:00',
  });
  expect(pool.statusCode, pool.body).toBe(201);
  ids.pool = pool.json().id;
  const positive = await station.patch(`/api/v1/tests/pools/${ids.pool}`, {
    result: 'positive',
    resultedAt: '2021-08-18T20:00:00+07:00',
  });
  expect(positive.statusCode, positive.body).toBe(200);

  // Recorded as the days went: each case in the evening of its detection day, contacts on the 20th.
  await t.ownerPool.query(
    `UPDATE cases SET created_at = (detected_on + time '17:00')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
  );
  await t.ownerPool.query(`UPDATE contacts SET created_at = timestamptz '2021-08-20 09:00+07'`);
});
afterAll(() => t.close());

describe('situation panels', () => {
  it('counts new cases per district of the province: the day, its 7 days and the 7 before', async () => {
    const res = await province.get(`/api/v1/situation/new-cases?date=${D}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({ code: '12', level: 'province' });
    expect(body.windows).toEqual({
      last7: { from: '2021-08-14', to: D },
      previous7: { from: '2021-08-07', to: '2021-08-13' },
    });
    expect(body.total).toEqual({ today: 1, last7: 4, previous7: 1, change: 3 });
    expect(body.children).toHaveLength(8);
    expect(body.children.slice(0, 2)).toEqual([
      { code: '105', name: 'Thành phố Lai Châu', today: 1, last7: 3, previous7: 1, change: 2 },
      { code: '106', name: 'Huyện Tam Đường', today: 0, last7: 1, previous7: 0, change: null },
    ]);
    expect(body.children[2]).toMatchObject({ today: 0, last7: 0, previous7: 0 });
  });

  it('goes one level down for a district given as unit: its communes', async () => {
    const res = await province.get(`/api/v1/situation/new-cases?date=${D}&unit=105`);
    const body = res.json();
    expect(body.unit).toMatchObject({ code: '105', level: 'district' });
    expect(body.children[0]).toEqual({
      code: '03387',
      name: 'Phường Tân Phong',
      today: 1,
      last7: 3,
      previous7: 1,
      change: 2,
    });
    expect(body.children.map((c: { code: string }) => c.code)).toContain('03386');
    expect(body.children.map((c: { code: string }) => c.code)).not.toContain('03390');
  });

  it('counts cases under care on the day by their place of care on that day', async () => {
    const on = await province.get(`/api/v1/situation/active-cases?date=${D}`);
    expect(on.json()).toMatchObject({
      total: 5,
      places: [
        { place: 'home', name: null, cases: 4 },
        { place: 'hospital_t1', name: expect.any(String), cases: 1 },
      ],
    });
    // Before the move to hospital, and while c3 was still under care.
    const before = await province.get('/api/v1/situation/active-cases?date=2021-08-16');
    expect(before.json()).toMatchObject({
      total: 3,
      places: [
        { place: 'home', cases: 2 },
        { place: 'facility', cases: 1 },
      ],
    });
  });

  it('counts contacts in quarantine on the day, a contact who became a case no more', async () => {
    const on = (await province.get(`/api/v1/situation/quarantine?date=${D}`)).json();
    expect(on).toMatchObject({
      total: 3,
      started: 0,
      ending: 1,
      places: [{ place: 'facility', contacts: 3 }],
    });
    const before = (await station.get('/api/v1/situation/quarantine?date=2021-08-17')).json();
    // k2, k3, k4 and k5, whose case came on the 18th.
    expect(before).toMatchObject({ total: 4, started: 0, ending: 0 });
    const started = (await station.get('/api/v1/situation/quarantine?date=2021-08-19')).json();
    expect(started).toMatchObject({ total: 4, started: 1 });
  });

  it('lists clusters open on the day with their cases of the last 7 days', async () => {
    const on = (await province.get(`/api/v1/situation/clusters?date=${D}`)).json();
    expect(on.total).toBe(1);
    expect(on.items).toEqual([
      {
        id: ids.cluster,
        name: 'Ổ dịch chợ Tân Phong',
        unitName: 'Phường Tân Phong',
        openedOn: '2021-08-14',
        cases: 3, // c1, c2 and c6, who inherited it from c2
        last7: 3,
        lastCaseOn: D,
      },
    ]);
    const before = (await province.get('/api/v1/situation/clusters?date=2021-08-13')).json();
    expect(before).toEqual(expect.objectContaining({ total: 0, items: [] }));
  });

  it('counts tests and positivity of the 7 days and the 7 before', async () => {
    const body = (await province.get(`/api/v1/situation/tests?date=${D}`)).json();
    // The day's negative, the pending one, the positive pool; before: one rapid negative.
    expect(body.last7).toEqual({ tests: 3, positive: 1, positivity: 0.5 });
    expect(body.previous7).toEqual({ tests: 1, positive: 0, positivity: 0 });
    expect(body.kinds).toEqual(
      expect.arrayContaining([
        { kind: 'rt_pcr', tests: 2, positive: 0, positivity: 0 },
        { kind: 'rt_pcr_pool', tests: 1, positive: 1, positivity: 1 },
      ]),
    );
  });

  it('says the newest day of each source and when it is too old to be today', async () => {
    const body = (await province.get('/api/v1/situation/latest')).json();
    expect(body.latest).toEqual({ cases: D, tests: D, contacts: '2021-08-19' });
    expect(body.latestOn).toBe(D);
    expect(body.stale).toBe(true);
    const empty = (await (await t.as('health_officer', '11')).get('/api/v1/situation/latest')).json();
    expect(empty).toMatchObject({ latestOn: null, stale: false });
  });

  it('links each figure to a list that shows the same records', async () => {
    const items = async (url: string) => {
      const res = await province.get(url);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as { id: string }[];
    };
    expect(await items(`/api/v1/cases?from=2021-08-14&to=${D}&unit=105`)).toHaveLength(3);
    const home = await items(`/api/v1/cases?activeOn=${D}&carePlace=home`);
    expect(home.map((c) => c.id).sort()).toEqual([ids.c1, ids.c4, ids.c5, ids.c6].sort());
    expect(await items(`/api/v1/cases?activeOn=2021-08-16&carePlace=facility`)).toEqual([
      expect.objectContaining({ id: ids.c2 }),
    ]);
    const quarantined = await items(`/api/v1/contacts?status=quarantined&on=${D}`);
    expect(quarantined.map((k) => k.id).sort()).toEqual([ids.k1, ids.k2, ids.k4].sort());
    expect(await items(`/api/v1/contacts?status=quarantined&on=2021-08-17`)).toHaveLength(4);
    expect(await items(`/api/v1/clusters?openOn=${D}`)).toEqual([
      expect.objectContaining({ id: ids.cluster }),
    ]);
    expect(await items('/api/v1/clusters?openOn=2021-08-13')).toEqual([]);
    expect(await items(`/api/v1/tests?from=2021-08-14&to=${D}`)).toHaveLength(3);
  });

  it('counts only inside the jurisdiction, and refuses a unit outside it', async () => {
    const other = await t.as('health_officer', '11');
    const res = (await other.get(`/api/v1/situation/new-cases?date=${D}`)).json();
    expect(res.total).toEqual({ today: 0, last7: 0, previous7: 0, change: null });
    for (const panel of ['latest', 'new-cases', 'active-cases', 'quarantine', 'clusters', 'tests']) {
      const refused = await other.get(`/api/v1/situation/${panel}?unit=105`);
      expect(refused.statusCode, panel).toBe(404);
      expect(refused.json().error).toMatchObject({ code: 'unit_not_found', field: 'unit' });
    }
    const district = await t.as('command_center', '106');
    expect((await district.get('/api/v1/situation/active-cases?unit=03387')).statusCode).toBe(404);
    const own = (await district.get(`/api/v1/situation/active-cases?date=${D}`)).json();
    expect(own).toMatchObject({ total: 1, places: [{ place: 'home', cases: 1 }] });
    expect((await station.get(`/api/v1/work/today?date=${D}&unit=03390`)).statusCode).toBe(404);
  });

  it('refuses bad dates naming the field, and accounts without case.read', async () => {
    expectRefusal(await province.get('/api/v1/situation/tests?date=2021-02-30x'), 'invalid_input', 'date');
    expectRefusal(await province.get('/api/v1/work/today?date=0000-01-01'), 'invalid_input', 'date');
    const reporter = await t.as('agency_reporter', '12');
    expect((await reporter.get('/api/v1/situation/new-cases')).statusCode).toBe(403);
    expect((await reporter.get('/api/v1/work/today')).statusCode).toBe(403);
  });
});

describe("the commune's work of a day", () => {
  it('lists pending results, retests, quarantine ends and test days, new and untraced cases', async () => {
    const res = await station.get(`/api/v1/work/today?date=${D}`);
    expect(res.statusCode, res.body).toBe(200);
    const work = res.json();
    expect(work.unit).toMatchObject({ code: '03387', level: 'commune' });
    expect(work.pendingResults).toMatchObject({
      count: 1,
      items: [
        { id: ids.pending, kind: 'rt_pcr', personName: 'Lò Thị Chờ', sampledAt: '2021-08-19T08:00:00+07:00' },
      ],
    });
    expect(work.retests.count).toBe(2);
    expect(work.retests.items.map((r: { personName: string }) => r.personName).sort()).toEqual([
      'Lò Văn Gộp A',
      'Lò Văn Gộp B',
    ]);
    expect(work.retests.items[0].poolId).toBe(ids.pool);
    expect(work.quarantine.count).toBe(3);
    expect(
      work.quarantine.items.map((k: Record<string, unknown>) => [
        k.id,
        k.quarantineEnd,
        k.endsIn,
        k.day,
        k.testDue,
      ]),
    ).toEqual([
      [ids.k3, '2021-08-20', 0, 14, true],
      [ids.k2, '2021-08-21', 1, 13, false],
      [ids.k1, '2021-09-02', null, 1, true],
    ]);
    expect(work.newCases.count).toBe(2);
    expect(work.newCases.items.map((c: { id: string }) => c.id)).toEqual([ids.c1, ids.c6]);
    expect(work.newCases.items[0]).toMatchObject({
      personName: 'Lò Thị Một',
      detectedOn: D,
      carePlace: 'home',
    });
    // c6 was recorded on the 18th and has no contact; c1 was recorded this evening (not 24 h yet).
    expect(work.untraced).toEqual({
      count: 1,
      items: [
        {
          id: ids.c6,
          personId: expect.any(String),
          personName: 'Lò Văn Tiếp Năm',
          detectedOn: '2021-08-18',
          createdAt: '2021-08-18T17:00:00+07:00',
        },
      ],
    });
  });

  it('lists the retests of pools resulted by the day only', async () => {
    const work = (await station.get('/api/v1/work/today?date=2021-08-17')).json();
    expect(work.retests).toEqual({ count: 0, items: [] });
  });

  it('on the day after, the contact released that day is the only one left', async () => {
    const work = (await station.get('/api/v1/work/today?date=2021-08-21')).json();
    expect(work.quarantine.items.map((k: { id: string }) => k.id)).toEqual([ids.k2]);
    expect(work.untraced.count).toBe(1); // c1 has contacts; c6 still has none
  });

  it("shows another commune nothing of this one's work", async () => {
    const other = await t.as('community_team', '03386');
    const work = (await other.get(`/api/v1/work/today?date=${D}`)).json();
    expect(work.newCases.count).toBe(0);
    expect(work.pendingResults.count).toBe(0);
    expect(work.retests.count).toBe(0);
    expect(work.quarantine.count).toBe(0);
    expect(work.untraced).toEqual({ count: 0, items: [] });
  });
});
