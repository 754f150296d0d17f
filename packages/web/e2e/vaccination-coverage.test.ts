/**
 * Importing a vaccination list from the browser moves coverage (issue 9, points 2 and 3): a
 * district command centre uploads a small CSV (with its upload progress), reads the report of its
 * rows and the error report's link, and the coverage page of the district shows the imported
 * people's doses, exactly: the rates and counts of the district and of its communes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiResponse, chooseOption, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

const DISTRICT = '105'; // Thành phố Lai Châu
const AS_OF = '2022-08-31';

/** Two new adults (one with two doses), and a row whose dose number cannot be. */
const CSV = [
  'Họ và tên;Ngày sinh;Giới tính;Số CCCD/CMND;Mã xã;Mũi tiêm;Ngày tiêm;Tên vắc xin;Năm sinh',
  'Lò Thị Nhập;12/03/1990;Nữ;;03387;1;01/09/2021;Pfizer;1990',
  'Lò Thị Nhập;12/03/1990;Nữ;;03387;2;01/10/2021;Pfizer;1990',
  'Tòng Văn Mới;05/06/1988;Nam;;03386;1;15/09/2021;Pfizer;1988',
  'Lường Văn Sai;01/01/1980;Nam;;03386;7;15/09/2021;Pfizer;1980',
].join('\n');

describe.skipIf(!hasChromium)('Tiêm chủng: nhập danh sách từ giao diện, độ bao phủ thay đổi', () => {
  const e2e = useE2E();
  let centre: { username: string };

  beforeAll(async () => {
    centre = await e2e.account('command_center', DISTRICT);
    // Already in the registry, never vaccinated: the district starts at 0 of 1 adult.
    await e2e.pool.query(
      `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex)
       VALUES ('12', '03387', 'Lò Văn Sẵn', 'lo van san', '1985-04-04', 'male')`,
    );
  });

  async function coverage(page: import('playwright-core').Page, dose: number) {
    const loaded = apiResponse(page, 'GET', /^\/vaccination\/coverage$/);
    await page.goto(`/vaccination/coverage?asOf=${AS_OF}&dose=${dose}`);
    expect((await loaded).status()).toBe(200);
    await page.getByTestId('coverage-own').waitFor();
    const own = {
      rate: await page.getByTestId('coverage-own-rate').textContent(),
      count: await page.getByTestId('coverage-own-count').textContent(),
    };
    const child = async (code: string) =>
      (await page.locator(`[data-testid="coverage-children"] tr[data-unit="${code}"]`).textContent()) ?? '';
    return { own, tanPhong: await child('03387'), quyetThang: await child('03386') };
  }

  it('uploads a CSV with progress, reports its rows, and the coverage table shows the doses', async () => {
    const page = await e2e.page('desktop');
    await login(page, centre.username);

    const before = await coverage(page, 1);
    expect(before.own).toEqual({ rate: '0,0%', count: '0 / 1 người (dân số theo sổ dân cư)' });
    expect(before.tanPhong).toContain('0,0%');
    expect(before.quyetThang).toContain('—'); // nobody there yet

    await page.goto('/vaccination/import');
    // The guide lists the accepted columns and offers the template.
    await page.getByTestId('import-guide').waitFor();
    expect(await page.getByTestId('import-template').getAttribute('href')).toBe(
      '/api/v1/vaccination/import/template.xlsx',
    );
    await page.getByTestId('import-file').setInputFiles({
      name: 'tiem-chung.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${CSV}\n`),
    });
    // The request is held a moment so the progress can be seen. (Chromium fires no upload events
    // for an intercepted request, so what shows is the start of the sending stage.)
    await page.route('**/api/v1/vaccination/import', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    const uploaded = apiResponse(page, 'POST', /^\/vaccination\/import$/);
    await page.getByTestId('import-submit').click();
    const progress = await textOnceShown(page.getByTestId('import-progress'), 'Đang gửi tệp');
    expect(progress).toMatch(/\d+%/);
    // The cancel button is offered while the file is being sent.
    expect(await page.getByTestId('import-cancel').isVisible()).toBe(true);
    expect((await uploaded).status()).toBe(200);
    await page.unroute('**/api/v1/vaccination/import');

    const report = page.getByTestId('vaccination-import-report');
    await report.waitFor();
    const figure = async (key: string) =>
      (await report.locator(`[data-testid="import-${key}"] .ant-statistic-content`).textContent())?.trim();
    expect(await figure('rows')).toBe('4');
    expect(await figure('imported')).toBe('3');
    expect(await figure('unchanged')).toBe('0');
    expect(await figure('review')).toBe('0');
    expect(await figure('rejected')).toBe('1');
    expect(await report.getByTestId('import-more').textContent()).toContain(
      '2 người mới được tạo trong sổ dân cư',
    );
    expect(await report.getByTestId('import-ignored').textContent()).toContain(
      'Cột “Năm sinh” không được dùng',
    );
    expect(await report.getByTestId('import-recognised').textContent()).toContain('Mũi tiêm');
    const rejected = (await report.getByTestId('import-rejected').locator('tbody tr').textContent()) ?? '';
    expect(rejected).toContain('5'); // the file's row number (the header is row 1)
    expect(rejected).toContain('Mũi tiêm');
    expect(rejected).not.toMatch(/mui_tiem|dose_number/);
    const href = await report.getByTestId('import-error-report').getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/vaccination\/imports\/[0-9a-f-]{36}\/errors\.csv$/);
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(csv.split('\n').filter((line) => line.trim()).length).toBe(2); // header + the bad row

    // Dose 1: the district 2 of 3 adults; Tân Phong 1 of 2, Quyết Thắng 1 of 1.
    const dose1 = await coverage(page, 1);
    expect(dose1.own).toEqual({ rate: '66,7%', count: '2 / 3 người (dân số theo sổ dân cư)' });
    expect(dose1.tanPhong).toContain('50,0%');
    expect(dose1.tanPhong).toContain('1/2');
    expect(dose1.quyetThang).toContain('100,0%');
    expect(dose1.quyetThang).toContain('1/1');
    // Dose 2: 1 of 3, and the drop-out from dose 1 is 1 person.
    const dose2 = await coverage(page, 2);
    expect(dose2.own).toEqual({ rate: '33,3%', count: '1 / 3 người (dân số theo sổ dân cư)' });
    const ladder = (await page.getByTestId('coverage-doses').locator('tbody tr').nth(1).textContent()) ?? '';
    expect(ladder).toBe('Mũi 2133,3%1');
    expect(dose2.quyetThang).toContain('0,0%');

    // The same file again changes nothing.
    await page.goto('/vaccination/import');
    await page.getByTestId('import-file').setInputFiles({
      name: 'tiem-chung.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${CSV}\n`),
    });
    const again = apiResponse(page, 'POST', /^\/vaccination\/import$/);
    await page.getByTestId('import-submit').click();
    expect((await again).status()).toBe(200);
    await page.getByTestId('vaccination-import-report').waitFor();
    expect(await figure('imported')).toBe('0');
    expect(await figure('unchanged')).toBe('3');
    expect((await coverage(page, 1)).own.rate).toBe('66,7%');
  }, 120_000);

  it('drills from the district into a commune and back (phone)', async () => {
    const page = await e2e.page('phone');
    await login(page, centre.username);
    await page.goto(`/vaccination/coverage?asOf=${AS_OF}&dose=1`);
    await page.getByTestId('coverage-drill-03387').click();
    await page.waitForURL(/unit=03387/);
    await textOnceShown(page.getByTestId('coverage-own-count'), '1 / 2 người');
    expect(await page.getByTestId('coverage-own-rate').textContent()).toBe('50,0%');
    // A commune has no child units: no ranking; the way back up is the district.
    expect(await page.getByTestId('coverage-children').count()).toBe(0);
    await page.getByTestId('coverage-parents').getByText('Thành phố Lai Châu').click();
    await textOnceShown(page.getByTestId('coverage-own-count'), '2 / 3 người');
    // Nothing runs off a 390 px screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  }, 60_000);
  it('sets a target on the targets page; coverage then names the people still missing (desktop)', async () => {
    const page = await e2e.page('desktop');
    await login(page, centre.username);
    await page.goto(`/vaccination/coverage?asOf=${AS_OF}&dose=1`);
    await textOnceShown(page.getByTestId('coverage-own'), 'Chưa có chỉ tiêu cho nhóm và mũi này');
    await page.getByTestId('coverage-targets').click();
    await page.getByTestId('targets-page').waitFor();
    await page.getByTestId('target-new').click();
    await page.getByTestId('target-form').waitFor();
    await chooseOption(page, '#dose', 'Mũi 1');
    await page.locator('#targetRate').fill('90');
    await page.locator('#deadline').click();
    await page.locator('#deadline').fill('30/09/2022');
    await page.locator('#deadline').press('Enter');
    const saved = apiResponse(page, 'POST', /^\/vaccination\/targets$/);
    await page.getByTestId('target-form-submit').click();
    const answer = await saved;
    expect(answer.status()).toBe(201);
    expect(await answer.json()).toMatchObject({
      unitCode: DISTRICT,
      ageGroup: '18+',
      dose: 1,
      targetRate: 90,
    });
    const row = await textOnceShown(page.getByTestId('targets-table').locator('tbody tr'), '90,0%');
    expect(row).toContain('Thành phố Lai Châu');
    expect(row).toContain('30/09/2022');

    // 90% of 3 adults needs 3: 2 vaccinated, 1 missing; Tân Phong 1 of 2 needs 2; Quyết Thắng meets it.
    await page.goto(`/vaccination/coverage?asOf=${AS_OF}&dose=1`);
    const own = await textOnceShown(page.getByTestId('coverage-own'), 'Chỉ tiêu 90,0% trước ngày 30/09/2022');
    expect(own).toContain('còn thiếu 1 người');
    const child = (code: string) => page.locator(`[data-testid="coverage-children"] tr[data-unit="${code}"]`);
    expect(await child('03387').getByTestId('coverage-child-shortfall').textContent()).toBe('1');
    expect(await child('03387').locator('[data-standing]').getAttribute('data-standing')).toBe('below');
    expect(await child('03386').textContent()).toContain('Đạt');
    expect(await child('03386').locator('[data-standing]').getAttribute('data-standing')).toBe('met');
    // The sentence names the district's communes in descending order.
    const sentence = await textOnceShown(page.getByTestId('coverage-sentence-text'), 'đạt 66,7%');
    expect(sentence).toContain('Tỷ lệ người từ 18 tuổi trở lên được tiêm mũi 1');
    expect(sentence.indexOf('Quyết Thắng')).toBeGreaterThan(-1);
    expect(sentence.indexOf('Quyết Thắng')).toBeLessThan(sentence.indexOf('Tân Phong'));
  }, 90_000);
});
