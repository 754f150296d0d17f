/**
 * Home care on a phone and at the health station (issue 10, Quality bar): an F0 cared for at home
 * opens the monitoring link on a phone, enters SpO2 93%, is asked to measure again and sends; the
 * health station's board shows the alert; the station transfers the person to a tier-2 treatment
 * facility; the facility's occupancy goes up by one and the alert leaves the board.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, apiResponse, chooseOption, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

const COMMUNE = '03387';
const NAME = 'Lò Văn Theodõi';
const FACILITY = 'Bệnh viện Đa khoa tỉnh (tầng 2)';

describe.skipIf(!hasChromium)('Chăm sóc F0 tại nhà: SpO2 thấp → cảnh báo → chuyển viện', () => {
  const e2e = useE2E();
  let station: { username: string };
  let api: Api;
  let episodeId: string;
  let facilityId: string;
  let linkUrl: string;

  const occupied = async () =>
    (await e2e.pool.query('SELECT occupied FROM facilities WHERE id = $1', [facilityId])).rows[0]
      .occupied as number;

  beforeAll(async () => {
    station = await e2e.account('health_station', COMMUNE);
    api = (await Api.login(e2e.baseUrl, station.username)).api!;
    const person = await api.request('POST', '/persons', {
      fullName: NAME,
      birthDate: '1979-05-20',
      sex: 'male',
      unitCode: COMMUNE,
    });
    expect(person.status).toBe(201);
    const personId = (await person.json()).id;
    // The episode at home, as enrolment (helper A's POST /care/episodes) leaves it.
    const episode = await e2e.pool.query(
      `INSERT INTO care_episodes (province_code, person_id, unit_code, reason, place, start_on, commitment_signer, commitment_on)
       VALUES ('12', $1, $2, 'case', 'home', (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 3, $3, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 3)
       RETURNING id`,
      [personId, COMMUNE, NAME],
    );
    episodeId = episode.rows[0].id;
    await e2e.pool.query(
      `INSERT INTO care_stays (province_code, episode_id, place, from_at, reason) VALUES ('12', $1, 'home', now(), 'enrolment')`,
      [episodeId],
    );
    const facility = await e2e.pool.query(
      `INSERT INTO facilities (province_code, unit_code, name, kind, type, tier_code, state, beds, occupied)
       VALUES ('12', '105', $1, 'treatment', 'hospital', 'hospital_t2', 'active', 40, 12) RETURNING id`,
      [FACILITY],
    );
    facilityId = facility.rows[0].id;
    const link = await api.request('POST', `/care/episodes/${episodeId}/link`);
    expect(link.status).toBe(201);
    linkUrl = (await link.json()).url;
  });

  it('a home F0 enters SpO2 93% on a phone; the station sees the alert and transfers to a tier-2 facility', async () => {
    // The phone: no account, the link only.
    const phone = await e2e.page('phone');
    const opened = apiResponse(phone, 'GET', /^\/public\/monitoring\//);
    await phone.goto(linkUrl);
    expect((await opened).status()).toBe(200);
    const greeting = await textOnceShown(phone.getByTestId('link-greeting'), 'Xin chào');
    expect(greeting).toBe('Xin chào L. V. Theodõi');
    expect(await phone.content()).not.toContain(NAME);

    await phone.getByTestId('phone-spo2').locator('input').fill('93');
    await textOnceShown(phone.getByTestId('phone-recheck'), 'Đo lại SpO2');
    await phone.getByTestId('phone-pulse').locator('input').fill('96');
    const sent = apiResponse(phone, 'POST', /^\/public\/monitoring\//);
    await phone.getByTestId('phone-send').click();
    expect((await sent).status()).toBe(201);
    const result = await textOnceShown(phone.getByTestId('phone-sent'), 'Trạm y tế đã nhận được cảnh báo');
    expect(result).toContain('SpO2 thấp, cần đo lại');
    // Still asked to measure again after sending.
    await textOnceShown(phone.getByTestId('phone-recheck'), 'Đo lại SpO2');
    await phone.screenshot({ path: '/tmp/tuyendau-care-phone-390.png', fullPage: true });

    // The health station's board.
    const before = await occupied();
    const desk = await e2e.page('desktop');
    await login(desk, station.username);
    const loaded = apiResponse(desk, 'GET', /^\/care\/board$/);
    await desk.goto('/care/board');
    expect((await loaded).status()).toBe(200);
    const card = desk.getByTestId('board-alert').filter({ hasText: NAME });
    const text = await textOnceShown(card, 'SpO2 thấp, cần đo lại');
    expect(text).toContain('Khẩn');
    expect(text).toContain('SpO2 93%');
    expect(text).toContain('Ngày thứ 4 cách ly');
    await desk.screenshot({ path: '/tmp/tuyendau-care-board-1366.png', fullPage: true });

    await card.getByTestId('board-transfer').click();
    await chooseOption(desk, '#transfer-facility', `${FACILITY} — Cơ sở điều trị tầng 2 — còn 28/40 giường`);
    await desk.getByTestId('transfer-note').fill('Xe cấp cứu 115');
    const moved = apiResponse(desk, 'POST', /^\/care\/alerts\/[^/]+\/transfer$/);
    await desk.locator('#transfer-confirm').click();
    expect((await moved).status()).toBe(200);
    await textOnceShown(desk.locator('.ant-message'), `Đã chuyển ${NAME} đến ${FACILITY}`);
    await desk.getByTestId('board-alert').filter({ hasText: NAME }).waitFor({ state: 'detached' });

    expect(await occupied()).toBe(before + 1);
    const episode = await e2e.pool.query('SELECT place, facility_id FROM care_episodes WHERE id = $1', [
      episodeId,
    ]);
    expect(episode.rows[0]).toEqual({ place: 'facility', facility_id: facilityId });
  });

  it('the public page at 390×844 refuses an unknown link without saying more', async () => {
    const phone = await e2e.page('phone');
    await phone.goto(`/theo-doi/12.${'x'.repeat(43)}`);
    await textOnceShown(phone.getByTestId('link-invalid'), 'không còn hiệu lực');
  });
});
