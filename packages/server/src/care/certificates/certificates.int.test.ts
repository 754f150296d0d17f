import { addDays } from '@tuyendau/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../http/time.ts';
import { type Client, createTestApp, type TestContext } from '../../test/harness.ts';
import { PUBLIC_VERIFY_LIMIT } from './routes.ts';

/**
 * Recovery certificates (issue 10 §3): refused before the release criterion of the policy in force
 * is met, naming why; issued after it (the case recorded recovered, the episode ended completed,
 * numbered in the station's register); the PDF carries its QR target; the public check shows only
 * the printed facts and whether it was revoked. 03387 and 03386 are communes of TP Lai Châu (105).
 */
let t: TestContext;
let station: Client; // health_station of 03387
let neighbour: Client; // health_station of 03386
let district: Client; // health_officer of TP Lai Châu
let team: Client; // community_team of 03387: may not sign
const today = todayInVietnam();

let n = 0;
async function caseEpisode(detectedOn: string, reason = 'case') {
  const fullName = `Hoàng Văn Khỏi ${String.fromCharCode(65 + n++)}`;
  const person = await station.post('/api/v1/persons', {
    fullName,
    birthDate: '1979-05-06',
    sex: 'male',
    unitCode: '03387',
  });
  expect(person.statusCode, person.body).toBe(201);
  let caseId: string | null = null;
  if (reason === 'case') {
    // The case as the cases module stores it (home care); its episode is made below whatever the enrolment does.
    const c = await t.pool.query(
      `INSERT INTO cases (province_code, unit_code, person_id, detected_on, found_by, care_place)
       VALUES ('12', '03387', $1, $2, 'symptomatic', 'home') RETURNING id`,
      [person.json().id, detectedOn],
    );
    caseId = c.rows[0].id;
  }
  const { rows } = await t.pool.query(
    `INSERT INTO care_episodes (province_code, person_id, unit_code, reason, case_id, place, start_on)
     VALUES ('12', $1, '03387', $2, $3, 'home', $4) RETURNING id`,
    [person.json().id, reason, caseId, detectedOn],
  );
  return { episodeId: rows[0].id as string, personId: person.json().id as string, caseId, fullName };
}

async function negativeTest(personId: string, on: string) {
  await t.pool.query(
    `INSERT INTO lab_tests (province_code, unit_code, person_id, kind, performer, sampled_at, result)
     VALUES ('12', '03387', $1, 'rapid_antigen', 'health_worker', ($2::date + time '09:00') AT TIME ZONE 'Asia/Ho_Chi_Minh', 'negative')`,
    [personId, on],
  );
}

const issue = (client: Client, episodeId: string, body: unknown = {}) =>
  client.post(`/api/v1/care/episodes/${episodeId}/certificate`, body);

let ip = 0;
const verify = (code: string, remoteAddress = `10.1.0.${++ip}`) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/public/certificates/${encodeURIComponent(code)}`,
    remoteAddress,
  });

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  neighbour = await t.as('health_station', '03386');
  district = await t.as('health_officer', '105');
  team = await t.as('community_team', '03387');
});
afterAll(() => t.close());

describe('issuing', () => {
  it('refuses before 7 days, naming the days and the first day', async () => {
    const e = await caseEpisode(addDays(today, -3));
    const res = await issue(station, e.episodeId);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('isolation_too_short');
    expect(res.json().error.message).toContain('Chưa đủ 7 ngày cách ly');
    const status = (await station.get(`/api/v1/care/episodes/${e.episodeId}/certificate`)).json();
    expect(status).toMatchObject({ certificates: [], canIssue: false });
    expect(status.reason).toContain('Chưa đủ 7 ngày');
    const { rows } = await t.pool.query('SELECT status FROM care_episodes WHERE id = $1', [e.episodeId]);
    expect(rows[0].status).toBe('active');
  });

  it('refuses without the negative test the policy of the detection day needs, issues once it is there', async () => {
    // Detected 10/01/2022: 10 days and a negative antigen test, no extension (dispatch of 28/12/2021).
    const e = await caseEpisode('2022-01-10');
    const res = await issue(station, e.episodeId);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'negative_test_missing', earliestOn: null });
    expect(res.json().error.message).toContain('Chưa có xét nghiệm âm tính từ ngày 20/01/2022');

    await negativeTest(e.personId, '2022-01-21');
    expect((await station.get(`/api/v1/care/episodes/${e.episodeId}/certificate`)).json().canIssue).toBe(
      true,
    );
    const ok = await issue(station, e.episodeId, { signerName: 'BS. Lò Thị Ký' });
    expect(ok.statusCode, ok.body).toBe(201);
    const cert = ok.json();
    expect(cert).toMatchObject({
      number: '1/GXN-TYT',
      issuedOn: today,
      station: 'Trạm Y tế Phường Tân Phong',
      holderName: e.fullName,
      holderBirthYear: 1979,
      isolationFrom: '2022-01-10',
      isolationTo: today,
      signerName: 'BS. Lò Thị Ký',
      status: 'valid',
    });
    expect(cert.criterion).toMatch(/^Đủ 10 ngày cách ly, xét nghiệm âm tính ngày 21\/01\/2022/);

    const kase = (await station.get(`/api/v1/cases/${e.caseId}`)).json();
    expect(kase).toMatchObject({ status: 'recovered', outcomeOn: today });
    const { rows } = await t.pool.query(
      'SELECT status, end_reason, ended_on, release_criterion FROM care_episodes WHERE id = $1',
      [e.episodeId],
    );
    expect(rows[0]).toMatchObject({ status: 'ended', end_reason: 'completed', ended_on: today });
    expect(rows[0].release_criterion).toBe(cert.criterion);

    const twice = await issue(station, e.episodeId);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'certificate_exists', certificateId: cert.id });
  });

  it('numbers the station register in order; the district issues for its communes', async () => {
    const e = await caseEpisode(addDays(today, -8));
    const res = await issue(district, e.episodeId);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().number).toBe('2/GXN-TYT');
    expect(res.json().signerName).toMatch(/^Test /);
  });

  it('refuses other episodes, other communes and the community team', async () => {
    const contact = await caseEpisode(addDays(today, -20), 'contact');
    const res = await issue(station, contact.episodeId);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('not_case_episode');

    const e = await caseEpisode(addDays(today, -9));
    expect((await issue(neighbour, e.episodeId)).statusCode).toBe(404);
    const teamRes = await issue(team, e.episodeId);
    expect(teamRes.statusCode).toBe(403);
    expect((await neighbour.get(`/api/v1/care/episodes/${e.episodeId}/certificate`)).statusCode).toBe(404);
    expect((await issue(station, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('two officers issuing at once: one certificate, one clear refusal', async () => {
    const e = await caseEpisode(addDays(today, -10));
    const answers = await Promise.all([issue(station, e.episodeId), issue(district, e.episodeId)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const { rows } = await t.pool.query(
      'SELECT count(*)::int AS n FROM recovery_certificates WHERE episode_id = $1',
      [e.episodeId],
    );
    expect(rows[0].n).toBe(1);
  });
});

describe('the paper and its public check', () => {
  let cert: { id: string; number: string };
  let code: string;

  beforeAll(async () => {
    const e = await caseEpisode(addDays(today, -12));
    const res = await issue(station, e.episodeId);
    expect(res.statusCode, res.body).toBe(201);
    cert = res.json();
    code = (await t.pool.query('SELECT verify_code FROM recovery_certificates WHERE id = $1', [cert.id]))
      .rows[0].verify_code;
  });

  it('has an unguessable verify code with its province', () => {
    expect(code).toMatch(/^12-[A-Za-z0-9_-]{24}$/);
  });

  it('prints a PDF whose QR points to the public check', async () => {
    const res = await station.get(`/api/v1/care/certificates/${cert.id}.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('giay-xac-nhan-khoi-benh-');
    const body = res.rawPayload.toString('latin1');
    expect(body.startsWith('%PDF-')).toBe(true);
    expect(body).toContain(`http://localhost:80/xac-minh/${code}`);
    expect((await neighbour.get(`/api/v1/care/certificates/${cert.id}.pdf`)).statusCode).toBe(404);
  });

  it('shows exactly the printed facts, then that it was revoked', async () => {
    const res = await verify(code);
    expect(res.statusCode, res.body).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual([
      'holderBirthYear',
      'holderName',
      'isolationFrom',
      'isolationTo',
      'issuedOn',
      'number',
      'station',
      'status',
    ]);
    expect(res.json()).toMatchObject({
      number: cert.number,
      status: 'valid',
      station: 'Trạm Y tế Phường Tân Phong',
    });

    expect(
      (await station.post(`/api/v1/care/certificates/${cert.id}/revoke`, { reason: ' ' })).statusCode,
    ).toBe(400);
    expect(
      (await team.post(`/api/v1/care/certificates/${cert.id}/revoke`, { reason: 'Sai' })).statusCode,
    ).toBe(403);
    expect(
      (await neighbour.post(`/api/v1/care/certificates/${cert.id}/revoke`, { reason: 'Sai' })).statusCode,
    ).toBe(404);
    const revoked = await station.post(`/api/v1/care/certificates/${cert.id}/revoke`, {
      reason: 'Ghi nhầm người',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    expect(
      (await station.post(`/api/v1/care/certificates/${cert.id}/revoke`, { reason: 'Lần nữa' })).statusCode,
    ).toBe(409);
    const after = await verify(code);
    expect(after.json().status).toBe('revoked');
    expect(after.body).not.toContain('Ghi nhầm');
  });

  it('answers 404 for unknown or malformed codes, and limits each address', async () => {
    expect((await verify('12-AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await verify('99-AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await verify("12-' OR 1=1 --")).statusCode).toBe(404);
    const address = '10.2.2.2';
    for (let i = 0; i < PUBLIC_VERIFY_LIMIT; i++) expect((await verify(code, address)).statusCode).toBe(200);
    expect((await verify(code, address)).statusCode).toBe(429);
  });
});
