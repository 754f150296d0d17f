import { addDays } from '@tuyendau/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalForAccount } from '../../auth/principal.ts';
import { todayInVietnam } from '../../http/time.ts';
import { expectRefusal } from '../../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../../test/harness.ts';
import { activeEpisodesByPlace } from '../episodes/service.ts';
import { freeBeds } from './board.ts';

/**
 * Places of isolation (issue 10): facilities, their states and daily capacity; episodes at home
 * and in beds; twenty admissions into five beds; discharge and transfer free the bed; a contact who
 * becomes a case; the capacity board; jurisdiction and bad input. Phường Tân Phong 03387 and
 * Phường Quyết Thắng 03386 are communes of TP Lai Châu (105), Lai Châu (12).
 */
let t: TestContext;
let station: Client; // health_station 03387: admits, enrols, discharges
let officer: Client; // health_officer of TP Lai Châu (105): manages facilities
let neighbour: Client; // health_station 03386
let outsider: Client; // health_officer of Điện Biên (11)
const today = todayInVietnam();

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  officer = await t.as('health_officer', '105');
  neighbour = await t.as('health_station', '03386');
  outsider = await t.as('health_officer', '11');
});
afterAll(() => t.close());

let n = 0;
function nameOf(i: number): string {
  let word = '';
  for (let k = i + 26; k > 0; k = Math.floor(k / 26)) word = String.fromCharCode(97 + (k % 26)) + word;
  return `Lò Văn ${word[0].toUpperCase()}${word.slice(1)}`;
}
async function person(unitCode = '03387', by: Client = station): Promise<string> {
  const res = await by.post('/api/v1/persons', {
    fullName: nameOf(n++),
    birthDate: '1980-03-03',
    sex: 'male',
    unitCode,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function facility(beds: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await officer.post('/api/v1/facilities', {
    name: `Khu cách ly ${nameOf(n++)}`,
    kind: 'isolation',
    type: 'dormitory',
    unitCode: '03387',
    capacity: { beds },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id;
  for (const state of ['ready', 'active']) {
    const s = await officer.post(`/api/v1/facilities/${id}/state`, {
      state,
      effectiveOn: today,
      decidedBy: 'QĐ 12/QĐ-UBND của UBND thành phố',
    });
    expect(s.statusCode, s.body).toBe(200);
  }
  return id;
}

const facilityRow = async (id: string) =>
  (await t.pool.query('SELECT beds, occupied FROM facilities WHERE id = $1', [id])).rows[0];
const openStays = async (id: string) =>
  (
    await t.pool.query('SELECT count(*)::int AS n FROM care_stays WHERE facility_id = $1 AND to_at IS NULL', [
      id,
    ])
  ).rows[0].n;

describe('facilities', () => {
  it('registers a treatment facility of a tier with its capacity, planned, with a first capacity day', async () => {
    const res = await officer.post('/api/v1/facilities', {
      name: 'Bệnh viện dã chiến số 1',
      kind: 'treatment',
      type: 'field_hospital',
      tier: 'hospital_t2',
      unitCode: '03387',
      owner: 'Sở Y tế',
      capacity: { beds: 200, icuBeds: 20, ventilators: 10, ecmo: 1, dialysis: 2, oxygenConcentrators: 30 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const f = res.json();
    expect(f).toMatchObject({
      state: 'planned',
      beds: 200,
      icuBeds: 20,
      occupied: 0,
      free: 200,
      tierCode: 'hospital_t2',
    });
    const detail = (await officer.get(`/api/v1/facilities/${f.id}`)).json();
    expect(detail.states).toHaveLength(1);
    expect(detail.days.at(-1)).toMatchObject({ day: today, beds: 200, reported: true, occupied: 0 });
  });

  it('refuses bad input naming the field', async () => {
    const base = { name: 'X', kind: 'treatment', type: 'hotel', unitCode: '03387', capacity: { beds: 5 } };
    expectRefusal(
      await officer.post('/api/v1/facilities', { ...base, tier: 'tang_9' }),
      'unknown_tier',
      'tier',
    );
    expectRefusal(
      await officer.post('/api/v1/facilities', { ...base, kind: 'isolation', tier: 'hospital_t1' }),
      'tier_not_for_isolation',
      'tier',
    );
    const neg = await officer.post('/api/v1/facilities', { ...base, capacity: { beds: -1 } });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.field).toContain('beds');
    const kind = await officer.post('/api/v1/facilities', { ...base, kind: 'motel' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.field).toContain('kind');
  });

  it('keeps facilities inside the jurisdiction', async () => {
    const other = await officer.post('/api/v1/facilities', {
      name: 'Ngoài địa bàn',
      kind: 'isolation',
      type: 'hotel',
      unitCode: '03130',
      capacity: { beds: 5 },
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.field).toBe('unitCode');
    const id = await facility(3);
    expect((await outsider.get(`/api/v1/facilities/${id}`)).statusCode).toBe(404);
    expect((await neighbour.get(`/api/v1/facilities/${id}`)).statusCode).toBe(404);
    // A station cannot register a facility (facility.manage).
    const st = await station.post('/api/v1/facilities', {
      name: 'Trạm',
      kind: 'isolation',
      type: 'hotel',
      unitCode: '03387',
      capacity: { beds: 1 },
    });
    expect(st.statusCode).toBe(403);
    // The province's active facilities are offered to pick from, with their free beds.
    const picks = (await neighbour.get('/api/v1/facilities?available=true')).json();
    expect(picks.items.some((f: { id: string }) => f.id === id)).toBe(true);
  });

  it('changes state by the allowed transitions, never closing over people', async () => {
    const id = await facility(2);
    expectRefusal(
      await officer.post(`/api/v1/facilities/${id}/state`, {
        state: 'planned',
        effectiveOn: today,
        decidedBy: 'QĐ',
      }),
      'transition_not_allowed',
      'state',
    );
    await station.post(`/api/v1/facilities/${id}/admissions`, {
      personId: await person(),
      reason: 'arrival',
    });
    const close = await officer.post(`/api/v1/facilities/${id}/state`, {
      state: 'closed',
      effectiveOn: today,
      decidedBy: 'QĐ 99',
    });
    expect(close.statusCode).toBe(409);
    expect(close.json().error).toMatchObject({ code: 'facility_occupied', field: 'state' });
    expect(close.json().error.message).toContain('còn 1 người');
  });

  it('takes the daily capacity report, refusing beds below the people in them', async () => {
    const id = await facility(3);
    await station.post(`/api/v1/facilities/${id}/admissions`, {
      personId: await person(),
      reason: 'arrival',
    });
    await station.post(`/api/v1/facilities/${id}/admissions`, {
      personId: await person(),
      reason: 'arrival',
    });
    const low = await officer.request({
      method: 'PUT',
      url: `/api/v1/facilities/${id}/days/${today}`,
      payload: { beds: 1 },
    });
    expectRefusal(low, 'beds_below_occupied', 'beds');
    const ok = await officer.request({
      method: 'PUT',
      url: `/api/v1/facilities/${id}/days/${today}`,
      payload: { beds: 10, icuBeds: 2, icuOccupied: 1 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ day: today, beds: 10, occupied: 2, reported: true });
    expect(await facilityRow(id)).toMatchObject({ beds: 10, occupied: 2 });
    const future = await officer.request({
      method: 'PUT',
      url: `/api/v1/facilities/${id}/days/${addDays(today, 1)}`,
      payload: { beds: 10 },
    });
    expectRefusal(future, 'day_future', 'day');
    const days = (
      await officer.get(`/api/v1/facilities/${id}/days?from=${addDays(today, -2)}&to=${today}`)
    ).json();
    expect(days.days).toHaveLength(3);
  });
});

describe('admissions and beds', () => {
  it('twenty admissions at once into five free beds: five in, fifteen clear refusals', async () => {
    const id = await facility(5);
    const people: string[] = [];
    for (let i = 0; i < 20; i++) people.push(await person());
    const results = await Promise.all(
      people.map((personId) =>
        station.post(`/api/v1/facilities/${id}/admissions`, { personId, reason: 'arrival' }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(15);
    const refusal = results.find((r) => r.statusCode === 409)!.json().error;
    expect(refusal.code).toBe('no_bed_free');
    expect(refusal.message).toContain('đã hết giường');
    expect(refusal.message).toContain('5/5');
    expect(await facilityRow(id)).toMatchObject({ beds: 5, occupied: 5 });
    expect(await openStays(id)).toBe(5);
    // Refused admissions left no episode behind.
    const episodes = await t.pool.query(
      `SELECT count(*)::int AS n FROM care_episodes WHERE person_id = ANY($1::uuid[])`,
      [people],
    );
    expect(episodes.rows[0].n).toBe(5);
  });

  it('admits above capacity only with an override by a facility manager, recorded', async () => {
    const id = await facility(1);
    await station.post(`/api/v1/facilities/${id}/admissions`, {
      personId: await person(),
      reason: 'arrival',
    });
    const p = await person();
    const byStation = await station.post(`/api/v1/facilities/${id}/admissions`, {
      personId: p,
      reason: 'arrival',
      override: { reason: 'Cấp cứu' },
    });
    expect(byStation.statusCode).toBe(403);
    const byOfficer = await officer.post(`/api/v1/facilities/${id}/admissions`, {
      personId: p,
      reason: 'arrival',
      override: { reason: 'Bệnh nhân cấp cứu, chờ giường tầng 2' },
    });
    expect(byOfficer.statusCode, byOfficer.body).toBe(201);
    const stay = byOfficer.json().stays.at(-1);
    expect(stay).toMatchObject({
      overrideReason: 'Bệnh nhân cấp cứu, chờ giường tầng 2',
      reason: 'admission',
    });
    expect(stay.overrideBy).toBeTruthy();
    expect(await facilityRow(id)).toMatchObject({ beds: 1, occupied: 2 });
  });

  it('refuses a facility not yet active, and people outside the jurisdiction', async () => {
    const res = await officer.post('/api/v1/facilities', {
      name: 'Chưa mở',
      kind: 'isolation',
      type: 'hotel',
      unitCode: '03387',
      capacity: { beds: 5 },
    });
    const planned = res.json().id;
    const r = await station.post(`/api/v1/facilities/${planned}/admissions`, {
      personId: await person(),
      reason: 'other',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('facility_not_active');
    const id = await facility(5);
    const stranger = await person('03386', neighbour);
    const out = await station.post(`/api/v1/facilities/${id}/admissions`, {
      personId: stranger,
      reason: 'other',
    });
    expect(out.statusCode).toBe(404);
    expect(out.json().error.field).toBe('personId');
    const bad = await station.post(`/api/v1/facilities/${id}/admissions`, {
      personId: stranger,
      reason: 'tourist',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toContain('reason');
  });

  it('discharge and transfer free the bed; a return home closes the stay', async () => {
    const a = await facility(1);
    const b = await facility(1);
    const p = await person();
    const admitted = await station.post(`/api/v1/facilities/${a}/admissions`, {
      personId: p,
      reason: 'arrival',
    });
    expect(admitted.statusCode, admitted.body).toBe(201);
    const episode = admitted.json();
    expect(episode.plannedEndOn).toBeTruthy();
    expect(episode.policyCode).toMatch(/^arrival\//);
    // Admitting the same person again moves the episode (no second episode).
    const again = await station.post(`/api/v1/facilities/${b}/admissions`, {
      personId: p,
      reason: 'arrival',
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().id).toBe(episode.id);
    expect(await facilityRow(a)).toMatchObject({ occupied: 0 });
    expect(await facilityRow(b)).toMatchObject({ occupied: 1 });
    const moved = await station.post(`/api/v1/care/episodes/${episode.id}/move`, {
      to: 'facility',
      facilityId: a,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().stays.map((s: { reason: string }) => s.reason)).toEqual([
      'admission',
      'transfer',
      'transfer',
    ]);
    expect(await facilityRow(b)).toMatchObject({ occupied: 0 });
    const home = await station.post(`/api/v1/care/episodes/${episode.id}/move`, { to: 'home' });
    expect(home.json()).toMatchObject({ place: 'home', facilityId: null });
    expect(await facilityRow(a)).toMatchObject({ occupied: 0 });
    const back = await station.post(`/api/v1/care/episodes/${episode.id}/move`, {
      to: 'facility',
      facilityId: a,
    });
    expect(back.statusCode).toBe(200);
    expectRefusal(
      await station.post(`/api/v1/care/episodes/${episode.id}/discharge`, { reason: 'completed' }),
      'criterion_required',
      'criterion',
    );
    const done = await station.post(`/api/v1/care/episodes/${episode.id}/discharge`, {
      reason: 'completed',
      criterion: 'Đủ 14 ngày, xét nghiệm âm tính',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'ended', endReason: 'completed', endedOn: today });
    expect(await facilityRow(a)).toMatchObject({ occupied: 0 });
    expect(await openStays(a)).toBe(0);
    const twice = await station.post(`/api/v1/care/episodes/${episode.id}/discharge`, { reason: 'other' });
    expect(twice.statusCode).toBe(409);
  });
});

describe('episodes', () => {
  it('enrols at home with the commitment; bad input names the field; one active episode per person', async () => {
    const p = await person();
    const miss = await station.post('/api/v1/care/episodes', { personId: p, reason: 'other' });
    expect(miss.statusCode).toBe(400);
    expect(miss.json().error.field).toContain('commitment');
    const body = {
      personId: p,
      reason: 'arrival',
      startOn: addDays(today, -2),
      vaccination: 'full',
      commitment: { signer: 'Lò Thị Cam Kết', signedOn: today },
      supervisingTeam: 'Tổ Covid cộng đồng bản 3',
    };
    const res = await station.post('/api/v1/care/episodes', body);
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      place: 'home',
      startOn: addDays(today, -2),
      day: 3,
      commitmentSigner: 'Lò Thị Cam Kết',
    });
    expect(e.stays).toHaveLength(1);
    const dup = await station.post('/api/v1/care/episodes', body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('episode_active');
    expectRefusal(
      await station.post('/api/v1/care/episodes', {
        ...body,
        personId: await person(),
        startOn: addDays(today, 1),
      }),
      'start_future',
      'startOn',
    );
    expect((await neighbour.get(`/api/v1/care/episodes/${e.id}`)).statusCode).toBe(404);
    const list = (await station.get('/api/v1/care/episodes?place=home&limit=200')).json();
    expect(list.items.some((x: { id: string }) => x.id === e.id)).toBe(true);
    expect(
      (await neighbour.get('/api/v1/care/episodes?limit=200'))
        .json()
        .items.some((x: { id: string }) => x.id === e.id),
    ).toBe(false);
  });

  it('checks home care eligibility at enrolment: keeps the answer, refuses an F0 who does not meet it', async () => {
    const facts = {
      assessedOn: '2022-03-01',
      birthDate: '2000-01-01',
      underlyingDisease: 'none',
      pregnant: false,
      vaccineDoses: 2,
      selfCare: true,
      caregiver: false,
    };
    const enrol = async (eligibility: Record<string, unknown>) =>
      station.post('/api/v1/care/episodes', {
        personId: await person(),
        reason: 'other',
        commitment: { signer: 'Chủ hộ', signedOn: '2022-03-01' },
        eligibility,
      });
    const ok = await enrol(facts);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().eligibility).toMatchObject({
      outcome: expect.any(String),
      policy: { code: expect.any(String) },
    });
    const bad = { ...facts, underlyingDisease: 'unstable', spo2: 90, respiratoryRate: 30, selfCare: false };
    expect((await station.post('/api/v1/care/home-care/eligibility', bad)).json().outcome).toBe(
      'not_eligible',
    );
    const refused = await enrol(bad);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'not_eligible_home', field: 'eligibility' });
  });

  it('a contact who becomes a case: the quarantine ends, the isolation starts on the case day with its policy', async () => {
    const source = await station.post('/api/v1/cases', {
      personId: await person(),
      detectedOn: '2022-02-20',
      foundBy: 'symptomatic',
    });
    expect(source.statusCode, source.body).toBe(201);
    const p = await person();
    const contact = await station.post(`/api/v1/cases/${source.json().id}/contacts`, {
      personId: p,
      exposureDate: '2022-02-20',
      setting: 'household',
      vaccination: 'none',
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const q = await station.post('/api/v1/care/episodes', {
      personId: p,
      reason: 'contact',
      startOn: '2022-02-21',
      commitment: { signer: 'Chủ hộ', signedOn: '2022-02-20' },
    });
    expect(q.statusCode, q.body).toBe(201);
    expect(q.json()).toMatchObject({
      reason: 'contact',
      contactId: contact.json().id,
      startOn: '2022-02-20',
    });
    const kase = await station.post('/api/v1/cases', {
      personId: p,
      detectedOn: '2022-02-24',
      foundBy: 'in_quarantine',
    });
    expect(kase.statusCode, kase.body).toBe(201);
    const old = (await station.get(`/api/v1/care/episodes/${q.json().id}`)).json();
    expect(old).toMatchObject({ status: 'ended', endReason: 'became_case', endedOn: '2022-02-24' });
    const now = (await station.get(`/api/v1/care/episodes?person=${p}&status=active`)).json().items;
    expect(now).toHaveLength(1);
    // CV 762 era: 7 days from the case day (day 0 = 24/02), not from the quarantine's start.
    expect(now[0]).toMatchObject({
      reason: 'case',
      caseId: kase.json().id,
      startOn: '2022-02-24',
      plannedEndOn: '2022-03-03',
      policyCode: 'isolation/cv-762-byt-dp',
      place: 'home',
    });
  });

  it('a contact quarantined in a facility keeps the bed as a case', async () => {
    const f = await facility(2);
    const source = await station.post('/api/v1/cases', {
      personId: await person(),
      detectedOn: '2022-02-20',
      foundBy: 'symptomatic',
    });
    const p = await person();
    await station.post(`/api/v1/cases/${source.json().id}/contacts`, {
      personId: p,
      exposureDate: '2022-02-20',
      setting: 'household',
    });
    const adm = await station.post(`/api/v1/facilities/${f}/admissions`, {
      personId: p,
      reason: 'contact',
      startOn: '2022-02-20',
    });
    expect(adm.json().contactId).toBeTruthy();
    expect(adm.statusCode, adm.body).toBe(201);
    await station.post('/api/v1/cases', { personId: p, detectedOn: '2022-02-22', foundBy: 'in_quarantine' });
    const now = (await station.get(`/api/v1/care/episodes?person=${p}&status=active`)).json().items[0];
    expect(now).toMatchObject({ reason: 'case', place: 'facility', facilityId: f });
    expect(await facilityRow(f)).toMatchObject({ occupied: 1 });
    expect(await openStays(f)).toBe(1);
  });

  it('a case registered for home care gets its episode; the household commitment is recorded after', async () => {
    const p = await person();
    await station.post('/api/v1/cases', { personId: p, detectedOn: '2022-05-02', foundBy: 'symptomatic' });
    const ep = (await station.get(`/api/v1/care/episodes?person=${p}`)).json().items[0];
    expect(ep).toMatchObject({ place: 'home', commitmentSigner: null });
    expectRefusal(
      await station.post(`/api/v1/care/episodes/${ep.id}/commitment`, {
        signer: 'Chủ hộ',
        signedOn: addDays(today, 1),
      }),
      'signed_future',
      'signedOn',
    );
    expect(
      (
        await neighbour.post(`/api/v1/care/episodes/${ep.id}/commitment`, {
          signer: 'X',
          signedOn: '2022-05-02',
        })
      ).statusCode,
    ).toBe(404);
    const ok = await station.post(`/api/v1/care/episodes/${ep.id}/commitment`, {
      signer: 'Lò Văn Chủhộ',
      signedOn: '2022-05-02',
      supervisingTeam: 'Tổ Covid cộng đồng bản 2',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ commitmentSigner: 'Lò Văn Chủhộ', commitmentOn: '2022-05-02' });
  });

  it('a case recovering ends its episode', async () => {
    const p = await person();
    const kase = await station.post('/api/v1/cases', {
      personId: p,
      detectedOn: '2022-05-01',
      foundBy: 'symptomatic',
    });
    const ep = (await station.get(`/api/v1/care/episodes?person=${p}`)).json().items[0];
    expect(ep).toMatchObject({
      status: 'active',
      place: 'home',
      startOn: '2022-05-01',
      plannedEndOn: '2022-05-08',
    });
    const out = await station.post(`/api/v1/cases/${kase.json().id}/events`, {
      kind: 'outcome',
      on: '2022-05-09',
      value: 'recovered',
      detail: 'Hết triệu chứng',
    });
    expect(out.statusCode, out.body).toBe(200);
    const after = (await station.get(`/api/v1/care/episodes/${ep.id}`)).json();
    expect(after).toMatchObject({ status: 'ended', endReason: 'completed', endedOn: '2022-05-09' });
  });
});

describe('capacity board', () => {
  it('gives the situation page its counts: active episodes by place, free beds', async () => {
    const meId = (await officer.get('/api/v1/auth/me')).json().id;
    const me = (await principalForAccount(t.pool, meId))!;
    const places = await activeEpisodesByPlace(t.pool, me, '03387');
    const direct = await t.pool.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE place = 'home')::int AS home
         FROM care_episodes WHERE status = 'active' AND unit_code = '03387'`,
    );
    expect(places.total).toBe(direct.rows[0].n);
    expect(places.home).toBe(direct.rows[0].home);
    expect(places.isolationFacility).toBeGreaterThan(0);
    const yesterday = await activeEpisodesByPlace(t.pool, me, '03387', addDays(today, -1));
    expect(yesterday.date).toBe(addDays(today, -1));
    const beds = await freeBeds(t.pool, me, '03387');
    const board = (await officer.get('/api/v1/care/capacity?unit=03387')).json();
    expect(beds).toMatchObject({
      beds: board.total.beds,
      occupied: board.total.occupied,
      free: board.total.free,
    });
    expect(beds.isolation.beds + beds.treatment.reduce((n, x) => n + x.beds, 0)).toBe(beds.beds);
  });

  it('counts each day of the trend as the facilities count their own days', async () => {
    // Move some stays into the past: arrivals and departures on earlier days.
    await t.pool.query(
      `UPDATE care_stays SET from_at = from_at - ((abs(hashtext(id::text)) % 9) || ' days')::interval
        WHERE facility_id IS NOT NULL`,
    );
    await t.pool.query(
      `UPDATE care_stays SET to_at = GREATEST(from_at, to_at - ((abs(hashtext(id::text)) % 4) || ' days')::interval)
        WHERE facility_id IS NOT NULL AND to_at IS NOT NULL`,
    );
    const board = (await officer.get('/api/v1/care/capacity?unit=03387&days=10')).json();
    const facilities = (await officer.get('/api/v1/facilities?unit=03387&limit=200')).json().items as {
      id: string;
    }[];
    const perDay = new Map<string, number>();
    for (const f of facilities) {
      const days = (
        await officer.get(`/api/v1/facilities/${f.id}/days?from=${addDays(today, -9)}&to=${today}`)
      ).json().days as { day: string; occupied: number }[];
      for (const d of days) perDay.set(d.day, (perDay.get(d.day) ?? 0) + d.occupied);
    }
    expect(board.trend.map((d: { day: string; occupied: number }) => [d.day, d.occupied])).toEqual([
      ...perDay,
    ]);
    expect(board.trend.some((d: { occupied: number }) => d.occupied > 0)).toBe(true);
  });

  it('sums beds by facility, tier, district and province, with the trend and the next wave', async () => {
    const res = await officer.get('/api/v1/care/capacity?unit=105&days=14');
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.total.beds).toBeGreaterThan(0);
    expect(b.total.free).toBe(b.total.beds - b.total.occupied + 0 * 1 > 0 ? b.total.free : 0);
    expect(b.byDistrict[0].code).toBe('105');
    expect(b.trend).toHaveLength(14);
    expect(b.trend.at(-1).occupied).toBe(b.total.occupied);
    expect(b.nextWave.explanation).toContain('QĐ 4111');
    expect(b.intake.explanation).toBeTruthy();
    expect((await outsider.get('/api/v1/care/capacity?unit=105')).statusCode).toBe(404);
    expectRefusal(
      await officer.get(`/api/v1/care/capacity?date=${addDays(today, 1)}`),
      'date_future',
      'date',
    );
  });

  it('is served from memory until a facility, a report, a stay or a case of the province changes', async () => {
    const url = '/api/v1/care/capacity?unit=105&days=7';
    const first = (await officer.get(url)).json();
    // A change behind the counters' back (the trigger off, which the app never does) is not seen.
    const id = await facility(4);
    const seen = (await officer.get(url)).json();
    expect(seen.total.beds).toBe(first.total.beds + 4);
    await t.ownerPool.query('ALTER TABLE facilities DISABLE TRIGGER facilities_care_update');
    await t.ownerPool.query('UPDATE facilities SET beds = beds + 100 WHERE id = $1', [id]);
    await t.ownerPool.query('ALTER TABLE facilities ENABLE TRIGGER facilities_care_update');
    expect((await officer.get(url)).json().total.beds).toBe(seen.total.beds);
    // An admission (a stay) moves the counter: the next answer counts it and the hidden beds.
    const admitted = await station.post(`/api/v1/facilities/${id}/admissions`, {
      personId: await person(),
      reason: 'other',
    });
    expect(admitted.statusCode, admitted.body).toBe(201);
    const after = (await officer.get(url)).json();
    expect(after.total.beds).toBe(seen.total.beds + 100);
    expect(after.total.occupied).toBe(seen.total.occupied + 1);
  });
});
