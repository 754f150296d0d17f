/**
 * What the records say to people: the audit log as sentences with links to its records, and the
 * import page that lists the columns it accepts and says which columns of a file it did not use.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Api, apiResponse, hasChromium, login, textOnceShown, useE2E } from './harness.ts';

const COMMUNE = '03387';

describe.skipIf(!hasChromium)('Nhật ký hệ thống và nhập tệp', () => {
  const e2e = useE2E();
  let station: { username: string };
  let personId: string;

  beforeAll(async () => {
    station = await e2e.account('health_station', COMMUNE);
    const { api } = await Api.login(e2e.baseUrl, station.username);
    const res = await api!.request('POST', '/persons', {
      fullName: 'Lò Văn Nhật',
      birthDate: '1980-02-03',
      sex: 'male',
      unitCode: COMMUNE,
    });
    expect(res.status).toBe(201);
    personId = (await res.json()).id;
    expect((await api!.request('GET', `/persons/${personId}`)).status).toBe(200);
    expect((await api!.request('GET', '/tests?limit=20')).status).toBe(200);
  });

  it('the audit log reads as sentences, each record a link, no code shown (desktop)', async () => {
    const admin = await e2e.account('admin', '12');
    const page = await e2e.page('desktop');
    await login(page, admin.username);
    await page.goto('/audit');
    const sentences = page.getByTestId('audit-sentence');
    await textOnceShown(sentences, 'xem hồ sơ Lò Văn Nhật');
    const all = (await sentences.allTextContents()).join('\n');
    expect(all).toContain(`${station.username} xem hồ sơ Lò Văn Nhật`);
    expect(all).toContain(`${station.username} thêm hồ sơ Lò Văn Nhật`);
    expect(all).toContain(`${station.username} xem danh sách xét nghiệm (0 dòng)`);
    expect(all).toContain(`${station.username} đăng nhập`);
    for (const code of ['read', 'list', 'lab_test', 'person', '{"count"', personId]) {
      expect(all).not.toContain(code);
    }

    const filtered = apiResponse(page, 'GET', /^\/audit$/, { action: 'read' });
    await page.getByTestId('audit-action').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .getByText('Xem', { exact: true })
      .click();
    await page.getByTestId('audit-filters').getByRole('button', { name: 'Lọc', exact: true }).click();
    expect((await filtered).status()).toBe(200);

    await sentences
      .filter({ hasText: 'xem hồ sơ Lò Văn Nhật' })
      .first()
      .getByRole('link', { name: 'Lò Văn Nhật' })
      .click();
    await page.waitForURL(`**/persons/${personId}`);
  }, 60_000);

  it('the import page lists the accepted columns, offers the template, and names the columns it ignored (phone)', async () => {
    const page = await e2e.page('phone');
    await login(page, station.username);
    await page.goto('/tests/import');
    const template = page.getByTestId('import-template');
    expect(await template.getAttribute('href')).toBe('/api/v1/tests/import/template.xlsx');
    await page.getByText('Các cột được chấp nhận').click();
    const columns = page.getByTestId('import-columns');
    const cccd = await textOnceShown(columns.getByTestId('import-column-idNumber'), 'Số CCCD/CMND');
    expect(cccd).toContain('Số CMND');
    expect(await columns.getByTestId('import-column-sampledAt').textContent()).toContain('Bắt buộc');

    await page.getByTestId('import-file').setInputFiles({
      name: 'ket-qua.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Họ và tên,Năm sinh,Ngày lấy mẫu,Kết quả\nLò Văn Nhật,1980,15/08/2021,Âm tính\n'),
    });
    const uploaded = apiResponse(page, 'POST', /^\/tests\/import$/);
    await page.getByTestId('import-submit').click();
    expect((await uploaded).status()).toBe(400);
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await page.getByTestId('import-ignored').textContent()).toContain(
      'Cột “Năm sinh” không được dùng',
    );
    const missing = (await page.getByTestId('import-missing').textContent()) ?? '';
    expect(missing).toContain('Tệp thiếu: “Số CCCD/CMND”, “Ngày sinh”, “Xã/phường”');
    const rejected = (await page.getByTestId('import-report').locator('.ant-table').textContent()) ?? '';
    expect(rejected).toContain('Số CCCD/CMND');
    expect(rejected).not.toContain('idNumber');
  }, 60_000);
});
