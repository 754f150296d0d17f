/**
 * Each role starts where its work is: a commune health station on its phone lands on "Việc hôm
 * nay", a province health officer on a desktop on the situation page. The data are of August 2021,
 * years before today: both pages say how old the newest data is and show that day with one click.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, hasChromium, login, useE2E } from './harness.ts';

const DAY = '2021-08-20';

describe.skipIf(!hasChromium)('Trang bắt đầu theo vai trò', () => {
  const e2e = useE2E();
  let station: string;
  let officer: string;
  const ids: Record<string, string> = {};

  /** No sideways scrolling: the page is no wider than the screen. */
  async function fitsWidth(page: Page): Promise<void> {
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
  }

  beforeAll(async () => {
    station = (await e2e.account('health_station', '03387', 'Trạm y tế Tân Phong')).username;
    officer = (await e2e.account('health_officer', '12', 'Sở Y tế Lai Châu')).username;
    const { api } = await Api.login(e2e.baseUrl, station);
    const post = async (path: string, body: unknown) => {
      const res = await api!.request('POST', path, body);
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return (await res.json()) as { id: string };
    };
    const person = async (fullName: string) =>
      (await post('/persons', { fullName, birthDate: '1979-05-05', sex: 'male', unitCode: '03387' })).id;
    ids.case = (
      await post('/cases', { personId: await person('Lò Văn Mới'), detectedOn: DAY, foundBy: 'community' })
    ).id;
    ids.untraced = (
      await post('/cases', {
        personId: await person('Lò Văn Chưa Truy'),
        detectedOn: '2021-08-18',
        foundBy: 'community',
      })
    ).id;
    // CV 5599/BYT-MT: 14 days in a facility, tested on days 1, 7 and 14.
    await post(`/cases/${ids.case}/contacts`, {
      personId: await person('Lò Thị Tiếp Xúc'),
      exposureDate: '2021-08-19',
      setting: 'household',
    });
    await post('/tests', {
      personId: await person('Lò Thị Chờ Kết Quả'),
      kind: 'rt_pcr',
      performer: 'health_worker',
      sampledAt: '2021-08-19T08:00:00+07:00',
      result: 'pending',
    });
    // Recorded as the days went (the untraced case on the 18th, the others on the day).
    await e2e.pool.query(
      `UPDATE cases SET created_at = (detected_on + time '17:00')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`,
    );
    await e2e.pool.query(`UPDATE contacts SET created_at = timestamptz '2021-08-20 09:00+07'`);
  });

  it('trạm y tế xã trên điện thoại: Việc hôm nay, dữ liệu cũ mở bằng một chạm', async () => {
    const phone = await e2e.page('phone');
    await login(phone, station);
    await phone.goto('/');
    await phone.waitForURL(/\/today$/);
    await expect.poll(() => phone.locator('h3').first().textContent()).toBe('Việc hôm nay');
    const stale = phone.getByTestId('start-stale');
    await stale.waitFor();
    expect(await stale.textContent()).toContain('Dữ liệu mới nhất ngày 20/08/2021');
    await fitsWidth(phone);

    await phone.getByTestId('start-latest').click();
    await phone.waitForURL(/date=2021-08-20/);
    await expect.poll(() => phone.locator('h3').first().textContent()).toBe('Việc ngày 20/08/2021');
    const count = (section: string) => phone.getByTestId(`today-${section}-count`).textContent();
    await expect.poll(() => count('new-cases')).toBe('2');
    expect(await count('pending')).toBe('1');
    expect(await count('quarantine')).toBe('1');
    expect(await count('untraced')).toBe('1');
    expect(await count('retests')).toBe('0');
    expect(await phone.getByTestId('today-retests-empty').textContent()).toBe('Không có việc nào');
    const quarantine = (await phone.getByTestId('today-quarantine').textContent()) ?? '';
    expect(quarantine).toContain('Lò Thị Tiếp Xúc');
    expect(quarantine).toContain('Xét nghiệm ngày thứ 1');
    expect(quarantine).toContain('Cách ly tập trung đến 02/09/2021');
    expect(await phone.getByTestId('today-pending').textContent()).toMatch(
      /RT-PCR mẫu đơn · lấy mẫu 19\/08\/2021 08:00/,
    );
    const untraced = (await phone.getByTestId('today-untraced').textContent()) ?? '';
    expect(untraced).toContain('Lò Văn Chưa Truy');
    expect(untraced).toContain('Thêm F1');
    await fitsWidth(phone);

    // Each line opens its record.
    await phone.getByTestId('today-new-cases').getByRole('link', { name: 'Lò Văn Mới' }).click();
    await phone.waitForURL(new RegExp(`/cases/${ids.case}$`));

    // The menu starts with the page of the role.
    await phone.goto('/');
    await phone.waitForURL(/\/today$/);
    await phone.getByTestId('menu-toggle').click();
    const entries = phone.getByTestId('nav-menu').locator('.ant-menu-item');
    await expect.poll(() => entries.first().textContent()).toBe('Việc hôm nay');
  }, 120_000);

  it('sở y tế trên máy tính: tình hình của tỉnh, mỗi con số mở danh sách của nó', async () => {
    const desktop = await e2e.page('desktop');
    await login(desktop, officer);
    await desktop.goto('/');
    await desktop.waitForURL(/\/situation$/);
    await expect
      .poll(() => desktop.locator('h3').first().textContent())
      .toBe('Tình hình dịch · Tỉnh Lai Châu');
    await desktop.getByTestId('start-latest').click();
    await desktop.waitForURL(/date=2021-08-20/);

    const figure = (id: string) => desktop.getByTestId(id).textContent();
    await expect.poll(() => figure('new-cases-today')).toBe('1');
    expect(await figure('new-cases-7')).toBe('2');
    expect(await figure('active-cases-total')).toBe('2');
    expect(await figure('quarantine-total')).toBe('1');
    expect(await figure('tests-total')).toBe('1');
    const units = (await desktop.getByTestId('new-cases-units').textContent()) ?? '';
    expect(units).toContain('Thành phố Lai Châu');
    expect(units).toContain('Huyện Tam Đường');
    expect(await desktop.getByTestId('panel-active-cases').textContent()).toContain('Tại nhà');
    await fitsWidth(desktop);

    // The 7-day figure opens the case list of those days.
    await desktop.getByTestId('new-cases-7').click();
    await desktop.waitForURL(/\/cases\?unit=12&from=2021-08-14&to=2021-08-20/);
    await desktop.getByTestId('case-table').getByText('Lò Văn Mới').waitFor();
    expect(await desktop.getByTestId('case-table').textContent()).toContain('Lò Văn Chưa Truy');
    await desktop.goBack();

    // Contacts in quarantine on that day.
    await desktop.getByTestId('quarantine-total').click();
    await desktop.waitForURL(/\/contacts\?status=quarantined&on=2021-08-20/);
    await desktop.getByTestId('contact-table').getByText('Lò Thị Tiếp Xúc').waitFor();
    expect(await desktop.getByTestId('contact-on-filter').textContent()).toBe('Đang cách ly ngày 20/08/2021');
    await desktop.goBack();

    // A district drills down to its communes; another day is typed as dd/mm/yyyy.
    await desktop.getByTestId('new-cases-units').getByRole('link', { name: 'Thành phố Lai Châu' }).click();
    await desktop.waitForURL(/unit=105/);
    await expect
      .poll(() => desktop.locator('h3').first().textContent())
      .toBe('Tình hình dịch · Thành phố Lai Châu');
    await desktop.getByTestId('new-cases-units').getByText('Phường Tân Phong').waitFor();
    const picker = desktop.locator('#start-date');
    await picker.click();
    await picker.fill('18/08/2021');
    await picker.press('Enter');
    await desktop.waitForURL(/date=2021-08-18/);
    await expect.poll(() => figure('new-cases-today')).toBe('1');
  }, 120_000);

  it('người chỉ xem vẫn bắt đầu ở trang đầu tiên vai trò được dùng', async () => {
    const viewer = (await e2e.account('viewer', '12')).username;
    const page = await e2e.page('desktop');
    await login(page, viewer);
    await page.goto('/');
    await page.waitForURL(/\/persons$/);
  }, 60_000);
});
