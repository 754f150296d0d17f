import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * The audit log names its records: each event comes with the record's display name and kind (what
 * the web links to) when the record still exists and lies inside the viewer's jurisdiction.
 */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387), Lai Châu (12)
let provinceAdmin: Client;
let nationalAdmin: Client;

interface Event {
  action: string;
  entity: string;
  entityId: string | null;
  actorUsername: string | null;
  detail: Record<string, unknown> | null;
  target: { type: string; id: string; name: string | null } | null;
}

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  provinceAdmin = await t.as('admin', '12');
  nationalAdmin = await t.client().login('admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

async function eventsOf(viewer: Client, query: string): Promise<Event[]> {
  const res = await viewer.get(`/api/v1/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function newPerson(fullName: string): Promise<string> {
  const res = await station.post('/api/v1/persons', {
    fullName,
    birthDate: '1985-05-05',
    sex: 'female',
    unitCode: '03387',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('the records the audit log names', () => {
  it('names a person read and a case registered, with what to link to', async () => {
    const personId = await newPerson('Lò Thị Nhật Ký');
    expect((await station.get(`/api/v1/persons/${personId}`)).statusCode).toBe(200);
    const kase = await station.post('/api/v1/cases', {
      personId,
      detectedOn: '2021-08-02',
      foundBy: 'symptomatic',
    });
    expect(kase.statusCode, kase.body).toBe(201);

    const reads = await eventsOf(provinceAdmin, `entity=person&entityId=${personId}&action=read`);
    expect(reads[0]).toMatchObject({
      actorUsername: expect.stringContaining('healthstation.03387'),
      target: { type: 'person', id: personId, name: 'Lò Thị Nhật Ký' },
    });
    const created = await eventsOf(provinceAdmin, `entity=case&entityId=${kase.json().id}`);
    expect(created[0]).toMatchObject({
      action: 'create',
      target: { type: 'case', id: kase.json().id, name: 'Lò Thị Nhật Ký' },
    });
  });

  it('names clusters, accounts and lists without record', async () => {
    const commander = await t.as('command_center', '105');
    const cluster = await commander.post('/api/v1/clusters', {
      name: 'Ổ dịch Nhật Ký',
      unitCode: '03387',
      openedOn: '2021-08-01',
    });
    expect(cluster.statusCode, cluster.body).toBe(201);
    const [opened] = await eventsOf(provinceAdmin, `entity=cluster&entityId=${cluster.json().id}`);
    expect(opened.target).toEqual({ type: 'cluster', id: cluster.json().id, name: 'Ổ dịch Nhật Ký' });

    expect((await station.get('/api/v1/tests?limit=5')).statusCode).toBe(200);
    const [listed] = await eventsOf(provinceAdmin, 'entity=lab_test&action=list');
    expect(listed).toMatchObject({ target: null, detail: expect.objectContaining({ count: 0 }) });

    const logins = await eventsOf(provinceAdmin, 'entity=account&action=login&limit=200');
    const own = logins.find((e) => e.actorUsername?.startsWith('healthstation.03387'));
    expect(own?.target).toMatchObject({ type: 'account', name: own?.actorUsername });
  });

  it('hides the name of a record that left the jurisdiction, and keeps the event', async () => {
    const personId = await newPerson('Lò Thị Rời Tỉnh');
    expect((await station.get(`/api/v1/persons/${personId}`)).statusCode).toBe(200);
    const moved = await station.post(`/api/v1/persons/${personId}/move`, { unitCode: '03124' }); // Điện Biên
    expect(moved.statusCode, moved.body).toBe(200);

    // The station acted inside Lai Châu: its events stay in Lai Châu's log, the record does not.
    const [read] = await eventsOf(provinceAdmin, `entity=person&entityId=${personId}&action=read`);
    expect(read.target).toBeNull();
    expect(JSON.stringify(await eventsOf(provinceAdmin, `entityId=${personId}`))).not.toContain('Rời Tỉnh');
    // The whole country still sees it.
    const [national] = await eventsOf(nationalAdmin, `entity=person&entityId=${personId}&action=read`);
    expect(national.target).toEqual({ type: 'person', id: personId, name: 'Lò Thị Rời Tỉnh' });
  });

  it('does not name the accounts of another province', async () => {
    const other = await t.as('health_station', '03124'); // Điện Biên
    const dienBienAdmin = await t.as('admin', '11');
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(200);
    const mine = await eventsOf(dienBienAdmin, 'entity=account&action=login&limit=200');
    expect(mine.some((e) => e.target?.name?.startsWith('healthstation.03124'))).toBe(true);
    expect(mine.some((e) => e.target?.name?.startsWith('healthstation.03387'))).toBe(false);
  });

  it('refuses the log to a role without audit.read', async () => {
    expect((await station.get('/api/v1/audit')).statusCode).toBe(403);
  });
});
