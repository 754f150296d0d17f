/**
 * Vaccination data cleaning (issue 9, point 6): a commune health station finds a woman recorded
 * twice, compares the two records side by side and merges them from the UI; her doses end up on
 * the record kept, and the page on a phone fits its screen.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, apiResponse, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

const COMMUNE = '03387';

describe.skipIf(!hasChromium)('Tiêm chủng: làm sạch dữ liệu, gộp hai hồ sơ trùng', () => {
  const e2e = useE2E();
  let station: { username: string };
  let api: Api;

  async function newPerson(body: Record<string, unknown>): Promise<string> {
    const res = await api.request('POST', '/persons', {
      birthDate: '1992-04-04',
      sex: 'female',
      unitCode: COMMUNE,
      confirmNew: true,
      ...body,
    });
    expect(res.status).toBe(201);
    return (await res.json()).id;
  }

  async function dose(personId: string, doseNumber: number, givenOn: string): Promise<void> {
    const res = await api.request('POST', `/persons/${personId}/doses`, {
      doseNumber,
      product: 'astrazeneca',
      givenOn,
    });
    expect(res.status).toBe(201);
  }

  beforeAll(async () => {
    station = await e2e.account('health_station', COMMUNE);
    api = (await Api.login(e2e.baseUrl, station.username)).api!;
  });

  it('compares two records of one woman and merges them, every dose kept (desktop), then fits a phone', async () => {
    // The same woman twice: once with her CCCD and dose 1, once without it, with doses 1 and 2.
    const kept = await newPerson({ fullName: 'Hà Thị Gộpđôi', idNumber: '012192000321' });
    const twin = await newPerson({ fullName: 'Ha Thi Gopdoi', phone: '0987654321' });
    await dose(kept, 1, '2021-08-02');
    await dose(twin, 1, '2021-08-02');
    await dose(twin, 2, '2021-10-30');
    const scan = await api.request('POST', '/vaccination/cleaning/scan', { unitCode: COMMUNE });
    expect(scan.status).toBe(200);

    const page = await e2e.page('desktop');
    await login(page, station.username);
    await page.getByTestId('nav-menu').getByText('Làm sạch dữ liệu').click();
    await page.waitForURL('**/vaccination/cleaning');
    await textOnceShown(page.getByTestId('cleaning-total'), 'Người cần xác minh');
    await page.goto('/vaccination/cleaning?kind=duplicate_name');
    const row = page.getByTestId('cleaning-list').locator('tr').filter({ hasText: 'Gopdoi' });
    const rowText = await textOnceShown(row, 'Có thể trùng người (cùng họ tên, ngày sinh, xã)');
    expect(rowText).toMatch(/Ha Thi Gopdoi|Hà Thị Gộpđôi/);
    expect(rowText).not.toMatch(/duplicate_name|open/);
    await row.getByTestId('cleaning-open').click();

    const drawer = page.getByTestId('cleaning-compare');
    await textOnceShown(drawer, 'Ha Thi Gopdoi');
    const keptCard = page.getByTestId(`cleaning-person-${kept}`);
    const twinCard = page.getByTestId(`cleaning-person-${twin}`);
    expect(await keptCard.textContent()).toContain('Mũi 1 · AstraZeneca (Vaxzevria) · 02/08/2021');
    expect(await twinCard.textContent()).toContain('Mũi 2 · AstraZeneca (Vaxzevria) · 30/10/2021');
    expect(await twinCard.textContent()).toContain('04/04/1992');
    // The record with the CCCD is offered as the one to keep.
    const keepRadio = keptCard.locator('input[type="radio"]');
    expect(await keepRadio.isChecked()).toBe(true);

    await page.getByTestId('cleaning-merge').click();
    const merged = apiResponse(page, 'POST', /^\/vaccination\/cleaning\/merges$/);
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Gộp thành một người' }).click();
    expect((await merged).status()).toBe(201);
    await textOnceShown(page.locator('.ant-message'), 'Đã gộp hai hồ sơ thành một.');

    const doses = await (await api.request('GET', `/persons/${kept}/doses`)).json();
    expect(
      doses.doses.map((d: { doseNumber: number; givenOn: string }) => [d.doseNumber, d.givenOn]),
    ).toEqual([
      [1, '2021-08-02'],
      [2, '2021-10-30'],
    ]);
    // The pair is verified now: it left the list of what is open.
    await row.waitFor({ state: 'detached' });

    const phone = await e2e.page('phone');
    await login(phone, station.username);
    await phone.goto('/vaccination/cleaning?status=merged');
    await textOnceShown(phone.getByTestId('cleaning-list'), 'Gopdoi');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  }, 120_000);
});
