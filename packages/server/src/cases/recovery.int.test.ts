import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * A recovery earlier than the isolation policy in force allows is refused unless a clinician's
 * reason is given (domain earliestRelease); the reason is stored with the event and audited.
 */
let t: TestContext;
let station: Client;
let n = 0;

async function openCase(detectedOn: string, carePlace = 'home') {
  const person = await station.post('/api/v1/persons', {
    fullName: `Lò Văn Khỏi ${String.fromCharCode(65 + n++)}`,
    birthDate: '1980-01-01',
    sex: 'male',
    unitCode: '03387',
  });
  expect(person.statusCode, person.body).toBe(201);
  const kase = await station.post('/api/v1/cases', {
    personId: person.json().id,
    detectedOn,
    foundBy: 'community',
    carePlace,
  });
  expect(kase.statusCode, kase.body).toBe(201);
  return kase.json() as { id: string; personId: string };
}

async function negativeTest(personId: string, day: string, kind = 'rapid_antigen') {
  const res = await station.post('/api/v1/tests', {
    personId,
    kind,
    performer: 'health_worker',
    sampledAt: `${day}T08:00:00+07:00`,
    resultedAt: `${day}T08:30:00+07:00`,
    result: 'negative',
  });
  expect(res.statusCode, res.body).toBe(201);
}

const recover = (id: string, on: string, extra: Record<string, string> = {}) =>
  station.post(`/api/v1/cases/${id}/events`, {
    kind: 'outcome',
    on,
    value: 'recovered',
    detail: 'Test nhanh kháng nguyên âm tính',
    ...extra,
  });

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
});
afterAll(() => t.close());

describe('recovery no earlier than the isolation policy allows (CV 762/BYT-DP, home care)', () => {
  it('shows the earliest date on the case, and refuses the day before with the date and the document', async () => {
    const kase = await openCase('2022-03-01');
    // No test yet: the end of the extension (14 days, vaccination unknown).
    const before = (await station.get(`/api/v1/cases/${kase.id}`)).json();
    expect(before.release).toMatchObject({
      earliestOn: '2022-03-15',
      policy: { code: 'isolation/cv-762-byt-dp', unconfirmed: true },
    });
    // A negative antigen test on day 7 brings it to day 7.
    await negativeTest(kase.personId, '2022-03-08');
    expect((await station.get(`/api/v1/cases/${kase.id}`)).json().release.earliestOn).toBe('2022-03-08');

    const early = await recover(kase.id, '2022-03-07');
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({
      code: 'recovery_too_early',
      field: 'on',
      earliestOn: '2022-03-08',
    });
    expect(early.json().error.message).toContain('08/03/2022');
    expect(early.json().error.message).toContain('CV 762/BYT-DP');
    expect((await t.pool.query(`SELECT status FROM cases WHERE id = $1`, [kase.id])).rows[0].status).toBe(
      'active',
    );

    const onTime = await recover(kase.id, '2022-03-08');
    expect(onTime.statusCode, onTime.body).toBe(200);
    const event = await t.pool.query(
      `SELECT override_reason FROM case_events WHERE case_id = $1 AND kind = 'outcome'`,
      [kase.id],
    );
    expect(event.rows).toEqual([{ override_reason: null }]);
  });

  it("accepts an earlier date with a clinician's reason, stored with the event and audited", async () => {
    const kase = await openCase('2022-03-01');
    const reason = 'BS. Lò Văn Minh: hết triệu chứng, RT-PCR âm tính tại bệnh viện tỉnh';
    const res = await recover(kase.id, '2022-03-04', { overrideReason: `  ${reason} ` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'recovered', outcomeOn: '2022-03-04' });
    const event = await t.pool.query(
      `SELECT override_reason FROM case_events WHERE case_id = $1 AND kind = 'outcome'`,
      [kase.id],
    );
    expect(event.rows).toEqual([{ override_reason: reason }]);
    const audit = await t.pool.query(
      `SELECT detail FROM audit_events WHERE entity = 'case' AND entity_id = $1 AND action = 'update'`,
      [kase.id],
    );
    expect(audit.rows[0].detail).toMatchObject({
      overrideReason: reason,
      earliestOn: '2022-03-15',
      policy: 'isolation/cv-762-byt-dp',
    });
    // The page lists the reason with the event; a closed case has no earliest date any more.
    const page = (await station.get(`/api/v1/cases/${kase.id}`)).json();
    expect(page.events.at(-1)).toMatchObject({ kind: 'outcome', overrideReason: reason });
    expect(page.release).toBeNull();
  });

  it('refuses a blank reason as no reason', async () => {
    const kase = await openCase('2022-03-01');
    const res = await recover(kase.id, '2022-03-04', { overrideReason: '   ' });
    expect(res.json().error).toMatchObject({ code: 'recovery_too_early', field: 'on' });
  });
});

describe('recovery under the other versions', () => {
  it('discharge criterion (hospital): a negative test the day before, none recorded → no date yet', async () => {
    const kase = await openCase('2021-08-01', 'hospital_t2');
    const none = await recover(kase.id, '2021-08-20');
    expect(none.json().error).toMatchObject({ code: 'recovery_too_early', field: 'on', earliestOn: null });
    expect(none.json().error.message).toContain('chưa có kết quả âm tính');
    await negativeTest(kase.personId, '2021-08-18', 'rt_pcr');
    expect((await recover(kase.id, '2021-08-18')).json().error?.code).toBe('recovery_too_early');
    expect((await recover(kase.id, '2021-08-19')).statusCode).toBe(200);
  });

  it('from 15/04/2022: day 7 without a test', async () => {
    const kase = await openCase('2022-04-15');
    expect((await recover(kase.id, '2022-04-21')).json().error?.message).toContain('22/04/2022');
    expect((await recover(kase.id, '2022-04-22')).statusCode).toBe(200);
  });
});
