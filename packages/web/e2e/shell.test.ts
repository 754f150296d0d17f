/**
 * The shell on a desktop: what the administrator sees and does (units, accounts), and what a
 * viewer is kept out of.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  Api,
  apiResponse,
  chooseOption,
  hasChromium,
  login,
  textOnceShown,
  useE2E,
} from './harness.ts';

describe.skipIf(!hasChromium)('Giao diện chung: quản trị và người xem', () => {
  const e2e = useE2E();
  let admin: Page;

  beforeAll(async () => {
    admin = await e2e.page('desktop');
  });

  it('quản trị đăng nhập và thấy các mục quản trị trong menu', async () => {
    await login(admin, 'admin', ADMIN_PASSWORD);
    expect(await admin.getByTestId('user-role').textContent()).toBe('Quản trị hệ thống');
    expect(await admin.getByTestId('user-unit').textContent()).toBe('Địa bàn: Toàn quốc');
    // The side menu is always there on a desktop: no drawer toggle.
    expect(await admin.getByTestId('menu-toggle').count()).toBe(0);
    const menu = await admin.getByTestId('nav-menu').textContent();
    for (const entry of ['Danh sách người', 'Đơn vị hành chính', 'Quản lý tài khoản', 'Nhật ký hệ thống']) {
      expect(menu).toContain(entry);
    }
  });

  it('tra cứu đơn vị hành chính không dấu, mở tỉnh Lai Châu và xem dân số các huyện', async () => {
    await admin.getByTestId('nav-menu').getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await admin.waitForURL('**/units');
    // A whole-country account starts from the provinces.
    await admin.getByTestId('unit-children').getByRole('link', { name: 'Tỉnh Lai Châu' }).waitFor();

    const search = admin.getByTestId('unit-search');
    await search.fill('dien bien');
    const searched = apiResponse(admin, 'GET', /^\/units$/, { q: 'dien bien' });
    await search.press('Enter');
    expect((await searched).status()).toBe(200);
    await admin.waitForURL(/\/units\?q=dien(%20|\+)bien$/);
    const results = admin.getByTestId('unit-search-results');
    await results.getByRole('link', { name: 'Tỉnh Điện Biên', exact: true }).waitFor();
    expect(await results.textContent()).toContain('Huyện Điện Biên');

    await search.fill('lai chau');
    await search.press('Enter');
    await results.getByRole('link', { name: 'Tỉnh Lai Châu', exact: true }).click();
    await admin.waitForURL('**/units/12');
    expect(await textOnceShown(admin.getByTestId('unit-detail'), 'Tỉnh Lai Châu')).toContain('12');
    const districts = admin.getByTestId('unit-children').locator('tr.ant-table-row');
    const city = districts.filter({ hasText: 'Thành phố Lai Châu' });
    await city.waitFor();
    // Population in vi-VN grouping: a dot every three digits.
    expect(await city.textContent()).toContain('43.771');
    expect(await districts.count()).toBeGreaterThanOrEqual(8);
  });

  it('tạo tài khoản ở trang Quản lý tài khoản; tài khoản mới đăng nhập được', async () => {
    await admin.getByTestId('nav-menu').getByRole('link', { name: 'Quản lý tài khoản' }).click();
    await admin.waitForURL('**/accounts');
    await admin.getByTestId('user-new').click();
    const dialog = admin.getByRole('dialog', { name: 'Tạo tài khoản' });
    await dialog.waitFor();

    await dialog.locator('#username').fill('cdc.laichau');
    await dialog.locator('#fullName').fill('Phạm Văn Đức');
    await dialog.locator('#password').fill('mat-khau-moi-1');
    await chooseOption(admin, '#role', 'Cán bộ y tế (Sở Y tế/CDC)');
    await chooseOption(admin, '#unitCode', 'Tỉnh Lai Châu', 'lai chau');
    const created = apiResponse(admin, 'POST', /^\/users$/);
    await dialog.getByTestId('user-submit').click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    await dialog.waitFor({ state: 'hidden' });
    const row = admin.getByTestId('user-table').locator('tr.ant-table-row', { hasText: 'cdc.laichau' });
    expect(await textOnceShown(row, 'Phạm Văn Đức')).toContain('Cán bộ y tế (Sở Y tế/CDC)');

    const { response } = await Api.login(e2e.baseUrl, 'cdc.laichau', 'mat-khau-moi-1');
    expect(response.status).toBe(200);
    const { user } = await response.json();
    expect(user).toMatchObject({
      username: 'cdc.laichau',
      fullName: 'Phạm Văn Đức',
      role: 'health_officer',
      unit: { code: '12', name: 'Tỉnh Lai Châu', level: 'province' },
    });
  });

  it('người xem không có mục quản trị và bị chặn ở trang Quản lý tài khoản', async () => {
    const viewer = await e2e.account('viewer', '12', 'Người xem Lai Châu');
    const page = await e2e.page('desktop');
    await login(page, viewer.username);
    expect(await page.getByTestId('user-role').textContent()).toBe('Người xem');
    const menu = await page.getByTestId('nav-menu').textContent();
    expect(menu).toContain('Danh sách người');
    expect(menu).toContain('Đơn vị hành chính');
    expect(menu).not.toContain('Quản lý tài khoản');
    expect(menu).not.toContain('Nhật ký hệ thống');
    // Nor may it add people.
    await page.getByTestId('person-table').waitFor();
    expect(await page.getByTestId('person-new').count()).toBe(0);

    await page.goto('/accounts');
    expect(await textOnceShown(page.getByTestId('forbidden'), 'không có quyền')).toContain(
      'Tài khoản của bạn không có quyền truy cập trang này.',
    );
    expect(await page.getByTestId('user-table').count()).toBe(0);
    await page.goto('/audit');
    await page.getByTestId('forbidden').waitFor();
  });
});
