import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

let t: TestContext;
let station: Client; // Phường Tân Phong 03387
let n = 0;

/** A distinct made-up given name per call: A, B, ..., Z, Ba, Bb, ... */
function letters(i: number): string {
  const s = (i + 26)
    .toString(26)
    .split('')
    .map((d) => String.fromCharCode(97 + Number.parseInt(d, 26)));
  return s.join('').replace(/^./, (c) => c.toUpperCase());
}

async function person(client: Client, unitCode = '03387', extra: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/persons', {
    fullName: `Lò Văn ${letters(n++)}`,
    birthDate: '1985-04-04',
    sex: 'male',
    unitCode,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; fullName: string };
}

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
});
afterAll(() => t.close());

describe('F0 cases', () => {
  it('registers a case by hand and refuses a second active one for the same person', async () => {
    const p = await person(station);
    const res = await station.post('/api/v1/cases', {
      personId: p.id,
      detectedOn: '2021-08-10',
      foundBy: 'symptomatic',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      personId: p.id,
      personName: p.fullName,
      unitCode: '03387',
      status: 'active',
      severity: 'asymptomatic',
      carePlace: 'home',
    });
    const again = await station.post('/api/v1/cases', {
      personId: p.id,
      detectedOn: '2021-08-12',
      foundBy: 'community',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'active_case',
      field: 'personId',
      existingId: res.json().id,
    });
  });

  it('refuses bad input naming the field', async () => {
    const unknown = await station.post('/api/v1/cases', {
      personId: '00000000-0000-4000-8000-000000000000',
      detectedOn: '2021-08-10',
      foundBy: 'community',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.field).toBe('personId');
    const p = await person(station);
    const future = await station.post('/api/v1/cases', {
      personId: p.id,
      detectedOn: '2999-01-01',
      foundBy: 'community',
    });
    expect(future.json().error.field).toBe('detectedOn');
    const neighbour = await t.as('health_station', '03386');
    const outside = await neighbour.post('/api/v1/cases', {
      personId: p.id,
      detectedOn: '2021-08-10',
      foundBy: 'community',
    });
    expect(outside.statusCode).toBe(404);
  });

  it('records severity and place of care over time, then the outcome with its criterion', async () => {
    const p = await person(station);
    const c = (
      await station.post('/api/v1/cases', { personId: p.id, detectedOn: '2022-02-25', foundBy: 'community' })
    ).json();
    await station.post(`/api/v1/cases/${c.id}/events`, {
      kind: 'severity',
      on: '2022-02-26',
      value: 'moderate',
    });
    await station.post(`/api/v1/cases/${c.id}/events`, {
      kind: 'care',
      on: '2022-02-26',
      value: 'hospital_t2',
    });
    const noCriterion = await station.post(`/api/v1/cases/${c.id}/events`, {
      kind: 'outcome',
      on: '2022-03-05',
      value: 'recovered',
    });
    expect(noCriterion.json().error.field).toBe('detail');
    const before = await station.post(`/api/v1/cases/${c.id}/events`, {
      kind: 'care',
      on: '2022-02-01',
      value: 'home',
    });
    expect(before.json().error.field).toBe('on');
    // Discharged from tier 2: the negative test of the day before discharge (recovery.int.test.ts).
    const negative = await station.post('/api/v1/tests', {
      personId: p.id,
      kind: 'rt_pcr',
      performer: 'health_worker',
      sampledAt: '2022-03-04T08:00:00+07:00',
      resultedAt: '2022-03-04T16:00:00+07:00',
      result: 'negative',
    });
    expect(negative.statusCode, negative.body).toBe(201);
    const done = await station.post(`/api/v1/cases/${c.id}/events`, {
      kind: 'outcome',
      on: '2022-03-05',
      value: 'recovered',
      detail: 'Xét nghiệm nhanh âm tính ngày thứ 7',
    });
    expect(done.json()).toMatchObject({
      status: 'recovered',
      severity: 'moderate',
      carePlace: 'hospital_t2',
    });
    const page = (await station.get(`/api/v1/cases/${c.id}`)).json();
    expect(page.events.map((e: { kind: string; value: string }) => `${e.kind}:${e.value}`)).toEqual([
      'severity:asymptomatic',
      'care:home',
      'severity:moderate',
      'care:hospital_t2',
      'outcome:recovered',
    ]);
    expect(page.isolation.criterion).toBeTruthy();
  });
});

describe('contacts and quarantine orders', () => {
  it('adds a household of four in one form, with orders from the policy at the exposure date', async () => {
    const index = await person(station);
    const c = (
      await station.post('/api/v1/cases', {
        personId: index.id,
        detectedOn: '2021-06-12',
        foundBy: 'community',
      })
    ).json();
    const spouse = await person(station);
    const res = await station.post(`/api/v1/cases/${c.id}/contacts/batch`, {
      exposureDate: '2021-06-10',
      setting: 'household',
      people: [
        { personId: spouse.id },
        { person: { fullName: 'Lò Thị Con Một', birthDate: '2010-01-01', sex: 'female', unitCode: '03387' } },
        { person: { fullName: 'Lò Văn Con Hai', birthDate: '2012-01-01', sex: 'male', unitCode: '03387' } },
        { person: { fullName: 'Lò Thị Bà', birthDate: '1950-01-01', sex: 'female', unitCode: '03387' } },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items;
    expect(items).toHaveLength(4);
    // CĐ 600/CĐ-BCĐ (05/05/2021): 21 days in a facility, counted from the exposure date.
    for (const k of items) {
      expect(k.quarantine).toMatchObject({
        place: 'facility',
        start: '2021-06-10',
        end: '2021-07-01',
        days: 21,
      });
      expect(k.quarantine.policy.source).toContain('600');
    }
  });

  it('gives 5 or 7 days at home in March 2022, and no quarantine after 15/04/2022', async () => {
    const index = await person(station);
    const c = (
      await station.post('/api/v1/cases', {
        personId: index.id,
        detectedOn: '2022-03-02',
        foundBy: 'community',
      })
    ).json();
    const a = await person(station);
    const b = await person(station);
    const vaccinated = (
      await station.post(`/api/v1/cases/${c.id}/contacts`, {
        personId: a.id,
        exposureDate: '2022-03-01',
        setting: 'workplace',
        vaccination: 'full',
      })
    ).json();
    expect(vaccinated.quarantine).toMatchObject({ place: 'home', start: '2022-03-01', end: '2022-03-06' });
    const unvaccinated = (
      await station.post(`/api/v1/cases/${c.id}/contacts`, {
        personId: b.id,
        exposureDate: '2022-03-01',
        setting: 'workplace',
      })
    ).json();
    expect(unvaccinated.quarantine).toMatchObject({ place: 'home', end: '2022-03-08' });

    const later = await person(station);
    const c2 = (
      await station.post('/api/v1/cases', {
        personId: later.id,
        detectedOn: '2022-05-02',
        foundBy: 'community',
      })
    ).json();
    const free = (
      await station.post(`/api/v1/cases/${c2.id}/contacts`, {
        personId: a.id,
        exposureDate: '2022-05-01',
        setting: 'event',
      })
    ).json();
    expect(free.quarantine).toBeNull();
  });

  it('refuses an exposure in the future, a duplicate, and the case itself, naming the field', async () => {
    const index = await person(station);
    const c = (
      await station.post('/api/v1/cases', {
        personId: index.id,
        detectedOn: '2021-09-02',
        foundBy: 'community',
      })
    ).json();
    const a = await person(station);
    const future = await station.post(`/api/v1/cases/${c.id}/contacts`, {
      personId: a.id,
      exposureDate: '2999-01-01',
      setting: 'household',
    });
    expect(future.json().error.field).toBe('exposureDate');
    const self = await station.post(`/api/v1/cases/${c.id}/contacts`, {
      personId: index.id,
      exposureDate: '2021-09-01',
      setting: 'household',
    });
    expect(self.json().error.code).toBe('contact_is_case');
    await station.post(`/api/v1/cases/${c.id}/contacts`, {
      personId: a.id,
      exposureDate: '2021-09-01',
      setting: 'household',
    });
    const dup = await station.post(`/api/v1/cases/${c.id}/contacts`, {
      personId: a.id,
      exposureDate: '2021-09-01',
      setting: 'household',
    });
    expect(dup.statusCode).toBe(409);
    const badRow = await station.post(`/api/v1/cases/${c.id}/contacts/batch`, {
      exposureDate: '2021-09-01',
      setting: 'household',
      people: [
        {
          person: {
            fullName: 'Lò Văn Sai',
            birthDate: '1990-01-01',
            sex: 'male',
            unitCode: '03387',
            idNumber: '012',
          },
        },
      ],
    });
    expect(badRow.json().error.field).toBe('people.0.person.idNumber');
  });

  it('links a contact who tests positive to the case that exposed them, and shows the chain', async () => {
    const index = await person(station);
    const c = (
      await station.post('/api/v1/cases', {
        personId: index.id,
        detectedOn: '2021-08-20',
        foundBy: 'community',
      })
    ).json();
    const a = await person(station);
    const k = (
      await station.post(`/api/v1/cases/${c.id}/contacts`, {
        personId: a.id,
        exposureDate: '2021-08-19',
        setting: 'household',
      })
    ).json();
    const second = (
      await station.post('/api/v1/cases', {
        personId: a.id,
        detectedOn: '2021-08-25',
        foundBy: 'in_quarantine',
      })
    ).json();
    expect(second.sourceCaseId).toBe(c.id);
    const contacts = (await station.get(`/api/v1/contacts?case=${c.id}`)).json().items;
    expect(contacts[0]).toMatchObject({ id: k.id, resultingCaseId: second.id });
    const chain = (await station.get(`/api/v1/cases/${second.id}/chain`)).json();
    expect(chain.origin).toBe(c.id);
    expect(chain.generations).toBe(2);
    const caseNodes = chain.nodes
      .filter((x: { type: string }) => x.type === 'case')
      .map((x: { id: string }) => x.id);
    expect(caseNodes.sort()).toEqual([c.id, second.id].sort());
    expect(chain.edges).toEqual(
      expect.arrayContaining([
        { source: c.id, target: k.id, kind: 'exposed' },
        { source: k.id, target: second.id, kind: 'became' },
      ]),
    );
  });

  it('shows a contact living in another commune to that commune and to the case commune only', async () => {
    const district = await t.as('health_officer', '105');
    const index = await person(station);
    const c = (
      await station.post('/api/v1/cases', {
        personId: index.id,
        detectedOn: '2021-09-10',
        foundBy: 'community',
      })
    ).json();
    const elsewhere = await person(district, '03386');
    const k = await district.post(`/api/v1/cases/${c.id}/contacts`, {
      personId: elsewhere.id,
      exposureDate: '2021-09-09',
      setting: 'relative',
    });
    expect(k.statusCode, k.body).toBe(201);
    const theirStation = await t.as('health_station', '03386');
    const theirs = (await theirStation.get('/api/v1/contacts')).json().items;
    expect(theirs.map((x: { id: string }) => x.id)).toContain(k.json().id);
    expect((await theirStation.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    const ours = (await station.get(`/api/v1/contacts?case=${c.id}`)).json().items;
    expect(ours.map((x: { id: string }) => x.id)).toContain(k.json().id);
    const third = await t.as('health_station', '03388');
    expect((await third.get('/api/v1/contacts')).json().items.map((x: { id: string }) => x.id)).not.toContain(
      k.json().id,
    );
  });
});

describe('lists, counts and export', () => {
  it('filters the case list and pages it newest first', async () => {
    const res = (await station.get('/api/v1/cases?from=2021-08-01&to=2021-08-31&limit=2')).json();
    expect(res.items).toHaveLength(2);
    expect(res.items[0].detectedOn >= res.items[1].detectedOn).toBe(true);
    const rest = (
      await station.get(`/api/v1/cases?from=2021-08-01&to=2021-08-31&limit=2&cursor=${res.next}`)
    ).json();
    const all = [...res.items, ...rest.items];
    expect(all.every((c: { detectedOn: string }) => c.detectedOn.startsWith('2021-08'))).toBe(true);
    const recovered = (await station.get('/api/v1/cases?status=recovered')).json().items;
    expect(recovered.every((c: { status: string }) => c.status === 'recovered')).toBe(true);
    expect(recovered.length).toBeGreaterThan(0);
  });

  it('counts new cases per month with the change against the month before', async () => {
    const items = (
      await station.get('/api/v1/cases/counts?period=month&from=2021-06-01&to=2021-09-30')
    ).json().items;
    const byMonth = Object.fromEntries(items.map((i: { period: string }) => [i.period, i]));
    expect(byMonth['2021-06-01'].cases).toBe(1);
    expect(byMonth['2021-07-01']).toMatchObject({ cases: 0, previous: 1, change: -1 });
    expect(byMonth['2021-08-01']).toMatchObject({ cases: 3, previous: 0, change: null });
    expect(byMonth['2021-09-01']).toMatchObject({ cases: 2, previous: 3, change: -0.333 });
  });

  it('counts one period per commune of a district, with the period before', async () => {
    const district = await t.as('command_center', '105');
    const items = (await district.get('/api/v1/cases/counts/by-unit?period=month&on=2021-09-15')).json()
      .items;
    expect(items).toEqual([
      {
        unitCode: '03387',
        unitName: 'Phường Tân Phong',
        period: '2021-09-01',
        cases: 2,
        previous: 3,
        change: -0.333,
      },
    ]);
    const province = await t.as('command_center', '12');
    const byDistrict = (await province.get('/api/v1/cases/counts/by-unit?period=month&on=2021-09-15')).json()
      .items;
    expect(byDistrict).toEqual([
      expect.objectContaining({ unitCode: '105', unitName: 'Thành phố Lai Châu', cases: 2 }),
    ]);
  });

  it('exports the line list to XLSX with Vietnamese headers and dd/mm/yyyy dates', async () => {
    const res = await station.get('/api/v1/cases/export.xlsx?from=2021-08-01&to=2021-08-31');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(2).text).toBe('Họ và tên');
    expect(sheet.rowCount).toBe(4); // the header and the three August cases
    expect(sheet.getRow(2).getCell(6).text).toMatch(/^\d\d\/08\/2021$/);
  });
});

describe('clusters', () => {
  it('opens a cluster, links cases, draws a lockdown zone, shows curve and tracing, closes when allowed', async () => {
    const officer = await t.as('health_officer', '105');
    const cluster = (
      await officer.post('/api/v1/clusters', {
        name: 'Ổ dịch chợ Tân Phong',
        unitCode: '03387',
        openedOn: '2021-10-01',
        villages: ['Tổ 3', 'Bản "Nà" Bó, {cũ}'],
      })
    ).json();
    expect(cluster).toMatchObject({ name: 'Ổ dịch chợ Tân Phong', unitName: 'Phường Tân Phong', cases: 0 });
    // Village names are stored as typed, quotes, commas and braces included.
    expect(cluster.villages).toEqual(['Tổ 3', 'Bản "Nà" Bó, {cũ}']);
    const a = await person(station);
    const ca = (
      await station.post('/api/v1/cases', {
        personId: a.id,
        detectedOn: '2021-10-02',
        foundBy: 'community',
        clusterId: cluster.id,
      })
    ).json();
    const b = await person(station);
    await station.post(`/api/v1/cases/${ca.id}/contacts`, {
      personId: b.id,
      exposureDate: '2021-10-01',
      setting: 'event',
    });
    const cb = (
      await station.post('/api/v1/cases', {
        personId: b.id,
        detectedOn: '2021-10-05',
        foundBy: 'in_quarantine',
      })
    ).json();
    expect(cb.clusterId).toBe(cluster.id);
    const zone = await officer.post(`/api/v1/clusters/${cluster.id}/lockdowns`, {
      unitCodes: ['03387'],
      villages: ['Tổ 3'],
      startsOn: '2021-10-02',
      endsOn: '2021-10-01',
    });
    expect(zone.json().error.field).toBe('endsOn');
    expect(
      (
        await officer.post(`/api/v1/clusters/${cluster.id}/lockdowns`, {
          unitCodes: ['03387'],
          startsOn: '2021-10-02',
        })
      ).statusCode,
    ).toBe(201);
    const page = (await officer.get(`/api/v1/clusters/${cluster.id}`)).json();
    expect(page.curve).toEqual([
      { on: '2021-10-02', cases: 1 },
      { on: '2021-10-05', cases: 1 },
    ]);
    expect(page.tracing).toMatchObject({ contacts: 1, positive: 1 });
    expect(page.lockdowns).toHaveLength(1);
    const beforeOpening = await officer.post(`/api/v1/clusters/${cluster.id}/close`, {
      closedOn: '2021-09-30',
    });
    expect(beforeOpening.json().error).toMatchObject({ field: 'closedOn' });
    const early = await officer.post(`/api/v1/clusters/${cluster.id}/close`, { closedOn: '2021-10-10' });
    expect(early.json().error).toMatchObject({ code: 'cluster_not_closable', field: 'closedOn' });
    const closed = await officer.post(`/api/v1/clusters/${cluster.id}/close`, { closedOn: '2021-10-19' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closedOn).toBe('2021-10-19');
    const chain = (await officer.get(`/api/v1/clusters/${cluster.id}/chain`)).json();
    expect(chain.origin).toBe(ca.id);
    expect(chain.nodes.filter((x: { type: string }) => x.type === 'case')).toHaveLength(2);
    const station3 = await t.as('health_station', '03386');
    expect((await station3.get(`/api/v1/clusters/${cluster.id}`)).statusCode).toBe(404);
  });
});
