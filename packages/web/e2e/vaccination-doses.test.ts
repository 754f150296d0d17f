/**
 * Recording doses on a person's page (issue 9, point 1): a commune health station on a phone
 * records the next dose, sees it listed with the reason it waits for review, and corrects it; a
 * reviewer on a desktop rejects a flagged dose from the review page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, apiResponse, chooseOption, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

const COMMUNE = '03387';

describe.skipIf(!hasChromium)('Tiêm chủng: ghi mũi tiêm, sửa, duyệt', () => {
  const e2e = useE2E();
  let station: { username: string };
  let api: Api;

  async function newPerson(fullName: string, birthDate: string): Promise<string> {
    const res = await api.request('POST', '/persons', {
      fullName,
      birthDate,
      sex: 'female',
      unitCode: COMMUNE,
    });
    expect(res.status).toBe(201);
    return (await res.json()).id;
  }

  beforeAll(async () => {
    station = await e2e.account('health_station', COMMUNE);
    api = (await Api.login(e2e.baseUrl, station.username)).api!;
  });

  it('records the next dose on the person page, sees why it waits for review, and corrects it (phone)', async () => {
    const personId = await newPerson('Lò Thị Tiêm', '1990-01-01');
    const first = await api.request('POST', `/persons/${personId}/doses`, {
      doseNumber: 1,
      product: 'astrazeneca',
      givenOn: '2021-08-02',
      site: 'Trạm Y tế phường Tân Phong',
    });
    expect(first.status).toBe(201);

    const page = await e2e.page('phone');
    await login(page, station.username);
    await page.goto(`/persons/${personId}`);
    const section = page.getByTestId('person-doses');
    await textOnceShown(section.getByTestId('dose-line'), 'Mũi 1 · AstraZeneca (Vaxzevria) · 02/08/2021');
    expect(await section.getByTestId('dose-line').first().textContent()).toContain('Chưa đồng bộ');

    // The form suggests dose 2 with the same vaccine and site.
    await section.getByTestId('dose-record').click();
    const form = page.getByTestId('dose-form');
    await form.waitFor();
    expect(await form.getByTestId('dose-number').textContent()).toContain('Mũi 2');
    expect(await form.getByTestId('dose-product').textContent()).toContain('AstraZeneca (Vaxzevria)');
    expect(await page.locator('#site').inputValue()).toBe('Trạm Y tế phường Tân Phong');
    // Three days after the first: sooner than AstraZeneca's 28 days.
    await page.locator('#givenOn').click();
    await page.locator('#givenOn').fill('05/08/2021');
    await page.locator('#givenOn').press('Enter');
    await page.locator('#lot').fill('NJ0342');
    const saved = apiResponse(page, 'POST', /^\/persons\/[^/]+\/doses$/);
    await page.getByTestId('dose-submit').click();
    expect((await saved).status()).toBe(201);
    await form.waitFor({ state: 'detached' });

    const second = section.getByTestId('dose-line').filter({ hasText: 'Mũi 2' });
    await textOnceShown(second, 'Chờ duyệt');
    const text = (await second.textContent()) ?? '';
    expect(text).toContain('Mũi 2 · AstraZeneca (Vaxzevria) · 05/08/2021');
    expect(text).toContain('lô NJ0342');
    expect(text).toContain(
      'Mũi 2 sớm hơn khoảng cách tối thiểu 28 ngày của AstraZeneca (Vaxzevria) (sớm nhất 30/08/2021)',
    );
    expect(text).not.toMatch(/interval_too_short|pending/);

    // The date was mistyped: corrected, it is clean and the old record stays as history.
    await second.getByTestId('dose-correct').click();
    await form.waitFor();
    await page.locator('#givenOn').click();
    await page.locator('#givenOn').fill('02/09/2021');
    await page.locator('#givenOn').press('Enter');
    await page.locator('#reason').fill('Nhập nhầm ngày tiêm theo sổ');
    const corrected = apiResponse(page, 'POST', /^\/doses\/[^/]+\/correct$/);
    await page.getByTestId('dose-submit').click();
    expect((await corrected).status()).toBe(201);
    await textOnceShown(section.getByTestId('dose-line'), '02/09/2021');
    const fixed = section.getByTestId('dose-line').filter({ hasText: 'Mũi 2' });
    expect(await fixed.textContent()).not.toContain('Chờ duyệt');
    await section.getByText('Lịch sử sửa (1 bản cũ)').click();
    const history = await textOnceShown(
      section.getByTestId('dose-superseded'),
      'Nhập nhầm ngày tiêm theo sổ',
    );
    expect(history).toContain('Đã được thay bằng mũi 2 ngày 02/09/2021');
    // Nothing spills sideways on the phone.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  }, 90_000);

  it('the form offers only the dose numbers still free, and records with another vaccine (phone)', async () => {
    const personId = await newPerson('Lò Thị Trùng', '1985-05-05');
    await api.request('POST', `/persons/${personId}/doses`, {
      doseNumber: 1,
      product: 'pfizer',
      givenOn: '2021-09-01',
    });
    const page = await e2e.page('phone');
    await login(page, station.username);
    await page.goto(`/persons/${personId}`);
    await page.getByTestId('dose-record').click();
    // Dose 1 is taken: the form cannot offer it.
    await page.getByTestId('dose-number').click();
    const taken = page.locator('.ant-select-dropdown:visible .ant-select-item-option-disabled');
    expect(await textOnceShown(taken, 'Mũi 1')).toContain('Mũi 1');
    await page.keyboard.press('Escape');
    await chooseOption(page, '#product', 'Moderna (Spikevax)');
    const submitted = apiResponse(page, 'POST', /^\/persons\/[^/]+\/doses$/);
    await page.getByTestId('dose-submit').click();
    expect((await submitted).status()).toBe(201);
    await textOnceShown(page.getByTestId('dose-line'), 'Moderna (Spikevax)');
  }, 60_000);

  it('a reviewer rejects a flagged dose from the review page, saying why (desktop)', async () => {
    const child = await newPerson('Lò Thị Nhỏ', '2015-03-03');
    const flagged = await api.request('POST', `/persons/${child}/doses`, {
      doseNumber: 1,
      product: 'pfizer',
      givenOn: '2021-09-01',
    });
    expect(flagged.status).toBe(201);
    const page = await e2e.page('desktop');
    await login(page, station.username);
    await page.getByTestId('nav-menu').getByText('Duyệt mũi tiêm').click();
    await page.waitForURL('**/vaccination/reviews');
    const list = page.getByTestId('review-list');
    const row = list.locator('tr').filter({ hasText: 'Lò Thị Nhỏ' });
    const text = await textOnceShown(row, 'Người 6 tuổi chưa thuộc diện tiêm');
    expect(text).toContain('Mũi 1 · Pfizer-BioNTech (Comirnaty) · 01/09/2021');
    await row.getByTestId('review-reject').click();
    await page.getByTestId('review-note').fill('Trẻ 6 tuổi, ghi nhầm người');
    const reviewed = apiResponse(page, 'POST', /^\/doses\/[^/]+\/review$/);
    await page.getByTestId('review-reject-submit').click();
    expect((await reviewed).status()).toBe(200);
    await row.waitFor({ state: 'detached' });

    await page.goto(`/persons/${child}`);
    const line = page.getByTestId('dose-line');
    expect(await textOnceShown(line, 'Đã loại')).toContain('Trẻ 6 tuổi, ghi nhầm người');
  }, 60_000);
});
