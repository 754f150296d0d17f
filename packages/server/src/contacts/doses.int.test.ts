import { DAY_ZERO_POINT } from '@tuyendau/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * CV 10696 and CV 762 decide by the number and dates of doses, taken from the contact's input; the
 * quarantine order the API returns cites its document with what is UNCONFIRMED.
 */
let t: TestContext;
let station: Client;
let n = 0;

async function person() {
  const res = await station.post('/api/v1/persons', {
    fullName: `Lò Thị Mũi ${String.fromCharCode(65 + n++)}`,
    birthDate: '1990-01-01',
    sex: 'female',
    unitCode: '03387',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function openCase(detectedOn: string) {
  const res = await station.post('/api/v1/cases', {
    personId: (await person()).id,
    detectedOn,
    foundBy: 'community',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
});
afterAll(() => t.close());

describe('contacts: doses decide the shorter quarantine', () => {
  it('CV 762: 2 doses, the last 14 days before → 5 days; 13 days before → 7 days; stored and returned', async () => {
    const kase = await openCase('2022-03-10');
    const add = async (lastDoseOn: string, doses = 2) =>
      station.post(`/api/v1/cases/${kase.id}/contacts`, {
        personId: (await person()).id,
        exposureDate: '2022-03-10',
        setting: 'household',
        vaccination: 'unknown',
        doses,
        lastDoseOn,
      });
    const fourteen = await add('2022-02-24');
    expect(fourteen.statusCode, fourteen.body).toBe(201);
    expect(fourteen.json()).toMatchObject({
      doses: 2,
      lastDoseOn: '2022-02-24',
      quarantine: { place: 'home', days: 5, end: '2022-03-15' },
    });
    expect(fourteen.json().quarantine.policy).toMatchObject({
      code: 'quarantine/cv-762-byt-dp',
      source: 'CV 762/BYT-DP (21/02/2022)',
      unconfirmed: true,
      unconfirmedPoints: [DAY_ZERO_POINT],
    });
    expect((await add('2022-02-25')).json().quarantine).toMatchObject({ days: 7 });
    expect((await add('2021-10-01', 1)).json().quarantine).toMatchObject({ days: 7 });
    const stored = await t.pool.query(`SELECT doses, last_dose_on FROM contacts WHERE id = $1`, [
      fourteen.json().id,
    ]);
    expect(stored.rows).toEqual([{ doses: 2, last_dose_on: '2022-02-24' }]);
    // The contact list returns them too.
    const list = (await station.get(`/api/v1/contacts?case=${kase.id}`)).json().items;
    expect(list.find((k: { id: string }) => k.id === fourteen.json().id)).toMatchObject({ doses: 2 });
  });

  it('CV 10696: the last dose within 6 months; the declared status only when doses are unknown', async () => {
    const kase = await openCase('2022-01-20');
    const add = async (body: Record<string, unknown>) =>
      station.post(`/api/v1/cases/${kase.id}/contacts/batch`, {
        exposureDate: '2022-01-20',
        setting: 'workplace',
        vaccination: 'full',
        people: [{ personId: (await person()).id, ...body }],
      });
    expect((await add({ doses: 2, lastDoseOn: '2021-07-20' })).json().items[0].quarantine).toMatchObject({
      place: 'home',
      days: 7,
    });
    expect((await add({ doses: 2, lastDoseOn: '2021-07-19' })).json().items[0].quarantine).toMatchObject({
      place: 'facility',
      days: 14,
    });
    // Unknown doses: the declared status (full) decides, as before.
    expect((await add({})).json().items[0]).toMatchObject({ doses: null, quarantine: { place: 'home' } });
  });

  it('refuses a last dose after the exposure, a date without doses, and out-of-range counts, naming the field', async () => {
    const kase = await openCase('2022-03-10');
    const base = { exposureDate: '2022-03-10', setting: 'household' };
    const one = async (extra: Record<string, unknown>) =>
      station.post(`/api/v1/cases/${kase.id}/contacts`, { ...base, personId: (await person()).id, ...extra });
    expect((await one({ doses: 2, lastDoseOn: '2022-03-11' })).json().error).toMatchObject({
      code: 'last_dose_after_exposure',
      field: 'lastDoseOn',
    });
    expect((await one({ lastDoseOn: '2022-03-01' })).json().error.field).toBe('doses');
    expect((await one({ doses: 6 })).statusCode).toBe(400);
    const batch = await station.post(`/api/v1/cases/${kase.id}/contacts/batch`, {
      ...base,
      people: [{ personId: (await person()).id, doses: 1, lastDoseOn: '2099-01-01' }],
    });
    expect(batch.json().error.field).toBe('people.0.lastDoseOn');
  });

  it('says the end of F2 tracing under CV 11042 is unconfirmed', async () => {
    const kase = await openCase('2022-01-05');
    const f1 = await station.post(`/api/v1/cases/${kase.id}/contacts`, {
      personId: (await person()).id,
      exposureDate: '2022-01-04',
      setting: 'household',
    });
    const f2 = await station.post(`/api/v1/cases/${kase.id}/contacts`, {
      personId: (await person()).id,
      exposureDate: '2022-01-04',
      setting: 'household',
      degree: 2,
      viaContactId: f1.json().id,
    });
    expect(f2.json().error).toMatchObject({ code: 'f2_not_tracked', field: 'degree' });
    expect(f2.json().error.message).toContain('chưa xác nhận');
  });
});
