/**
 * The paths a commune health station takes most, on a phone: sign in, register a person (the
 * CCCD is checked against sex and birth year), find them again by a name typed without
 * diacritics. Then another commune's station must not reach them.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  Api,
  apiResponse,
  chooseOption,
  fillLogin,
  hasChromium,
  login,
  textOnceShown,
  useE2E,
} from './harness.ts';

const NAME = 'Nguyễn Thị Ánh Tuyết';
const VALID_CCCD = '012195001235';
// Fourth digit 0 means a man born in the 1900s; she is a woman born in 1995.
const WRONG_CCCD = '012095001235';

describe.skipIf(!hasChromium)('Trạm y tế xã: hồ sơ người dân', () => {
  const e2e = useE2E();
  let station: Account;
  let phone: Page;
  let personId: string;

  /** Opens a page through the phone's menu drawer, which closes once a page is chosen. */
  async function openFromMenu(label: string): Promise<void> {
    await phone.getByTestId('menu-toggle').click();
    const menu = phone.getByTestId('nav-menu');
    await menu.getByRole('link', { name: label }).click();
    await menu.waitFor({ state: 'hidden' });
  }

  async function storedPersons(idNumber: string): Promise<Record<string, string>[]> {
    const { rows } = await e2e.pool.query(
      `SELECT full_name, birth_date::text AS birth_date, sex, unit_code FROM persons WHERE id_number = $1`,
      [idNumber],
    );
    return rows;
  }

  beforeAll(async () => {
    station = await e2e.account('health_station', '03387', 'Lò Thị Mai');
    phone = await e2e.page('phone');
    // Someone else in the commune, so that searching has something to leave out.
    const { api } = await Api.login(e2e.baseUrl, station.username);
    const res = await api!.request('POST', '/persons', {
      fullName: 'Trần Văn Bình',
      birthDate: '1980-02-01',
      sex: 'male',
      unitCode: '03387',
    });
    expect(res.status).toBe(201);
  });

  it('đăng nhập trên điện thoại: sai mật khẩu thì báo lỗi, đúng thì thấy tên, vai trò, địa bàn', async () => {
    await phone.goto('/persons');
    await phone.waitForURL('**/login');

    const refused = await fillLogin(phone, station.username, 'mat-khau-sai');
    expect(refused.status()).toBe(401);
    expect(await textOnceShown(phone.getByTestId('login-error'), 'không đúng')).toBe(
      'Tên đăng nhập hoặc mật khẩu không đúng',
    );

    const accepted = await fillLogin(phone, station.username, station.password);
    expect(accepted.status()).toBe(200);
    // Back on the page that asked for the login.
    await phone.waitForURL('**/persons');
    expect(await phone.getByTestId('user-name').textContent()).toBe('Lò Thị Mai');
    expect(await phone.getByTestId('user-role').textContent()).toBe('Trạm y tế xã');
    expect(await phone.getByTestId('user-unit').textContent()).toBe('Địa bàn: Phường Tân Phong');

    // On a phone the menu hides in a drawer behind the toggle.
    const menu = phone.getByTestId('nav-menu');
    expect(await menu.isVisible()).toBe(false);
    await phone.getByTestId('menu-toggle').click();
    await menu.waitFor();
    const entries = await menu.textContent();
    expect(entries).toContain('Danh sách người');
    expect(entries).toContain('Đơn vị hành chính');
    expect(entries).not.toContain('Quản lý tài khoản');
    expect(entries).not.toContain('Nhật ký hệ thống');
    await menu.getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await menu.waitFor({ state: 'hidden' });
    await phone.waitForURL('**/units/03387');
    expect(await textOnceShown(phone.getByTestId('unit-detail'), '03387')).toContain('Phường Tân Phong');
  });

  it('thêm người: CCCD sai báo ngay dưới ô CCCD và không lưu; sửa đúng thì lưu và mở hồ sơ', async () => {
    await openFromMenu('Danh sách người');
    await phone.getByTestId('person-new').click();
    await phone.waitForURL('**/persons/new');

    await phone.locator('#fullName').fill(NAME);
    await phone.locator('#birthDate').click();
    await phone.locator('#birthDate').fill('15/07/1995');
    await phone.locator('#birthDate').press('Enter');
    await phone.locator('.ant-radio-wrapper', { hasText: 'Nữ' }).click();
    await phone.locator('#idNumber').fill(WRONG_CCCD);
    await phone.locator('#phone').fill('0912345678');
    await chooseOption(phone, '#unitCode', 'Phường Tân Phong', 'tan phong');
    await phone.locator('#address').fill('Tổ 5, đường Trần Phú');
    expect(await phone.locator('#birthDate').inputValue()).toBe('15/07/1995');
    expect(await phone.getByRole('radio', { name: 'Nữ' }).isChecked()).toBe(true);

    // The form checks the CCCD itself: the error shows on the first submit, nothing is sent.
    const posts: string[] = [];
    phone.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/persons') posts.push(r.url());
    });
    await phone.getByTestId('person-submit').click();
    const idNumberError = phone
      .locator('.ant-form-item')
      .filter({ has: phone.locator('#idNumber') })
      .locator('.ant-form-item-explain-error');
    expect(await textOnceShown(idNumberError, 'Chữ số thứ 4')).toBe(
      'Chữ số thứ 4 của CCCD (giới tính/thế kỷ) không khớp với giới tính và năm sinh',
    );
    expect(new URL(phone.url()).pathname).toBe('/persons/new');
    expect(posts).toEqual([]);
    expect(await storedPersons(WRONG_CCCD)).toEqual([]);
    expect((await e2e.pool.query('SELECT 1 FROM persons WHERE full_name = $1', [NAME])).rowCount).toBe(0);

    await phone.locator('#idNumber').fill(VALID_CCCD);
    const created = apiResponse(phone, 'POST', /^\/persons$/);
    await phone.getByTestId('person-submit').click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    personId = (await answer.json()).id;
    await phone.waitForURL(`**/persons/${personId}`);

    const detail = await textOnceShown(phone.getByTestId('person-detail'), NAME);
    expect(detail).toContain('15/07/1995');
    expect(detail).toContain('Nữ');
    expect(detail).toContain(VALID_CCCD);
    expect(detail).toContain('Phường Tân Phong');
    expect(await storedPersons(VALID_CCCD)).toEqual([
      { full_name: NAME, birth_date: '1995-07-15', sex: 'female', unit_code: '03387' },
    ]);
  });

  it('tìm người bằng tên gõ không dấu trong danh sách rồi mở hồ sơ', async () => {
    await openFromMenu('Danh sách người');
    const rows = phone.getByTestId('person-table').locator('[data-row-key]');
    // Both people of the commune before searching.
    await rows.filter({ hasText: 'Trần Văn Bình' }).waitFor();
    await rows.filter({ hasText: NAME }).waitFor();

    const search = phone.getByTestId('person-search');
    await search.fill('nguyen thi anh tuyet');
    const searched = apiResponse(phone, 'GET', /^\/persons$/, { q: 'nguyen thi anh tuyet' });
    await search.press('Enter');
    const answer = await searched;
    expect(answer.status()).toBe(200);
    expect((await answer.json()).items.map((p: { fullName: string }) => p.fullName)).toEqual([NAME]);
    await rows.filter({ hasText: 'Trần Văn Bình' }).waitFor({ state: 'detached' });
    await rows.filter({ hasText: NAME }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('15/07/1995');

    await rows.first().getByRole('link', { name: NAME }).click();
    await phone.waitForURL(`**/persons/${personId}`);
    expect(await textOnceShown(phone.getByTestId('person-detail'), NAME)).toContain(VALID_CCCD);
  });

  it('trạm y tế của phường khác không mở được hồ sơ này qua URL và không tìm thấy người này', async () => {
    const other = await e2e.account('health_station', '03386', 'Giàng A Páo');
    const { api } = await Api.login(e2e.baseUrl, other.username);
    const own = await api!.request('POST', '/persons', {
      fullName: 'Nguyễn Thị Hoa',
      birthDate: '1990-03-02',
      sex: 'female',
      unitCode: '03386',
    });
    expect(own.status).toBe(201);

    const page = await e2e.page('desktop');
    await login(page, other.username);
    expect(await page.getByTestId('user-unit').textContent()).toBe('Địa bàn: Phường Quyết Thắng');

    const refused = apiResponse(page, 'GET', new RegExp(`^/persons/${personId}$`));
    await page.goto(`/persons/${personId}`);
    expect((await refused).status()).toBe(404);
    expect(await textOnceShown(page.getByTestId('person-not-found'), 'Không tìm thấy')).toContain(
      'Không tìm thấy người này hoặc bạn không có quyền xem',
    );
    expect(await page.getByTestId('person-detail').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(NAME);

    await page.getByTestId('nav-menu').getByRole('link', { name: 'Danh sách người' }).click();
    await page.waitForURL('**/persons');
    const search = page.getByTestId('person-search');
    const rows = page.getByTestId('person-table').locator('tr.ant-table-row');
    await rows.filter({ hasText: 'Nguyễn Thị Hoa' }).waitFor();
    await search.fill('nguyen thi');
    const byName = apiResponse(page, 'GET', /^\/persons$/, { q: 'nguyen thi' });
    await search.press('Enter');
    const named = await byName;
    expect(named.status()).toBe(200);
    expect((await named.json()).items.map((p: { fullName: string }) => p.fullName)).toEqual([
      'Nguyễn Thị Hoa',
    ]);
    // Its own Nguyễn Thị shows, the other commune's does not.
    await page.waitForURL(/q=nguyen/);
    await rows.filter({ hasText: 'Nguyễn Thị Hoa' }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await page.getByTestId('person-table').textContent()).not.toContain(NAME);

    await search.fill(VALID_CCCD);
    const byIdNumber = apiResponse(page, 'GET', /^\/persons$/, { q: VALID_CCCD });
    await search.press('Enter');
    const numbered = await byIdNumber;
    expect(numbered.status()).toBe(200);
    expect((await numbered.json()).items).toEqual([]);
    await page.getByTestId('person-table').getByText('Không có người nào phù hợp').waitFor();
    expect(await rows.count()).toBe(0);
  });
});
