import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushReads } from '../audit/audit.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/** The person page lists the person's tests, pools, cases and contacts, as far as the viewer may see. */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387), TP Lai Châu (105)
let neighbour: Client; // 03386, same district
let personId: string;
let caseId: string;
let neighbourCaseId: string;

async function created(res: { statusCode: number; body: string; json: () => { id: string } }) {
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  neighbour = await t.as('health_station', '03386');
  personId = await created(
    await station.post('/api/v1/persons', {
      fullName: 'Sùng Thị Hồ Sơ',
      birthDate: '1992-06-06',
      sex: 'female',
      unitCode: '03387',
    }),
  );
  const other = await created(
    await station.post('/api/v1/persons', {
      fullName: 'Sùng Văn Cùng Mẫu',
      birthDate: '1990-06-06',
      sex: 'male',
      unitCode: '03387',
    }),
  );
  await created(
    await station.post('/api/v1/tests', {
      personId,
      kind: 'rapid_antigen',
      performer: 'health_worker',
      sampledAt: '2021-08-10T08:00:00+07:00',
      result: 'negative',
      resultedAt: '2021-08-10T08:30:00+07:00',
    }),
  );
  await created(
    await station.post('/api/v1/tests/pools', {
      memberIds: [personId, other],
      sampledAt: '2021-08-11T08:00:00+07:00',
    }),
  );
  caseId = await created(
    await station.post('/api/v1/cases', { personId, detectedOn: '2021-08-12', foundBy: 'community' }),
  );
  // Exposed to a case of the neighbouring commune: that commune sees the contact too (its case's).
  const source = await created(
    await neighbour.post('/api/v1/persons', {
      fullName: 'Giàng A Nguồn',
      birthDate: '1985-01-01',
      sex: 'male',
      unitCode: '03386',
    }),
  );
  neighbourCaseId = await created(
    await neighbour.post('/api/v1/cases', {
      personId: source,
      detectedOn: '2021-08-09',
      foundBy: 'community',
    }),
  );
  const own = await t.as('health_officer', '105');
  await created(
    await own.post(`/api/v1/cases/${neighbourCaseId}/contacts`, {
      personId,
      exposureDate: '2021-08-07',
      setting: 'workplace',
    }),
  );
});
afterAll(() => t.close());

describe("a person's records", () => {
  it('lists tests, pools, cases and contacts, latest first, and audits the read', async () => {
    const res = await station.get(`/api/v1/persons/${personId}/records`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.tests.map((x: { kind: string; result: string }) => [x.kind, x.result])).toEqual([
      ['rapid_antigen', 'negative'],
    ]);
    expect(body.pools).toHaveLength(1);
    expect(body.pools[0]).toMatchObject({ result: 'pending', memberStatus: 'pending' });
    expect(body.cases.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [caseId, 'active'],
    ]);
    expect(body.contacts).toHaveLength(1);
    expect(body.contacts[0]).toMatchObject({ caseId: neighbourCaseId, setting: 'workplace' });
    expect(body.contacts[0].quarantine.end).toBeTruthy();
    // The case is the neighbour's: the station sees the contact through its own person, not the case.
    expect(body.contacts[0].caseVisible).toBe(false);
    await flushReads(t.pool);
    const { rows } = await t.pool.query(
      `SELECT detail FROM audit_events WHERE action = 'read' AND entity = 'person' AND entity_id = $1`,
      [personId],
    );
    expect(rows.map((r) => r.detail)).toContainEqual({ records: true });
  });

  it('is a 404 for a person outside the jurisdiction, even one exposed to the caller’s case', async () => {
    const res = await neighbour.get(`/api/v1/persons/${personId}/records`);
    expect(res.statusCode).toBe(404);
  });

  it('shows a wider viewer only what it may see of each record', async () => {
    const district = await t.as('command_center', '105');
    const wide = (await district.get(`/api/v1/persons/${personId}/records`)).json();
    expect([wide.tests.length, wide.cases.length, wide.contacts.length]).toEqual([1, 1, 1]);
    expect(wide.contacts[0].caseVisible).toBe(true);
    const otherDistrict = await t.as('command_center', '106');
    expect((await otherDistrict.get(`/api/v1/persons/${personId}/records`)).statusCode).toBe(404);
  });
});

describe('households of a commune', () => {
  it('lists them with their members, finds one by address or member name, refuses another commune', async () => {
    const h = await created(
      await station.post('/api/v1/households', { unitCode: '03387', address: 'Tổ 9, ngõ Đào' }),
    );
    await created(
      await station.post('/api/v1/persons', {
        fullName: 'Vàng Thị Nhà',
        birthDate: '1999-09-09',
        sex: 'female',
        unitCode: '03387',
        householdId: h,
      }),
    );
    const all = (await station.get('/api/v1/households?unit=03387')).json().items;
    expect(all[0]).toMatchObject({ id: h, address: 'Tổ 9, ngõ Đào' });
    expect(all[0].members.map((m: { fullName: string }) => m.fullName)).toEqual(['Vàng Thị Nhà']);
    const byAddress = (await station.get('/api/v1/households?unit=03387&q=ngo%20dao')).json().items;
    expect(byAddress.map((x: { id: string }) => x.id)).toEqual([h]);
    const byName = (await station.get('/api/v1/households?unit=03387&q=vang%20thi')).json().items;
    expect(byName.map((x: { id: string }) => x.id)).toEqual([h]);
    expect((await neighbour.get('/api/v1/households?unit=03387')).statusCode).toBe(404);
  });
});
