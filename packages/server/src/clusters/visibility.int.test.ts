import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * A chain or a cluster that reaches over several communes: each viewer sees its own people, and
 * of the others only how many there are per unit, never their ids, names or dates.
 */
let t: TestContext;
let district: Client; // TP Lai Châu (105): sees both communes
let neighbour: Client; // Phường Quyết Thắng (03386)
let station: Client; // Phường Tân Phong (03387), where the cluster was opened
let origin: { caseId: string; personId: string; name: string };
let spread: { caseId: string; contactId: string; name: string };
let hiddenContact: { contactId: string; personId: string; name: string };
let clusterId: string;

async function person(fullName: string, unitCode: string, birthDate = '1980-02-02') {
  const res = await district.post('/api/v1/persons', { fullName, birthDate, sex: 'female', unitCode });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

beforeAll(async () => {
  t = await createTestApp();
  district = await t.as('health_officer', '105');
  neighbour = await t.as('health_station', '03386');
  station = await t.as('health_station', '03387');
  const commander = await t.as('command_center', '105');
  clusterId = (
    await commander.post('/api/v1/clusters', {
      name: 'Ổ dịch Chợ Trung tâm',
      unitCode: '03387',
      openedOn: '2021-08-01',
    })
  ).json().id;
  const a = await person('Lò Thị Nguồngốc', '03387');
  const caseA = (
    await district.post('/api/v1/cases', {
      personId: a.id,
      detectedOn: '2021-08-02',
      foundBy: 'community',
      clusterId,
    })
  ).json();
  origin = { caseId: caseA.id, personId: a.id, name: 'Nguồngốc' };
  const b = await person('Lò Thị Lâysang', '03386');
  const c = await person('Lò Văn Kínđáo', '03387');
  const contacts = (
    await district.post(`/api/v1/cases/${caseA.id}/contacts/batch`, {
      exposureDate: '2021-08-01',
      setting: 'workplace',
      people: [{ personId: b.id }, { personId: c.id }],
    })
  ).json().items as { id: string; personId: string }[];
  const caseB = (
    await district.post('/api/v1/cases', { personId: b.id, detectedOn: '2021-08-05', foundBy: 'community' })
  ).json();
  expect(caseB.sourceCaseId).toBe(caseA.id);
  spread = {
    caseId: caseB.id,
    contactId: contacts.find((k) => k.personId === b.id)!.id,
    name: 'Lâysang',
  };
  hiddenContact = {
    contactId: contacts.find((k) => k.personId === c.id)!.id,
    personId: c.id,
    name: 'Kínđáo',
  };
});
afterAll(() => t.close());

describe('chains reaching over jurisdictions', () => {
  it('shows the whole chain to a viewer who covers it', async () => {
    const res = await district.get(`/api/v1/cases/${spread.caseId}/chain`);
    expect(res.statusCode).toBe(200);
    const chain = res.json();
    expect(chain.origin).toBe(origin.caseId);
    expect(chain.nodes.map((n: { label: string }) => n.label)).toEqual(
      expect.arrayContaining(['Lò Thị Nguồngốc', 'Lò Thị Lâysang', 'Lò Văn Kínđáo']),
    );
  });

  it('collapses the people outside the viewer jurisdiction into one anonymous node per unit', async () => {
    const res = await neighbour.get(`/api/v1/cases/${spread.caseId}/chain`);
    expect(res.statusCode).toBe(200);
    const text = res.body;
    for (const secret of [
      origin.caseId,
      origin.personId,
      origin.name,
      hiddenContact.contactId,
      hiddenContact.name,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('2021-08-02'); // the origin's detection date
    const chain = res.json() as {
      origin: string;
      nodes: { id: string; label: string; status: string; on: string | null; hidden?: { count: number } }[];
      edges: { source: string; target: string; kind: string }[];
    };
    const hiddenCase = chain.nodes.find((n) => n.id === 'hidden:case:03387');
    expect(hiddenCase).toMatchObject({ label: '1 ca ở Phường Tân Phong', status: 'hidden', on: null });
    expect(chain.origin).toBe('hidden:case:03387');
    expect(chain.nodes.find((n) => n.id === 'hidden:contact:03387')).toMatchObject({
      label: '1 người tiếp xúc ở Phường Tân Phong',
      hidden: { count: 1 },
    });
    // The viewer's own people stay connected to the chain through the anonymous node.
    expect(chain.nodes.find((n) => n.id === spread.caseId)?.label).toBe('Lò Thị Lâysang');
    expect(chain.edges).toEqual(
      expect.arrayContaining([
        { source: 'hidden:case:03387', target: spread.contactId, kind: 'exposed' },
        { source: spread.contactId, target: spread.caseId, kind: 'became' },
      ]),
    );
  });
});

describe('cluster figures', () => {
  it('count only the cases the viewer may see', async () => {
    const whole = (await district.get(`/api/v1/clusters/${clusterId}`)).json();
    expect(whole.cases).toBe(2);
    expect(whole.curve.reduce((sum: number, d: { cases: number }) => sum + d.cases, 0)).toBe(2);
    const own = (await station.get(`/api/v1/clusters/${clusterId}`)).json();
    expect(own.cases).toBe(1);
    expect(own.curve).toEqual([{ on: '2021-08-02', cases: 1 }]);
    expect(JSON.stringify(own)).not.toContain('2021-08-05'); // the other commune's case
    expect(own.tracing.positive).toBe(1); // the contact exposed here who became a case elsewhere
  });
});
