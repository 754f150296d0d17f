/**
 * Places of isolation in Chromium (issue 10): an officer registers a facility through the form and
 * opens it; the station admits a person from the facility page by searching their name and the
 * free beds go down by one; the capacity board and the episode page with its stays show it, on a
 * phone (390×844) and a wide screen (1440×900). Screenshots go to /tmp/tuyendau-places-*.png.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, chooseOption, hasChromium, login, useE2E } from './harness.ts';

const COMMUNE = '03387';
const NAME = 'Lò Thị Giườngmột';

describe.skipIf(!hasChromium)('Cơ sở cách ly, tiếp nhận và công suất giường', () => {
  const e2e = useE2E();
  let officer: { username: string };
  let station: { username: string };
  let api: Api;
  let facilityId: string;

  beforeAll(async () => {
    officer = await e2e.account('health_officer', '105');
    station = await e2e.account('health_station', COMMUNE);
    api = (await Api.login(e2e.baseUrl, officer.username)).api!;
    const person = await api.request('POST', '/persons', {
      fullName: NAME,
      birthDate: '1990-02-02',
      sex: 'female',
      unitCode: COMMUNE,
    });
    expect(person.status).toBe(201);
    const f = await api.request('POST', '/facilities', {
      name: 'Ký túc xá Trường Cao đẳng Cộng đồng',
      kind: 'isolation',
      type: 'dormitory',
      unitCode: COMMUNE,
      capacity: { beds: 5 },
    });
    facilityId = (await f.json()).id;
    for (const state of ['ready', 'active']) {
      const s = await api.request('POST', `/facilities/${facilityId}/state`, {
        state,
        effectiveOn: '2021-08-01',
        decidedBy: 'QĐ 12/QĐ-UBND của UBND thành phố',
      });
      expect(s.status).toBe(200);
    }
    const t2 = await api.request('POST', '/facilities', {
      name: 'Bệnh viện dã chiến số 2',
      kind: 'treatment',
      type: 'field_hospital',
      tier: 'hospital_t2',
      unitCode: COMMUNE,
      capacity: { beds: 120, icuBeds: 10, ventilators: 6 },
    });
    const t2id = (await t2.json()).id;
    for (const state of ['ready', 'active']) {
      await api.request('POST', `/facilities/${t2id}/state`, {
        state,
        effectiveOn: '2021-08-01',
        decidedBy: 'QĐ 13',
      });
    }
  });

  it('an officer registers a facility through the form (wide screen)', async () => {
    const page = await e2e.page('desktop');
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, officer.username);
    await page.goto('/care/facilities');
    await page.getByTestId('facility-list').getByText('Ký túc xá Trường Cao đẳng Cộng đồng').waitFor();
    await page.screenshot({ path: '/tmp/tuyendau-places-facilities-1440.png', fullPage: true });
    await page.getByTestId('facility-new').click();
    await page.getByTestId('facility-name').fill('Khách sạn Mường Thanh (khu cách ly)');
    await page.getByTestId('facility-beds').fill('40');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('facility-detail').waitFor();
    expect(page.url()).toMatch(/\/care\/facilities\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('facility-free').textContent()).resolves.toContain('40/40');
  });

  it('the station admits a person from the facility page on a phone; free beds go down by one', async () => {
    const page = await e2e.page('phone');
    await login(page, station.username);
    await page.goto('/care/facilities');
    await page.getByTestId('facility-list').getByText('Ký túc xá Trường Cao đẳng Cộng đồng').waitFor();
    await page.screenshot({ path: '/tmp/tuyendau-places-facilities-390.png', fullPage: true });
    await page.goto(`/care/facilities/${facilityId}`);
    await expect(page.getByTestId('facility-free').textContent()).resolves.toContain('5/5');
    await page.getByTestId('facility-admit').click();
    await chooseOption(page, '#admit-person', `${NAME} · 02/02/1990 · Phường Tân Phong`, 'Giườngmột');
    await chooseOption(page, '#admit-reason', 'Người nhập cảnh, từ vùng dịch về');
    await page.getByTestId('admit-save').click();
    await expect
      .poll(async () => page.getByTestId('facility-free').textContent(), { timeout: 10_000 })
      .toContain('4/5');
    await page.getByTestId('facility-episodes').getByText(NAME).waitFor();
    await page.screenshot({ path: '/tmp/tuyendau-places-facility-390.png', fullPage: true });
    await page.getByTestId('facility-episodes').getByText(NAME).click();
    await page.getByTestId('episode-stays').waitFor();
    await page.screenshot({ path: '/tmp/tuyendau-places-episode-390.png', fullPage: true });
    await page.goto('/care/capacity');
    await page.getByTestId('capacity-totals').waitFor();
    await page.screenshot({ path: '/tmp/tuyendau-places-capacity-390.png', fullPage: true });
  });

  it('the capacity board and the episode list on a wide screen', async () => {
    const page = await e2e.page('desktop');
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, officer.username);
    await page.goto('/care/capacity');
    await page.getByTestId('capacity-wave').waitFor();
    await expect(page.getByTestId('capacity-free').textContent()).resolves.toMatch(/\d/);
    await page.screenshot({ path: '/tmp/tuyendau-places-capacity-1440.png', fullPage: true });
    await page.goto('/care/episodes');
    await page.getByTestId('episode-list').getByText(NAME).waitFor();
    await page.screenshot({ path: '/tmp/tuyendau-places-episodes-1440.png', fullPage: true });
  });
});
