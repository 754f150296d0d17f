/**
 * Lists that fit their screen (issue 8, points 6 and 9): on a phone each record is a card showing
 * what matters (a test's result, a contact's quarantine end) with no sideways scrolling; on a
 * 1440×900 desktop the tests, cases and accounts tables fit, account actions included. And the
 * contact form offers the case's household, one tick per member.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Account, Api, apiResponse, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

const COMMUNE = '03387';
const ADDRESS = 'Tổ 7, bản Nà Khum';
const CDC = 'Trung tâm Kiểm soát bệnh tật tỉnh Lai Châu';

/** Nothing wider than the window: no sideways scrolling of the page. */
async function fitsWidth(page: Page): Promise<void> {
  const [scroll, inner] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(inner);
}

/** The table inside `testId` scrolls no column out of sight. */
async function tableFits(page: Page, testId: string): Promise<void> {
  const table = page.getByTestId(testId);
  await table.locator('tr.ant-table-row').first().waitFor();
  const widths = await table
    .locator('.ant-table-content, .ant-table-body')
    .evaluateAll((nodes) => nodes.map((node) => [node.scrollWidth, node.clientWidth]));
  expect(widths.length).toBeGreaterThan(0);
  for (const [scroll, client] of widths) expect(scroll, testId).toBeLessThanOrEqual(client);
}

describe.skipIf(!hasChromium)('Danh sách vừa màn hình; thêm người tiếp xúc từ hộ gia đình', () => {
  const e2e = useE2E();
  let station: Account;
  let admin: Account;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    station = await e2e.account('health_station', COMMUNE, 'Lò Thị Xuân');
    admin = await e2e.account('admin', null, 'Quản trị hệ thống');
    const { api } = await Api.login(e2e.baseUrl, station.username);
    const post = async (path: string, body: unknown) => {
      const res = await api!.request('POST', path, body);
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return (await res.json()) as { id: string };
    };
    const household = await post('/households', { unitCode: COMMUNE, address: ADDRESS });
    const person = async (fullName: string, birthDate: string, sex: 'male' | 'female') =>
      (await post('/persons', { fullName, birthDate, sex, unitCode: COMMUNE, householdId: household.id })).id;
    ids.index = await person('Lò Văn Chính', '1978-04-02', 'male');
    ids.wife = await person('Lò Thị Vợ', '1981-09-12', 'female');
    ids.son = await person('Lò Văn Con', '2005-01-20', 'male');
    ids.youngest = await person('Lò Thị Út', '2012-06-30', 'female');
    ids.case = (
      await post('/cases', { personId: ids.index, detectedOn: '2021-08-11', foundBy: 'community' })
    ).id;
    // The youngest is already a contact: the form offers the two others.
    await post(`/cases/${ids.case}/contacts`, {
      personId: ids.youngest,
      exposureDate: '2021-08-10',
      setting: 'household',
    });
    for (const [personId, result] of [
      [ids.wife, 'negative'],
      [ids.son, 'positive'],
    ] as const) {
      await post('/tests', {
        personId,
        kind: 'rt_pcr',
        performer: 'health_worker',
        site: CDC,
        sampledAt: '2021-08-12T08:00:00+07:00',
        resultedAt: '2021-08-12T16:00:00+07:00',
        result,
      });
    }
    await post('/tests/pools', {
      memberIds: [ids.wife, ids.youngest],
      sampledAt: '2021-08-13T08:00:00+07:00',
      site: CDC,
    });
  });

  it('điện thoại: danh sách xét nghiệm là thẻ, thấy kết quả của từng xét nghiệm, không cuộn ngang', async () => {
    const phone = await e2e.page('phone');
    await login(phone, station.username);
    await phone.goto('/tests');
    const cards = phone.getByTestId('test-table').locator('[data-row-key]');
    const son = cards.filter({ hasText: 'Lò Văn Con' });
    await son.waitFor();
    expect(await phone.getByTestId('test-table').locator('table').count()).toBe(0);
    expect(await son.getByText('Dương tính', { exact: true }).isVisible()).toBe(true);
    expect(
      await cards.filter({ hasText: 'Lò Thị Vợ' }).getByText('Âm tính', { exact: true }).isVisible(),
    ).toBe(true);
    expect(await son.textContent()).toContain('12/08/2021');
    await fitsWidth(phone);
    // A tap on the card opens the record: the person tested.
    await son.getByText('Dương tính', { exact: true }).click();
    await phone.waitForURL(`**/persons/${ids.son}`);
  });

  it('điện thoại: người tiếp xúc của ca bệnh thấy ngày kết thúc cách ly, không cuộn ngang', async () => {
    const phone = await e2e.page('phone');
    await login(phone, station.username);
    await phone.goto(`/cases/${ids.case}`);
    const card = phone
      .getByTestId('case-contacts')
      .locator('[data-row-key]')
      .filter({ hasText: 'Lò Thị Út' });
    expect(await textOnceShown(card, 'Lò Thị Út')).toContain('24/08/2021 (14 ngày)');
    expect(await card.getByText('Kết thúc cách ly').isVisible()).toBe(true);
    expect(await card.getByText('24/08/2021 (14 ngày)').isVisible()).toBe(true);
    await fitsWidth(phone);
  });

  it('điện thoại: thêm người tiếp xúc đánh dấu người cùng hộ; hai dấu tích thành hai người tiếp xúc', async () => {
    const phone = await e2e.page('phone');
    await login(phone, station.username);
    await phone.goto(`/cases/${ids.case}/contacts/new`);
    const form = phone.getByTestId('add-contacts-form');
    const members = form.getByTestId('household-member');
    await members.first().waitFor();
    // Neither the case nor who is already a contact.
    expect(await members.allTextContents()).toEqual([
      'Lò Thị Vợ · 12/09/1981 · Nữ',
      'Lò Văn Con · 20/01/2005 · Nam',
    ]);
    await fitsWidth(phone);

    await phone.locator('#exposureDate').click();
    await phone.locator('#exposureDate').fill('10/08/2021');
    await phone.locator('#exposureDate').press('Enter');
    await members.filter({ hasText: 'Lò Thị Vợ' }).click();
    await members.filter({ hasText: 'Lò Văn Con' }).click();
    // The son's doses differ from the ones set for all: his row says its own.
    await form.getByTestId('contact-row-own-doses-1').click();
    await form.getByTestId('contact-row-1-doses').click();
    await phone.locator('.ant-select-item-option').filter({ hasText: '2 mũi' }).click();

    // Someone else, new: their address is the household's until changed; then not added after all.
    await form.getByTestId('add-contact-row').click();
    const row = form.getByTestId('contact-row-2');
    await row.getByTestId('contact-row-mode-2').getByText('Người mới').click();
    await row.getByTestId('contact-row-details-2').click();
    expect(await row.getByTestId('contact-row-address-2').inputValue()).toBe(ADDRESS);
    await row.getByTestId('contact-row-remove-2').click();
    await row.waitFor({ state: 'detached' });
    await fitsWidth(phone);

    const saved = apiResponse(phone, 'POST', new RegExp(`^/cases/${ids.case}/contacts/batch$`));
    await form.getByTestId('add-contacts-submit').click();
    const answer = await saved;
    expect(answer.status()).toBe(201);
    expect(answer.request().postDataJSON()).toEqual({
      exposureDate: '2021-08-10',
      setting: 'household',
      vaccination: 'unknown',
      people: [{ personId: ids.wife }, { personId: ids.son, doses: 2 }],
    });
    await phone.waitForURL(`**/cases/${ids.case}`);
    const contacts = phone.getByTestId('case-contacts');
    await textOnceShown(contacts, 'Người tiếp xúc (3)');
    const { rows } = await e2e.pool.query(
      `SELECT person_id FROM contacts WHERE case_id = $1 ORDER BY person_id`,
      [ids.case],
    );
    expect(rows.map((r) => r.person_id).sort()).toEqual([ids.wife, ids.son, ids.youngest].sort());
  });

  it('máy tính 1440×900: bảng xét nghiệm và ca bệnh vừa khung', async () => {
    const page = await e2e.page('desktop');
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, station.username);
    await page.goto('/tests');
    await tableFits(page, 'test-table');
    await page.goto('/cases');
    await tableFits(page, 'case-table');
    await fitsWidth(page);
  });

  it('máy tính 1440×900: bảng người tiếp xúc của ca bệnh vừa khung', async () => {
    const page = await e2e.page('desktop');
    await page.setViewportSize({ width: 1440, height: 900 });
    await login(page, station.username);
    await page.goto(`/cases/${ids.case}`);
    await tableFits(page, 'case-contacts');
    expect(await page.getByTestId('case-contacts').textContent()).toContain('24/08/2021 (14 ngày)');
    await fitsWidth(page);
  });

  it('máy tính 1440×900: bảng tài khoản vừa khung; thao tác tài khoản trong tầm nhìn', async () => {
    const adminPage = await e2e.page('desktop');
    await adminPage.setViewportSize({ width: 1440, height: 900 });
    await login(adminPage, admin.username);
    await adminPage.goto('/accounts');
    await tableFits(adminPage, 'user-table');
    const row = adminPage
      .getByTestId('user-table')
      .locator('tr.ant-table-row', { hasText: station.username });
    const actions = row.getByTestId('user-actions');
    expect(await actions.isVisible()).toBe(true);
    const box = await actions.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1440);
    await actions.click();
    await adminPage.getByRole('menuitem', { name: 'Đặt lại mật khẩu' }).waitFor();
    await fitsWidth(adminPage);
  });
});
