import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushReads } from '../../audit/audit.ts';
import { principalFromToken } from '../../auth/principal.ts';
import { expectRefusal, newPerson } from '../../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../../test/harness.ts';
import { boardCounts } from '../alerts/service.ts';
import { forgetCareSettings } from './settings.ts';

/**
 * Home care monitoring (issue 10 §3): entries judged by the warning-sign policy of the person's age
 * on the day (boundaries through the API), the open alert raised and escalated, the phone link
 * (its episode only, revoked by a new one and by the end, nothing else revealed), the board's
 * order and its unreachable list, dismissal, and the transfer that takes a bed.
 * Phường Tân Phong 03387 and Phường Quyết Thắng 03386 are communes of TP Lai Châu (105), Lai Châu (12).
 */
let t: TestContext;
let station: Client; // health_station of 03387
let team: Client; // community_team of 03387
let neighbour: Client; // health_station of 03386
let viewer: Client; // viewer of TP Lai Châu

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  team = await t.as('community_team', '03387');
  neighbour = await t.as('health_station', '03386');
  viewer = await t.as('viewer', '105');
  forgetCareSettings();
});
afterAll(() => t.close());

/** A person of 03387 born on `birthDate`, cared for at home since `startOn` (enrolled `enrolledHoursAgo`). */
async function homeEpisode(
  birthDate = '1985-04-04',
  opts: { startOn?: string; enrolledHoursAgo?: number; lastEntryHoursAgo?: number | null } = {},
): Promise<{ id: string; personId: string }> {
  const personId = await newPerson(station);
  await t.pool.query('UPDATE persons SET birth_date = $2 WHERE id = $1', [personId, birthDate]);
  const { rows } = await t.pool.query(
    `INSERT INTO care_episodes (province_code, person_id, unit_code, reason, place, start_on, created_at, last_entry_at)
     VALUES ('12', $1, '03387', 'case', 'home', $2::date, now() - make_interval(hours => $3),
             CASE WHEN $4::int IS NULL THEN NULL ELSE now() - make_interval(hours => $4::int) END)
     RETURNING id`,
    [personId, opts.startOn ?? '2022-02-01', opts.enrolledHoursAgo ?? 1, opts.lastEntryHoursAgo ?? null],
  );
  await t.pool.query(
    `INSERT INTO care_stays (province_code, episode_id, place, from_at, reason) VALUES ('12', $1, 'home', now(), 'enrolment')`,
    [rows[0].id],
  );
  return { id: rows[0].id, personId };
}

async function treatmentFacility(beds: number, kind = 'treatment'): Promise<string> {
  const { rows } = await t.pool.query(
    `INSERT INTO facilities (province_code, unit_code, name, kind, type, tier_code, state, beds)
     VALUES ('12', '105', $1, $2, 'hospital', 'hospital_t2', 'active', $3) RETURNING id`,
    [`Bệnh viện dã chiến số ${beds}${kind}`, kind, beds],
  );
  return rows[0].id;
}

const entry = (client: Client, id: string, body: Record<string, unknown>) =>
  client.post(`/api/v1/care/episodes/${id}/monitoring`, body);

const openAlertOf = async (episodeId: string) =>
  (
    await t.pool.query(
      `SELECT id, severity, signs FROM care_alerts WHERE episode_id = $1 AND status = 'open'`,
      [episodeId],
    )
  ).rows[0] as { id: string; severity: number; signs: string[] } | undefined;

describe('POST /care/episodes/:id/monitoring: the warning signs through the API', () => {
  it('SpO2 at the cut-off (95%) asks for a recheck and raises an urgent alert; 96% raises nothing', async () => {
    const ep = await homeEpisode();
    const fine = await entry(station, ep.id, { spo2: 96, respiratoryRate: 18, pulse: 80, temperature: 37.2 });
    expect(fine.statusCode, fine.body).toBe(201);
    expect(fine.json().warning).toMatchObject({ signs: [], severity: 0, recheckSpo2: false });
    expect(await openAlertOf(ep.id)).toBeUndefined();

    const low = await entry(station, ep.id, { spo2: 95 });
    expect(low.statusCode, low.body).toBe(201);
    expect(low.json().warning).toMatchObject({
      signs: ['low_spo2_unconfirmed'],
      severity: 2,
      recheckSpo2: true,
    });
    expect(low.json().warning.signWords).toEqual(['SpO2 thấp, cần đo lại']);
    expect(low.json().alert).toMatchObject({ raised: true, severity: 2 });

    // Confirmed low: the same alert escalates to an emergency; the recheck prompt gives way.
    const confirmed = await entry(station, ep.id, { spo2: 94, spo2Recheck: 93 });
    expect(confirmed.json().alert).toMatchObject({ raised: false, escalated: true, severity: 3 });
    expect(await openAlertOf(ep.id)).toMatchObject({ severity: 3, signs: ['low_spo2'] });
    const { rows } = await t.pool.query(
      'SELECT last_entry_at IS NOT NULL AS has, temperature_tenths FROM care_episodes e JOIN monitoring_entries m ON m.episode_id = e.id WHERE e.id = $1 ORDER BY m.id LIMIT 1',
      [ep.id],
    );
    expect(rows[0]).toEqual({ has: true, temperature_tenths: 372 });
  });

  it('respiratory rate by age on the day of the reading: 40 at 1–<5, 30 at 5–<12, 21 for adults', async () => {
    const at = '2022-02-10T08:00:00+07:00';
    const cases: [string, number, boolean][] = [
      ['2020-02-10', 39, false], // 2 years
      ['2020-02-10', 40, true],
      ['2016-02-10', 29, false], // 6 years
      ['2016-02-10', 30, true],
      ['2017-02-11', 39, false], // 4 years, the day before the 5th birthday: still the 1–<5 band
      ['1990-01-01', 20, false],
      ['1990-01-01', 21, true],
    ];
    for (const [birthDate, respiratoryRate, fast] of cases) {
      const ep = await homeEpisode(birthDate);
      const res = await entry(team, ep.id, { respiratoryRate, recordedAt: at });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().warning.signs, `${birthDate} ${respiratoryRate}`).toEqual(
        fast ? ['fast_breathing'] : [],
      );
    }
  });

  it("the province's own SpO2 cut-off (settings) replaces the default", async () => {
    await t.pool.query(`INSERT INTO settings (key, value) VALUES ('care.spo2_cutoff.12', '93')`);
    forgetCareSettings();
    try {
      const ep = await homeEpisode();
      const res = await entry(station, ep.id, { spo2: 94 });
      expect(res.json().warning).toMatchObject({ signs: [], spo2AtMost: 93 });
    } finally {
      await t.pool.query(`DELETE FROM settings WHERE key = 'care.spo2_cutoff.12'`);
      forgetCareSettings();
    }
  });

  it('refuses nonsense naming the field, and entries outside the jurisdiction', async () => {
    const ep = await homeEpisode();
    expectRefusal(await entry(station, ep.id, { spo2: 101 }), 'invalid_input', 'spo2');
    expectRefusal(await entry(station, ep.id, { spo2: 49 }), 'invalid_input', 'spo2');
    expectRefusal(await entry(station, ep.id, { respiratoryRate: 81 }), 'invalid_input', 'respiratoryRate');
    expectRefusal(await entry(station, ep.id, { pulse: 19 }), 'invalid_input', 'pulse');
    expectRefusal(await entry(station, ep.id, { temperature: 45.1 }), 'invalid_input', 'temperature');
    expectRefusal(await entry(station, ep.id, { spo2: 'chín mươi' }), 'invalid_input', 'spo2');
    expectRefusal(await entry(station, ep.id, { systolic: 120 }), 'blood_pressure_pair', 'diastolic');
    expectRefusal(await entry(station, ep.id, { symptoms: ['hát hay'] }), 'invalid_input', 'symptoms.0');
    expectRefusal(await entry(station, ep.id, { note: 'x'.repeat(2001) }), 'invalid_input', 'note');
    expectRefusal(await entry(station, ep.id, {}), 'empty_entry', 'spo2');
    expectRefusal(
      await entry(station, ep.id, { recordedByKind: 'self', spo2: 98 }),
      'invalid_input',
      'recordedByKind',
    );
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expectRefusal(
      await entry(station, ep.id, { spo2: 98, recordedAt: future }),
      'recorded_at_future',
      'recordedAt',
    );
    expectRefusal(
      await entry(station, ep.id, { spo2: 98, recordedAt: '2022-01-31T08:00:00+07:00' }),
      'recorded_at_before_start',
      'recordedAt',
    );
    expect((await entry(neighbour, ep.id, { spo2: 98 })).statusCode).toBe(404);
    expect((await entry(viewer, ep.id, { spo2: 98 })).statusCode).toBe(403);
  });

  it('lists the entries newest first, with their signs in words, for the jurisdiction only (audited)', async () => {
    const ep = await homeEpisode();
    await entry(station, ep.id, { spo2: 97, recordedAt: '2022-02-02T07:00:00+07:00' });
    await entry(team, ep.id, { spo2: 92, spo2Recheck: 92, recordedAt: '2022-02-02T17:00:00+07:00' });
    const res = await viewer.get(`/api/v1/care/episodes/${ep.id}/monitoring?limit=1`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.items[0]).toMatchObject({
      spo2: 92,
      recordedByKind: 'team',
      signWords: ['SpO2 thấp (đã đo lại)'],
    });
    const more = (await viewer.get(`/api/v1/care/episodes/${ep.id}/monitoring?cursor=${page.next}`)).json();
    expect(more.items.map((i: { spo2: number }) => i.spo2)).toEqual([97]);
    expect((await neighbour.get(`/api/v1/care/episodes/${ep.id}/monitoring`)).statusCode).toBe(404);
    await flushReads(t.pool);
    const audit = await t.pool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity = 'care_episode' AND entity_id = $1`,
      [ep.id],
    );
    expect(audit.rows[0].n).toBe(2);
  });
});

describe('the phone link', () => {
  const open = (token: string) => t.client().get(`/api/v1/public/monitoring/${encodeURIComponent(token)}`);
  const send = (token: string, body: Record<string, unknown>) =>
    t.client().post(`/api/v1/public/monitoring/${encodeURIComponent(token)}`, body);

  it('works for its episode only, reveals nothing else, and stops when regenerated or ended', async () => {
    const ep = await homeEpisode('1985-04-04', { startOn: '2022-02-01' });
    const other = await homeEpisode();
    await t.pool.query(
      `UPDATE persons SET full_name = 'Nguyễn Thị Bí Mật', phone = '0912345678', address = 'Số 9 ngõ Kín',
              id_number = '012345678901' WHERE id = $1`,
      [ep.personId],
    );
    const link = await station.post(`/api/v1/care/episodes/${ep.id}/link`);
    expect(link.statusCode, link.body).toBe(201);
    const { url, token } = link.json();
    expect(url).toBe(`/theo-doi/${token}`);
    expect(token).toMatch(/^12\.[A-Za-z0-9_-]{43}$/);
    const stored = await t.pool.query('SELECT link_hash FROM care_episodes WHERE id = $1', [ep.id]);
    expect(stored.rows[0].link_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0].link_hash).not.toContain(token.slice(3));

    const form = await open(token);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ name: 'N. T. B. Mật', spo2AtMost: 95, lastEntryAt: null });
    expect(form.json().day).toBeGreaterThan(1);
    for (const secret of ['Nguyễn', '0912345678', 'Kín', '012345678901', ep.personId, ep.id]) {
      expect(form.body).not.toContain(secret);
    }

    const sent = await send(token, { recordedByKind: 'self', spo2: 93 });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({
      severity: 2,
      recheckSpo2: true,
      signWords: ['SpO2 thấp, cần đo lại'],
    });
    expect(sent.body).not.toContain(ep.id);
    const saved = await t.pool.query(
      `SELECT episode_id, recorded_by_kind, recorded_by FROM monitoring_entries WHERE episode_id = ANY($1)`,
      [[ep.id, other.id]],
    );
    expect(saved.rows).toEqual([{ episode_id: ep.id, recorded_by_kind: 'self', recorded_by: null }]);
    expect(await openAlertOf(ep.id)).toMatchObject({ severity: 2 });

    // Nonsense refused naming the field; a missing kind too.
    expectRefusal(await send(token, { recordedByKind: 'self', spo2: 150 }), 'invalid_input', 'spo2');
    expectRefusal(await send(token, { spo2: 97 }), 'invalid_input', 'recordedByKind');
    expectRefusal(
      await send(token, { recordedByKind: 'station', spo2: 97 }),
      'invalid_input',
      'recordedByKind',
    );

    // Unknown, forged and malformed tokens: one 404, the same words.
    const unknown = await open(`12.${'A'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    for (const bad of [`11.${token.slice(3)}`, 'xyz', token.slice(0, -1)]) {
      const res = await open(bad);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe(unknown.json().error.message);
    }

    // A new link revokes the old one.
    const again = (await station.post(`/api/v1/care/episodes/${ep.id}/link`)).json();
    expect(again.revokedPrevious).toBe(true);
    expect((await open(token)).statusCode).toBe(404);
    expect((await send(token, { recordedByKind: 'self', spo2: 97 })).statusCode).toBe(404);
    expect((await open(again.token)).statusCode).toBe(200);

    // The end of the episode ends the link.
    await t.pool.query(`UPDATE care_episodes SET status = 'ended', ended_on = '2022-02-08' WHERE id = $1`, [
      ep.id,
    ]);
    expect((await open(again.token)).statusCode).toBe(404);
    expect((await send(again.token, { recordedByKind: 'caregiver', spo2: 97 })).statusCode).toBe(404);
    expect((await station.post(`/api/v1/care/episodes/${ep.id}/link`)).statusCode).toBe(409);
  });

  it('only an account of the jurisdiction with care.write makes one', async () => {
    const ep = await homeEpisode();
    expect((await neighbour.post(`/api/v1/care/episodes/${ep.id}/link`)).statusCode).toBe(404);
    expect((await viewer.post(`/api/v1/care/episodes/${ep.id}/link`)).statusCode).toBe(403);
  });
});

describe('the board', () => {
  it('orders open alerts by severity then age, lists the unreachable, counts both', async () => {
    const board = await t.as('health_station', '03387');
    // Earlier tests raised alerts in 03387 too: the order of the four raised here is compared.
    const watch = await homeEpisode();
    const urgentOld = await homeEpisode();
    const emergency = await homeEpisode();
    const urgentNew = await homeEpisode();
    await entry(station, watch.id, { symptoms: ['worried'] });
    await entry(station, urgentOld.id, { pulse: 130 });
    await entry(station, emergency.id, { symptoms: ['dyspnoea'] });
    await entry(station, urgentNew.id, { respiratoryRate: 26 });
    const res = await board.get('/api/v1/care/board?unit=03387&limit=200');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const mine = body.alerts
      .map((a: { episodeId: string }) => a.episodeId)
      .filter((id: string) => [watch.id, urgentOld.id, emergency.id, urgentNew.id].includes(id));
    expect(mine).toEqual([emergency.id, urgentOld.id, urgentNew.id, watch.id]);
    const severities = body.alerts.map((a: { severity: number }) => a.severity);
    expect(severities).toEqual([...severities].sort((a: number, b: number) => b - a));
    const first = body.alerts.find((a: { episodeId: string }) => a.episodeId === emergency.id);
    expect(first).toMatchObject({ severityLabel: 'Cấp cứu', signWords: ['Khó thở, thở hụt hơi'] });
    expect(first.person.fullName).toBeTruthy();
    expect(first.day).toBeGreaterThan(1);

    // Unreachable: silent 25 h, never since 30 h; not silent 23 h, nor enrolled 2 h ago.
    const silent = await homeEpisode('1980-01-01', { enrolledHoursAgo: 100, lastEntryHoursAgo: 25 });
    const never = await homeEpisode('1980-01-01', { enrolledHoursAgo: 30 });
    const recent = await homeEpisode('1980-01-01', { enrolledHoursAgo: 100, lastEntryHoursAgo: 23 });
    const fresh = await homeEpisode('1980-01-01', { enrolledHoursAgo: 2 });
    const after = (await board.get('/api/v1/care/board?unit=03387&limit=200')).json();
    const silentIds = after.unreachable.map((u: { episodeId: string }) => u.episodeId);
    expect(silentIds).toContain(silent.id);
    expect(silentIds).toContain(never.id);
    expect(silentIds).not.toContain(recent.id);
    expect(silentIds).not.toContain(fresh.id);
    // The longest silent first: enrolled 30 h ago without an entry, then silent for 25 h.
    expect(silentIds.indexOf(never.id)).toBeLessThan(silentIds.indexOf(silent.id));
    expect(after.counts.unreachable).toBe(silentIds.length);
    expect(after.counts.openAlerts.total).toBe(after.alerts.length);

    // The same counts from the province down.
    const province = await t.as('health_officer', '12');
    const whole = (await province.get('/api/v1/care/board')).json();
    expect(whole.counts).toEqual(after.counts);

    // Another commune's board does not show them; a unit outside is a 404 naming the field.
    const other = (await neighbour.get('/api/v1/care/board')).json();
    expect(other.alerts).toEqual([]);
    expect(other.unreachable).toEqual([]);
    expect((await neighbour.get('/api/v1/care/board?unit=03387')).statusCode).toBe(404);
  });

  it("boardCounts (for the situation page) gives the board's figures", async () => {
    const token = (await station.post('/api/v1/auth/tokens', { name: 'Bảng' })).json().token;
    const me = await principalFromToken(t.pool, token);
    const res = (await station.get('/api/v1/care/board')).json();
    expect(await boardCounts(t.pool, me!, '03387')).toEqual(res.counts);
    expect(res.counts.openAlerts.total).toBeGreaterThan(0);
  });
});

describe('handling an alert', () => {
  it('dismiss needs a note; a handled alert is a 409', async () => {
    const ep = await homeEpisode();
    const alertId = (await entry(station, ep.id, { pulse: 45 })).json().alert.id;
    expectRefusal(
      await station.post(`/api/v1/care/alerts/${alertId}/dismiss`, { note: '  ' }),
      'note_required',
      'note',
    );
    expect((await neighbour.post(`/api/v1/care/alerts/${alertId}/dismiss`, { note: 'x' })).statusCode).toBe(
      404,
    );
    const ok = await station.post(`/api/v1/care/alerts/${alertId}/dismiss`, {
      note: 'Đo lại mạch 72, vận động viên',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await station.post(`/api/v1/care/alerts/${alertId}/dismiss`, { note: 'lần hai' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('đã được bỏ qua');
    // A new sign raises a new alert.
    expect((await entry(station, ep.id, { pulse: 44 })).json().alert).toMatchObject({ raised: true });
  });

  it('transfer moves the person to a treatment facility, occupancy +1; a full one is a 409', async () => {
    const facility = await treatmentFacility(1);
    const isolation = await treatmentFacility(5, 'isolation');
    const a = await homeEpisode();
    const b = await homeEpisode();
    const alertA = (await entry(station, a.id, { spo2: 90, spo2Recheck: 90 })).json().alert.id;
    const alertB = (await entry(station, b.id, { spo2: 91, spo2Recheck: 91 })).json().alert.id;

    expectRefusal(
      await station.post(`/api/v1/care/alerts/${alertA}/transfer`, { facilityId: isolation }),
      'facility_not_treatment',
      'facilityId',
    );
    const moved = await station.post(`/api/v1/care/alerts/${alertA}/transfer`, {
      facilityId: facility,
      note: 'Chuyển bằng xe 115',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      status: 'transferred',
      facility: { id: facility, tierCode: 'hospital_t2' },
    });
    const state = await t.pool.query(
      `SELECT e.place, e.facility_id, f.occupied,
              (SELECT alert_id FROM care_stays s WHERE s.episode_id = e.id AND s.to_at IS NULL) AS stay_alert,
              (SELECT status FROM care_alerts WHERE id = $2) AS alert_status
         FROM care_episodes e JOIN facilities f ON f.id = $3 WHERE e.id = $1`,
      [a.id, alertA, facility],
    );
    expect(state.rows[0]).toEqual({
      place: 'facility',
      facility_id: facility,
      occupied: 1,
      stay_alert: alertA,
      alert_status: 'transferred',
    });
    // The board no longer shows it, nor lists the person as unreachable at home.
    const board = (await station.get('/api/v1/care/board?limit=200')).json();
    expect(board.alerts.map((x: { id: string }) => x.id)).not.toContain(alertA);

    // The last bed is taken: the next transfer is refused with the facility's words, the alert stays open.
    const full = await station.post(`/api/v1/care/alerts/${alertB}/transfer`, { facilityId: facility });
    expect(full.statusCode, full.body).toBe(409);
    expect(full.json().error.code).toBe('no_bed_free');
    expect(await openAlertOf(b.id)).toMatchObject({ id: alertB });
    expect(
      (await station.post(`/api/v1/care/alerts/${alertA}/transfer`, { facilityId: facility })).statusCode,
    ).toBe(409);
  });

  it('two officers transferring the same alert at once: one wins, the other gets a 409', async () => {
    const facility = await treatmentFacility(10);
    const ep = await homeEpisode();
    const alertId = (await entry(station, ep.id, { symptoms: ['cyanosis'] })).json().alert.id;
    const results = await Promise.all([
      station.post(`/api/v1/care/alerts/${alertId}/transfer`, { facilityId: facility }),
      team.post(`/api/v1/care/alerts/${alertId}/transfer`, { facilityId: facility }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const occupied = await t.pool.query('SELECT occupied FROM facilities WHERE id = $1', [facility]);
    expect(occupied.rows[0].occupied).toBe(1);
  });
});

describe('POST /care/home-care/eligibility', () => {
  const check = (body: Record<string, unknown>) =>
    viewer.post('/api/v1/care/home-care/eligibility', {
      birthDate: '1990-01-01',
      underlyingDisease: 'none',
      pregnant: false,
      vaccineDoses: 2,
      respiratoryRate: 18,
      spo2: 98,
      selfCare: true,
      caregiver: false,
      ...body,
    });

  it('answers with the policy of the day and each criterion in words', async () => {
    const ok = await check({ assessedOn: '2022-02-10' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ outcome: 'eligible', outcomeLabel: 'Đủ điều kiện chăm sóc tại nhà' });
    expect(ok.json().policy).toMatchObject({ code: 'home-care/qd-261', unconfirmed: true });
    const borderline = (await check({ assessedOn: '2022-02-10', spo2: 96 })).json();
    expect(borderline.outcome).toBe('review');
    expect(borderline.criteria.find((c: { code: string }) => c.code === 'respiratory').reason).toContain(
      'SpO2 96%',
    );
    const old = (await check({ assessedOn: '2021-09-01', birthDate: '1960-01-01', vaccineDoses: 0 })).json();
    expect(old).toMatchObject({ outcome: 'not_eligible', policy: { code: 'home-care/qd-4038' } });
  });

  it('refuses nonsense naming the field', async () => {
    expectRefusal(await check({ spo2: 101 }), 'invalid_input', 'spo2');
    expectRefusal(await check({ underlyingDisease: 'maybe' }), 'invalid_input', 'underlyingDisease');
    expectRefusal(await check({ selfCare: undefined }), 'invalid_input', 'selfCare');
    expectRefusal(await check({ assessedOn: '2999-01-01' }), 'assessed_on_future', 'assessedOn');
    expectRefusal(await check({ lastDoseOn: '1980-01-01' }), 'last_dose_on', 'lastDoseOn');
    expectRefusal(await check({ birthDate: '2020-01-01', pregnant: true }), 'pregnant_child', 'pregnant');
    const team = await t.as('checkpoint', '03387');
    expect((await team.post('/api/v1/care/home-care/eligibility', {})).statusCode).toBe(403);
  });
});

describe('the public routes are rate-limited', () => {
  it('an address guessing links is slowed down with a 429', async () => {
    const unknown = `/api/v1/public/monitoring/12.${'B'.repeat(43)}`;
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) codes.push((await t.client().get(unknown)).statusCode);
    expect(codes.slice(0, 40).every((c) => c === 404 || c === 429)).toBe(true);
    expect(codes[60]).toBe(429);
    const limited = await t.client().get(unknown);
    expect(limited.json().error.code).toBe('rate_limited');
  });
});

describe('an alert of an episode that ends or leaves home', () => {
  it('is settled: a discharge and a move to a facility take it off the board', async () => {
    const facility = await treatmentFacility(3);
    for (const how of ['discharge', 'move'] as const) {
      const ep = await homeEpisode(how === 'discharge' ? '1971-01-01' : '1972-02-02');
      expect((await entry(station, ep.id, { spo2: 90, spo2Recheck: 90 })).statusCode).toBe(201);
      const alert = await openAlertOf(ep.id);
      expect(alert).toBeDefined();
      const res =
        how === 'discharge'
          ? await station.post(`/api/v1/care/episodes/${ep.id}/discharge`, {
              reason: 'died',
              on: '2022-02-05',
            })
          : await station.post(`/api/v1/care/episodes/${ep.id}/move`, {
              to: 'facility',
              facilityId: facility,
            });
      expect(res.statusCode, res.body).toBeLessThan(300);
      expect(await openAlertOf(ep.id)).toBeUndefined();
      const { rows } = await t.pool.query('SELECT status, handled_at FROM care_alerts WHERE id = $1', [
        alert!.id,
      ]);
      expect(rows[0].status).toBe('resolved');
      expect(rows[0].handled_at).not.toBeNull();
    }
  });
});
