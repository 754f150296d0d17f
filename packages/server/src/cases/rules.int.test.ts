import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * The rules later figures depend on: how a case was found, what an F2 links to, closed clusters,
 * and every id a client sends being one it may see.
 */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387)
let neighbour: Client; // Phường Quyết Thắng (03386)
let commander: Client; // TP Lai Châu (105)
let n = 0;

/** A distinct made-up given name per call: Ba, Bb, …, Ca, … */
function name(i: number): string {
  return String.fromCharCode(66 + Math.floor(i / 26)) + String.fromCharCode(97 + (i % 26));
}

async function person(client: Client, unitCode = '03387'): Promise<string> {
  const res = await client.post('/api/v1/persons', {
    fullName: `Hoàng Văn ${name(n++)}`,
    birthDate: '1990-06-06',
    sex: 'male',
    unitCode,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function openCase(client: Client, personId: string, detectedOn: string, extra: object = {}) {
  const res = await client.post('/api/v1/cases', { personId, detectedOn, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; foundBy: string; sourceCaseId: string | null; clusterId: string | null };
}

async function contact(client: Client, caseId: string, personId: string, exposureDate: string, extra = {}) {
  const res = await client.post(`/api/v1/cases/${caseId}/contacts`, {
    personId,
    exposureDate,
    setting: 'household',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function positiveTest(client: Client, personId: string, sampledAt: string) {
  const res = await client.post('/api/v1/tests', {
    personId,
    kind: 'rt_pcr',
    performer: 'health_worker',
    sampledAt,
    resultedAt: sampledAt.replace(/T\d\d:\d\d/, 'T21:00'),
    result: 'positive',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; case?: { id: string; foundBy: string; sourceCaseId: string | null } };
}

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  neighbour = await t.as('health_station', '03386');
  commander = await t.as('command_center', '105');
});
afterAll(() => t.close());

describe('foundBy is derived from the facts, not defaulted', () => {
  it('finds in quarantine an F1 sampled at 06:30 on the day of exposure (a Vietnamese day)', async () => {
    const index = await openCase(station, await person(station), '2021-08-09');
    const f1 = await person(station);
    await contact(station, index.id, f1, '2021-08-10');
    const test = await positiveTest(station, f1, '2021-08-10T06:30:00+07:00');
    expect(test.case).toMatchObject({ foundBy: 'in_quarantine', sourceCaseId: index.id });
  });

  it('finds by tracing an F1 sampled during monitoring after release, and in the community later', async () => {
    const index = await openCase(station, await person(station), '2021-07-20');
    const f1 = await person(station);
    await contact(station, index.id, f1, '2021-07-20'); // CV 5599: 14 days, then 14 days monitoring
    const monitored = await positiveTest(station, f1, '2021-08-05T08:00:00+07:00');
    expect(monitored.case?.foundBy).toBe('contact_tracing');
    const other = await person(station);
    await contact(station, index.id, other, '2021-07-20');
    const later = await openCase(station, other, '2021-09-10');
    expect(later.foundBy).toBe('community');
  });

  it('keeps a stated way of finding when no one was following the person', async () => {
    const arrival = await openCase(station, await person(station), '2021-08-11', { foundBy: 'arrival' });
    expect(arrival.foundBy).toBe('arrival');
  });
});

describe('F2: a contact of an F1', () => {
  it('names its F1, and links to the F1’s case only when the F1 became a case', async () => {
    const index = await openCase(station, await person(station), '2021-08-01');
    const f1 = await person(station);
    const f1Contact = await contact(station, index.id, f1, '2021-08-01');
    const missingVia = await station.post(`/api/v1/cases/${index.id}/contacts`, {
      personId: await person(station),
      exposureDate: '2021-08-02',
      setting: 'household',
      degree: 2,
    });
    expect(missingVia.statusCode).toBe(400);
    expect(missingVia.json().error.field).toBe('viaContactId');

    const f2a = await person(station);
    await contact(station, index.id, f2a, '2021-08-02', { degree: 2, viaContactId: f1Contact.id });
    const { rows } = await t.pool.query('SELECT via_contact_id FROM contacts WHERE person_id = $1', [f2a]);
    expect(rows[0].via_contact_id).toBe(f1Contact.id);

    // The F1 did not become a case: the positive F2 keeps its contact record, but no source case.
    const early = await openCase(station, f2a, '2021-08-05');
    expect(early.sourceCaseId).toBeNull();

    // Now the F1 becomes a case; the next F2 exposed through them links to the F1's case.
    const f1Case = await openCase(station, f1, '2021-08-06');
    const f2b = await person(station);
    await contact(station, index.id, f2b, '2021-08-03', { degree: 2, viaContactId: f1Contact.id });
    const late = await openCase(station, f2b, '2021-08-07');
    expect(late.sourceCaseId).toBe(f1Case.id);
  });
});

describe('closed clusters', () => {
  it('take no case, directly or inherited from the source case, and no link', async () => {
    const clusterId = (
      await commander.post('/api/v1/clusters', {
        name: 'Ổ dịch Bản Đóng',
        unitCode: '03387',
        openedOn: '2021-06-01',
      })
    ).json().id;
    const index = await openCase(station, await person(station), '2021-06-02', { clusterId });
    const f1 = await person(station);
    await contact(station, index.id, f1, '2021-06-25');
    const closed = await commander.post(`/api/v1/clusters/${clusterId}/close`, { closedOn: '2021-07-01' });
    expect(closed.statusCode, closed.body).toBe(200);

    const direct = await station.post('/api/v1/cases', {
      personId: await person(station),
      detectedOn: '2021-07-02',
      clusterId,
    });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().error).toMatchObject({ code: 'cluster_closed', field: 'clusterId' });

    const inherited = await openCase(station, f1, '2021-07-03');
    expect(inherited.sourceCaseId).toBe(index.id);
    expect(inherited.clusterId).toBeNull();

    const officer = await t.as('health_officer', '105');
    const link = await officer.post(`/api/v1/clusters/${clusterId}/cases`, { caseIds: [inherited.id] });
    expect(link.statusCode).toBe(409);
    expect(link.json().error.code).toBe('cluster_closed');
  });
});

describe('ids in a body are checked against the caller’s jurisdiction', () => {
  it('refuses a confirming test or a cluster of another commune, naming the field', async () => {
    const theirs = await person(station, '03387');
    const test = await positiveTest(station, theirs, '2021-09-01T08:00:00+07:00');
    const mine = await person(neighbour, '03386');
    const viaTest = await neighbour.post('/api/v1/cases', {
      personId: mine,
      detectedOn: '2021-09-02',
      confirmTestId: test.id,
    });
    expect(viaTest.statusCode).toBe(404);
    expect(viaTest.json().error.field).toBe('confirmTestId');

    const clusterId = (
      await commander.post('/api/v1/clusters', {
        name: 'Ổ dịch Tân Phong',
        unitCode: '03387',
        openedOn: '2021-09-01',
      })
    ).json().id;
    const viaCluster = await neighbour.post('/api/v1/cases', {
      personId: mine,
      detectedOn: '2021-09-02',
      clusterId,
    });
    expect(viaCluster.statusCode).toBe(404);
    expect(viaCluster.json().error.field).toBe('clusterId');
    expect(await t.pool.query('SELECT 1 FROM cases WHERE person_id = $1', [mine])).toMatchObject({
      rowCount: 0,
    });
  });
});
