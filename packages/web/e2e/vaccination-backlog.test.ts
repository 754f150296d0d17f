/**
 * The national-platform backlog from the browser (issue 9, points 6 and 7): a district command
 * centre on a phone sees its doses not yet on the platform, per commune and per site with the
 * oldest one's age, downloads them in the platform's template, uploads the platform's answer,
 * reads what became of each row, and sees the backlog shrink.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiResponse, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

const DISTRICT = '105'; // Thành phố Lai Châu
const HOSPITAL = 'Bệnh viện Đa khoa tỉnh';
const STATION = 'Trạm Y tế phường Tân Phong';

describe.skipIf(!hasChromium)('Tiêm chủng: mũi tiêm chưa đồng bộ lên Nền tảng', () => {
  const e2e = useE2E();
  let centre: { username: string };
  const dose: Record<string, string> = {};

  beforeAll(async () => {
    centre = await e2e.account('command_center', DISTRICT);
    // Tân Phong: Lò Thị Đồng with doses 1 (20/07/2021) and 2 (20/10/2021) at the ward's station;
    // Quyết Thắng: Tòng Văn Bộ with dose 1 (01/09/2021) at the hospital. None synced.
    const people = [
      ['Lò Thị Đồng', 'lo thi dong', '03387', '012190700001', 'female'],
      ['Tòng Văn Bộ', 'tong van bo', '03386', '012090700002', 'male'],
    ];
    const ids: string[] = [];
    for (const [name, folded, unit, cccd, sex] of people) {
      const { rows } = await e2e.pool.query(
        `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex, id_type, id_number)
         VALUES ('12', $1, $2, $3, '1990-01-01', $4, 'cccd', $5) RETURNING id`,
        [unit, name, folded, sex, cccd],
      );
      await e2e.pool.query(
        `INSERT INTO identity_numbers (id_number, person_id, province_code) VALUES ($1, $2, '12')`,
        [cccd, rows[0].id],
      );
      ids.push(rows[0].id);
    }
    const doses: [string, string, string, number, string, string][] = [
      ['dong1', ids[0], '03387', 1, '2021-07-20', STATION],
      ['dong2', ids[0], '03387', 2, '2021-10-20', STATION],
      ['bo1', ids[1], '03386', 1, '2021-09-01', HOSPITAL],
    ];
    for (const [key, person, unit, n, day, site] of doses) {
      const { rows } = await e2e.pool.query(
        `INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, given_on, site, source)
         VALUES ('12', $1, $2, $3, 'primary', 'pfizer', $4, $5, 'entry') RETURNING id`,
        [person, unit, n, day, site],
      );
      dose[key] = rows[0].id;
    }
  });

  it('counts, exports, takes the platform answer back and shrinks the backlog (phone)', async () => {
    const page = await e2e.page('phone');
    await login(page, centre.username);
    const loaded = apiResponse(page, 'GET', /^\/vaccination\/backlog$/);
    await page.goto('/vaccination/backlog');
    expect((await loaded).status()).toBe(200);
    await page.getByTestId('backlog-page').waitFor();
    const stat = async (id: string) =>
      (await page.locator(`[data-testid="${id}"] .ant-statistic-content`).textContent())?.trim();
    expect(await stat('backlog-total')).toBe('3');
    expect(await stat('backlog-oldest')).toBe('20/07/2021');
    expect(await stat('backlog-oldest-days')).toMatch(/^[0-9.]+ ngày$/);
    const unitRow = async (code: string) =>
      (await page.locator(`[data-testid="backlog-units"] tr[data-unit="${code}"]`).textContent()) ?? '';
    expect(await unitRow('03387')).toContain('Phường Tân Phong2');
    expect(await unitRow('03387')).toContain('tiêm ngày 20/07/2021');
    expect(await unitRow('03386')).toContain('tiêm ngày 01/09/2021');
    const sites = (await page.getByTestId('backlog-sites').locator('tbody').textContent()) ?? '';
    expect(sites).toContain(`${STATION}2`);
    expect(sites).toContain(`${HOSPITAL}1`);
    // Nothing runs off a 390 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The export: the three doses in the platform's template, oldest first, the reference hidden.
    const href = await page.getByTestId('backlog-export').getAttribute('href');
    expect(href).toBe(`/api/v1/vaccination/backlog/export.xlsx?unit=${DISTRICT}`);
    const bytes = await page.evaluate(async (url) => {
      const body = new Uint8Array(await (await fetch(url!)).arrayBuffer());
      return Array.from(body);
    }, href);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(17).value).toBe('Mã mũi tiêm');
    expect(sheet.getColumn(18).hidden).toBe(true);
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(18).value)).toEqual([
      dose.dong1,
      dose.bo1,
      dose.dong2,
    ]);
    expect(sheet.getRow(2).getCell(2).value).toBe('Lò Thị Đồng');

    // The platform's answer: Đồng's dose 1 by our reference, Tòng's by CCCD, dose and day; a code
    // that is not there.
    const answer = [
      'Mã mũi tiêm;Mã tham chiếu Tuyến Đầu;Số CCCD/CMND;Mũi tiêm;Ngày tiêm',
      `MT-0001;${dose.dong1};;;`,
      'MT-0002;;012090700002;1;01/09/2021',
      ';;012190700001;2;20/10/2021',
    ].join('\n');
    await page.getByTestId('backlog-import-file').setInputFiles({
      name: 'nen-tang.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${answer}\n`),
    });
    const uploaded = apiResponse(page, 'POST', /^\/vaccination\/backlog\/import$/);
    const reloaded = apiResponse(page, 'GET', /^\/vaccination\/backlog$/);
    await page.getByTestId('backlog-import-submit').click();
    expect((await uploaded).status()).toBe(200);
    const report = page.getByTestId('backlog-import-report');
    await report.waitFor();
    const figure = async (key: string) =>
      (
        await report.locator(`[data-testid="backlog-import-${key}"] .ant-statistic-content`).textContent()
      )?.trim();
    expect(await figure('rows')).toBe('3');
    expect(await figure('synced')).toBe('2');
    expect(await figure('alreadySynced')).toBe('0');
    expect(await figure('unmatched')).toBe('0');
    expect(await figure('rejected')).toBe('1');
    const rejected =
      (await report.getByTestId('backlog-import-rejected').locator('tbody tr').textContent()) ?? '';
    expect(rejected).toContain('4');
    expect(rejected).toContain('Mã mũi tiêm');
    expect(rejected).not.toMatch(/ma_mui_tiem/);

    // The backlog shrinks at once: Đồng's dose 2 is left.
    expect((await reloaded).status()).toBe(200);
    await textOnceShown(page.locator('[data-testid="backlog-total"] .ant-statistic-content'), '1');
    expect(await stat('backlog-oldest')).toBe('20/10/2021');
    expect(await unitRow('03386')).toContain('—');
    const { rows } = await e2e.pool.query(
      `SELECT national_id FROM vaccine_doses WHERE id = ANY($1) ORDER BY given_on`,
      [[dose.dong1, dose.bo1, dose.dong2]],
    );
    expect(rows.map((r) => r.national_id)).toEqual(['MT-0001', 'MT-0002', null]);
  });
});
