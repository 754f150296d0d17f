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

    await phone.getByTestId('phone-spo2').fill('93');
    await textOnceShown(phone.getByTestId('phone-recheck'), 'Đo lại SpO2');
    await phone.getByTestId('phone-pulse').fill('96');
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
    await desk.locator('#transfer-facility').click();
    const option = desk
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: FACILITY });
    expect(await textOnceShown(option, 'còn 28/40 giường')).toContain(
      'Cơ sở điều trị tầng 2 · còn 28/40 giường',
    );
    await chooseOption(desk, '#transfer-facility', FACILITY);
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

  it('the station records an entry on a phone; the history shows its signs', async () => {
    const person = await api.request('POST', '/persons', {
      fullName: 'Lò Thị Phiếutrạm',
      birthDate: '1960-03-03',
      sex: 'female',
      unitCode: COMMUNE,
    });
    const personId = (await person.json()).id;
    const episode = await e2e.pool.query(
      `INSERT INTO care_episodes (province_code, person_id, unit_code, reason, place, start_on)
       VALUES ('12', $1, $2, 'case', 'home', (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1) RETURNING id`,
      [personId, COMMUNE],
    );
    const id = episode.rows[0].id;
    const phone = await e2e.page('phone');
    await login(phone, station.username);
    await phone.goto(`/care/episodes/${id}/monitoring`);
    const head = await textOnceShown(phone.getByTestId('episode-monitoring'), 'Ngày thứ 2 cách ly');
    expect(head).toContain('Lò Thị Phiếutrạm · sinh ngày 03/03/1960');
    await phone.getByTestId('entry-spo2').fill('94');
    await phone.getByTestId('entry-spo2Recheck').fill('94');
    await phone.getByTestId('entry-respiratoryRate').fill('24');
    const saved = apiResponse(phone, 'POST', /^\/care\/episodes\/[^/]+\/monitoring$/);
    await phone.getByTestId('entry-save').click();
    expect((await saved).status()).toBe(201);
    const warning = await textOnceShown(phone.locator('.ant-alert'), 'Cấp cứu');
    expect(warning).toContain('SpO2 thấp (đã đo lại); Nhịp thở nhanh');
    await textOnceShown(phone.getByTestId('monitoring-history'), 'SpO2 94% (đo lại 94%) · Nhịp thở 24');
    await phone.screenshot({ path: '/tmp/tuyendau-care-monitoring-390.png', fullPage: true });

    // Still fit for home care? 66 years, unstable disease, SpO2 94%: not under QĐ 604 (read as 261).
    await phone.getByText('Kiểm tra lại điều kiện chăm sóc tại nhà').click();
    const check = phone.getByTestId('eligibility-check');
    await check.getByText('Có bệnh nền chưa ổn định').click();
    await check
      .locator('input')
      .filter({ has: phone.locator('xpath=.') })
      .first()
      .waitFor();
    await check.getByRole('button', { name: 'Kiểm tra điều kiện' }).click();
    const answer = await textOnceShown(phone.getByTestId('eligibility-answer'), 'Không đủ điều kiện');
    expect(answer).toContain('Có bệnh nền chưa ổn định');
    expect(answer).toContain('Căn cứ: QĐ 604/QĐ-BYT (14/03/2022)');
    await check.screenshot({ path: '/tmp/tuyendau-care-eligibility-390.png' });
  });

  it('the board at 1440×900 and 390×844 shows that emergency first; the transfer dialog lists facilities with their beds', async () => {
    const desk = await e2e.page('desktop');
    await desk.setViewportSize({ width: 1440, height: 900 });
    await login(desk, station.username);
    await desk.goto('/care/board');
    const card = desk.getByTestId('board-alert').first();
    expect(await textOnceShown(card, 'Phiếutrạm')).toContain('Cấp cứu');
    await desk.screenshot({ path: '/tmp/tuyendau-care-board-1440.png', fullPage: true });
    await card.getByTestId('board-transfer').click();
    await desk.locator('#transfer-facility').click();
    await desk.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    await desk.waitForTimeout(500);
    await desk.screenshot({ path: '/tmp/tuyendau-care-transfer-1440.png' });
    await desk.keyboard.press('Escape');

    const board = await e2e.page('phone');
    await login(board, station.username);
    await board.goto('/care/board');
    await textOnceShown(board.getByTestId('board-alert').first(), 'Phiếutrạm');
    await board.screenshot({ path: '/tmp/tuyendau-care-board-390.png', fullPage: true });
  });

  it('the public page at 390×844 refuses an unknown link without saying more', async () => {
    const phone = await e2e.page('phone');
    await phone.goto(`/theo-doi/12.${'x'.repeat(43)}`);
    await textOnceShown(phone.getByTestId('link-invalid'), 'không còn hiệu lực');
  });
});
