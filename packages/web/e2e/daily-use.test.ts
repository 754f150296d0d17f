/**
 * Daily use by a commune health station: a save clicked twice stores once and says so once; a
 * person registered again is caught before a duplicate is made; the work on a person starts from
 * their page; the new-person form knows the commune, shows every error at once, and takes a household.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Account, Api, apiResponse, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

describe.skipIf(!hasChromium)('Trạm y tế xã: dùng hằng ngày', () => {
  const e2e = useE2E();
  let station: Account;
  let page: Page;
  let api: Api;

  async function personsNamed(fullName: string): Promise<string[]> {
    const { rows } = await e2e.pool.query('SELECT id FROM persons WHERE full_name = $1 ORDER BY created_at', [
      fullName,
    ]);
    return rows.map((r) => r.id);
  }

  /** Fills the new-person form (the commune is already the station's). */
  async function fillPerson(p: Page, fullName: string, birthDate: string, phone: string): Promise<void> {
    await p.locator('#fullName').fill(fullName);
    await p.locator('#birthDate').click();
    await p.locator('#birthDate').fill(birthDate);
    await p.locator('#birthDate').press('Enter');
    await p.locator('.ant-radio-wrapper', { hasText: 'Nữ' }).click();
    await p.locator('#phone').fill(phone);
  }

  beforeAll(async () => {
    station = await e2e.account('health_station', '03387', 'Lò Thị Hạnh');
    api = (await Api.login(e2e.baseUrl, station.username)).api!;
    page = await e2e.page('phone');
    await login(page, station.username);
  });

  it('bấm "Lưu" hai lần thật nhanh: chỉ một xét nghiệm được lưu, một thông báo "Đã lưu"', async () => {
    const res = await api.request('POST', '/persons', {
      fullName: 'Cà Văn Nhanh',
      birthDate: '1983-03-03',
      sex: 'male',
      unitCode: '03387',
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await page.goto(`/tests/new?person=${id}`);
    const form = page.getByTestId('test-new');
    await textOnceShown(form, 'Cà Văn Nhanh');

    const saved = apiResponse(page, 'POST', /^\/tests$/);
    await form.getByTestId('test-submit').dblclick();
    expect((await saved).status()).toBe(201);
    const message = page.locator('.ant-message-notice');
    expect(await textOnceShown(message, 'Đã lưu')).toBe('Đã lưu kết quả xét nghiệm của Cà Văn Nhanh');
    // Whatever a second click sent has had time to land.
    await page.waitForTimeout(1500);
    const { rows } = await e2e.pool.query('SELECT count(*)::int AS n FROM lab_tests WHERE person_id = $1', [
      id,
    ]);
    expect(rows[0].n).toBe(1);
    expect(await message.filter({ hasText: 'Đã lưu' }).count()).toBe(1);
    // The form starts again for the next test, with the person of the link.
    expect(await form.textContent()).toContain('Cà Văn Nhanh');

    // Its page lists the test and offers the next steps with the person filled in.
    await page.goto(`/persons/${id}`);
    const tests = page.getByTestId('person-tests');
    expect(await textOnceShown(tests, 'RT-PCR')).toContain('Chờ kết quả');
    expect(await page.getByTestId('person-contacts').textContent()).toContain('Chưa ghi nhận');
    expect(await page.getByTestId('person-add-contacts').count()).toBe(0);
    await page.getByTestId('person-new-test').click();
    await page.waitForURL(`**/tests/new?person=${id}`);
    await textOnceShown(page.getByTestId('test-new'), 'Cà Văn Nhanh');
  }, 90_000);

  it('đăng ký lại một người đã có: hiện người giống, chọn thì mở hồ sơ đó, xác nhận thì tạo người mới', async () => {
    await page.goto('/persons/new');
    // The station's commune is filled in already.
    await textOnceShown(
      page.locator('.ant-form-item').filter({ has: page.locator('#unitCode') }),
      'Tân Phong',
    );
    await fillPerson(page, 'Lò Thị Mai', '22/07/1988', '0912 000 222');
    const first = apiResponse(page, 'POST', /^\/persons$/);
    await page.getByTestId('person-submit').click();
    expect((await first).status()).toBe(201);
    const [maiId] = await personsNamed('Lò Thị Mai');
    await page.waitForURL(`**/persons/${maiId}`);

    await page.goto('/persons/new');
    await fillPerson(page, 'lo thi mai', '22/07/1988', '0912000222');
    const again = apiResponse(page, 'POST', /^\/persons$/);
    await page.getByTestId('person-submit').click();
    expect((await again).status()).toBe(409);
    const prompt = page.getByTestId('duplicate-prompt');
    const shown = await textOnceShown(prompt, 'Lò Thị Mai');
    expect(shown).toContain('22/07/1988');
    expect(shown).toContain('Trùng họ tên, ngày sinh và xã/phường');
    expect(shown).toContain('Trùng số điện thoại');
    expect(shown).not.toMatch(/name_birth_unit|possible_duplicate/);
    await prompt.getByTestId('duplicate-pick').click();
    await page.waitForURL(`**/persons/${maiId}`);
    expect(await personsNamed('Lò Thị Mai')).toEqual([maiId]);

    await page.goto('/persons/new');
    await fillPerson(page, 'Lò Thị Mai', '22/07/1988', '0912000222');
    await page.getByTestId('person-submit').click();
    await page.getByTestId('duplicate-prompt').waitFor();
    const confirmed = apiResponse(page, 'POST', /^\/persons$/);
    await page.getByTestId('duplicate-confirm-new').click();
    expect((await confirmed).status()).toBe(201);
    const both = await personsNamed('Lò Thị Mai');
    expect(both).toHaveLength(2);
    await page.waitForURL(`**/persons/${both[1]}`);
  }, 90_000);

  it('biểu mẫu người mới: mọi lỗi hiện ngay lần bấm đầu, CCCD trùng có liên kết tới hồ sơ, có hộ gia đình', async () => {
    const res = await api.request('POST', '/persons', {
      fullName: 'Quàng Văn Có Số',
      birthDate: '1995-01-01',
      sex: 'male',
      idNumber: '012095000333',
      unitCode: '03387',
    });
    const holder = ((await res.json()) as { id: string }).id;
    await page.goto('/persons/new');
    await page.locator('#idNumber').fill('999195001235');
    await page.getByTestId('person-submit').click();
    const errors = page.locator('.ant-form-item-explain-error');
    await errors.filter({ hasText: 'ngày sinh' }).waitFor();
    const all = (await errors.allTextContents()).join(' | ');
    expect(all).toContain('Vui lòng nhập họ và tên');
    expect(all).toContain('Vui lòng nhập ngày sinh');
    expect(all).toContain('CCCD');

    await fillPerson(page, 'Quàng Thị Hộ', '10/10/1995', '0912000444');
    // A household made here, with its address.
    await page.getByTestId('household-new').click();
    await page.getByTestId('household-address').fill('Bản Hộ Mới, tổ 2');
    const household = apiResponse(page, 'POST', /^\/households$/);
    await page.getByTestId('household-create').click();
    expect((await household).status()).toBe(201);
    await textOnceShown(
      page.locator('.ant-form-item').filter({ has: page.locator('#householdId') }),
      'Bản Hộ Mới',
    );
    await page.locator('#idNumber').fill('012195000333');
    const created = apiResponse(page, 'POST', /^\/persons$/);
    await page.getByTestId('person-submit').click();
    expect((await created).status()).toBe(201);
    const [hoId] = await personsNamed('Quàng Thị Hộ');
    await page.waitForURL(`**/persons/${hoId}`);
    expect(await textOnceShown(page.getByTestId('household'), 'Bản Hộ Mới')).toContain('Quàng Thị Hộ');

    // A CCCD already registered: the message links to that person.
    await page.goto('/persons/new');
    await fillPerson(page, 'Quàng Văn Khác', '01/01/1995', '0912000555');
    await page.locator('.ant-radio-wrapper', { hasText: 'Nam' }).click();
    await page.locator('#idNumber').fill('012095000333');
    const refused = apiResponse(page, 'POST', /^\/persons$/);
    await page.getByTestId('person-submit').click();
    expect((await refused).status()).toBe(409);
    await page.getByTestId('duplicate-id-link').click();
    await page.waitForURL(`**/persons/${holder}`);
  }, 90_000);
});
