/**
 * Hotline and recovery certificates in Chromium (issue 10 §3–4): someone isolated at home asks for
 * food from the public page on a phone, reporting a warning sign; the commune's board shows the
 * request first, in priority 1, and resolves it. A certificate's QR page shows the printed facts.
 * Screens at 390×844 and 1440×900 are written to E2E_SHOTS when set.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, apiResponse, chooseOption, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

const COMMUNE = '03387';
const shots = process.env.E2E_SHOTS;

describe.skipIf(!hasChromium)('Đường dây nóng và giấy xác nhận khỏi bệnh', () => {
  const e2e = useE2E();
  let station: { username: string };
  let api: Api;

  beforeAll(async () => {
    station = await e2e.account('health_station', COMMUNE);
    api = (await Api.login(e2e.baseUrl, station.username)).api!;
  });

  it('a request from the public page reaches the commune board first and is resolved there', async () => {
    const phone = await e2e.page('phone');
    await phone.goto('/duong-day-nong');
    await phone.getByText('Lương thực, nhu yếu phẩm').waitFor();
    if (shots) await phone.screenshot({ path: `${shots}/hotline-public-390.png`, fullPage: true });
    await phone.getByText('Lương thực, nhu yếu phẩm').click();
    await phone.locator('#callerName').fill('Lò Thị Cầngạo');
    await phone.locator('#phone').fill('0912 777 888');
    await chooseOption(phone, '#hotline-province', 'Tỉnh Lai Châu', 'Lai Châu');
    await chooseOption(phone, '#hotline-district', 'Thành phố Lai Châu', 'Thành phố');
    await chooseOption(phone, '#unitCode', 'Phường Tân Phong', 'Tân Phong');
    await phone.getByRole('checkbox', { name: /^Khó thở/ }).check();
    await textOnceShown(phone.locator('.ant-alert'), 'yêu cầu được ưu tiên');
    const sent = apiResponse(phone, 'POST', /^\/public\/hotline-requests$/);
    await phone.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    expect((await sent).status()).toBe(201);
    const receipt = await textOnceShown(phone.getByTestId('hotline-sent'), 'Mã yêu cầu của bạn');
    const reference = /Mã yêu cầu của bạn: ([0-9A-F]{8})/.exec(receipt)![1];
    expect(receipt).toContain('Tổ hỗ trợ của xã sẽ liên hệ trước');
    if (shots) await phone.screenshot({ path: `${shots}/hotline-sent-390.png`, fullPage: true });

    for (const kind of ['phone', 'desktop'] as const) {
      const page = await e2e.page(kind);
      if (kind === 'desktop') await page.setViewportSize({ width: 1440, height: 900 });
      await login(page, station.username);
      const loaded = apiResponse(page, 'GET', /^\/hotline-requests$/);
      await page.goto('/care/hotline');
      expect((await loaded).status()).toBe(200);
      const first = page.getByTestId('hotline-request').first();
      const text = await textOnceShown(first, 'Lò Thị Cầngạo');
      expect(text).toContain('Ưu tiên 1');
      expect(text).toContain(`#${reference}`);
      expect(text).toContain('Người gọi báo dấu hiệu cảnh báo');
      expect(text).not.toMatch(/warning_signs|test_kit|public/);
      if (shots)
        await page.screenshot({
          path: `${shots}/hotline-board-${kind === 'phone' ? 390 : 1440}.png`,
          fullPage: true,
        });
      if (kind === 'desktop') {
        await first.getByRole('button', { name: 'Đã giải quyết' }).click();
        await page.locator('#resolution').fill('Đã mang gạo và mì đến nhà');
        const resolved = apiResponse(page, 'POST', /\/resolve$/);
        await page.getByRole('dialog').getByRole('button', { name: 'Đã giải quyết' }).click();
        expect((await resolved).status()).toBe(200);
        await page.getByText('Đã ghi kết quả xử lý').waitFor();
      }
    }
  });

  it("a certificate's QR page shows the printed facts and that it is valid", async () => {
    const person = await api.request('POST', '/persons', {
      fullName: 'Hoàng Văn Khỏibệnh',
      birthDate: '1981-03-03',
      sex: 'male',
      unitCode: COMMUNE,
    });
    const personId = (await person.json()).id;
    const since = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
    const kase = await e2e.pool.query(
      `INSERT INTO cases (province_code, unit_code, person_id, detected_on, found_by, care_place)
       VALUES ('12', $1, $2, $3, 'symptomatic', 'home') RETURNING id`,
      [COMMUNE, personId, since],
    );
    const episode = await e2e.pool.query(
      `INSERT INTO care_episodes (province_code, person_id, unit_code, reason, case_id, place, start_on)
       VALUES ('12', $1, $2, 'case', $3, 'home', $4) RETURNING id`,
      [personId, COMMUNE, kase.rows[0].id, since],
    );
    const issued = await api.request('POST', `/care/episodes/${episode.rows[0].id}/certificate`, {});
    expect(issued.status).toBe(201);
    const { id } = await issued.json();
    const code = (await e2e.pool.query('SELECT verify_code FROM recovery_certificates WHERE id = $1', [id]))
      .rows[0].verify_code;
    for (const kind of ['phone', 'desktop'] as const) {
      const page = await e2e.page(kind);
      if (kind === 'desktop') await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`/xac-minh/${code}`);
      const facts = await textOnceShown(page.getByTestId('verified'), 'Hoàng Văn Khỏibệnh');
      expect(facts).toContain('1981');
      expect(facts).toContain('Trạm Y tế Phường Tân Phong');
      expect(facts).toContain('Còn hiệu lực');
      expect(await page.getByText('Giấy xác nhận hợp lệ').count()).toBe(1);
      if (shots)
        await page.screenshot({
          path: `${shots}/verify-${kind === 'phone' ? 390 : 1440}.png`,
          fullPage: true,
        });
    }
  });
});
