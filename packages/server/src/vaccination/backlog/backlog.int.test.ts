import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushReads } from '../../audit/audit.ts';
import { todayInVietnam } from '../../http/time.ts';
import { multipartFile } from '../../imports/multipart-body.ts';
import { type Client, createTestApp, type TestContext } from '../../test/harness.ts';
import { importPlatform } from './cli.ts';

/**
 * The national-platform backlog (issue 9 §6–7). Phường Tân Phong 03387 and Phường Quyết Thắng
 * 03386 are communes of TP Lai Châu (105); Thị trấn Tam Đường 03390 is in Huyện Tam Đường (106);
 * Phường Him Lam 03127 is in Điện Biên (11).
 *
 * The doses (unsynced unless said):
 *   A (03387): A1 10/08/2021 at Trạm Tân Phong; A2 02/11/2021 synced as MT-A2
 *   B (03387): B1 01/09/2021 at Bệnh viện tỉnh; B2 01/10/2021 superseded by B2c 05/10/2021 (no site)
 *   C (03386): C1 20/07/2021 at Bệnh viện tỉnh; C2 rejected by a reviewer
 *   D (03390): D1 15/06/2021 at Trạm Tam Đường
 *   E (03127): E1 01/05/2021 (another province)
 */
let t: TestContext;
let province: Client; // command_center of Lai Châu
let district: Client; // health_officer of TP Lai Châu (105)
let station: Client; // health_station of 03387
let viewer: Client; // viewer of 105: reads counts, may not export nor import

const HOSPITAL = 'Bệnh viện Đa khoa tỉnh';
const STATION = 'Trạm Y tế phường Tân Phong';
const TAM_DUONG = 'Trạm Y tế thị trấn Tam Đường';
const CCCD = {
  A: '012090500001',
  B: '012090500002',
  C: '012090500003',
  D: '012090500004',
  E: '011090500005',
};
const dose: Record<string, string> = {};

async function person(key: keyof typeof CCCD, unit: string, prov = '12'): Promise<string> {
  const { rows } = await t.pool.query(
    `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex, id_type, id_number, phone)
     VALUES ($1, $2, $3, lower(unaccent($3)), '1990-03-15', 'female', 'cccd', $4, '0912345678') RETURNING id`,
    [prov, unit, `Lò Thị ${key}`, CCCD[key]],
  );
  await t.pool.query(
    `INSERT INTO identity_numbers (id_number, person_id, province_code) VALUES ($1, $2, $3)`,
    [CCCD[key], rows[0].id, prov],
  );
  return rows[0].id;
}

async function addDose(
  name: string,
  personId: string,
  unit: string,
  n: number,
  givenOn: string,
  opts: { site?: string; nationalId?: string; review?: string; prov?: string; supersededBy?: string } = {},
) {
  const { rows } = await t.pool.query(
    `INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, given_on, site,
                                national_id, review_status, superseded_by, source)
     VALUES ($1, $2, $3, $4, 'primary', 'astrazeneca', $5, $6, $7, $8, $9, 'entry') RETURNING id`,
    [
      opts.prov ?? '12',
      personId,
      unit,
      n,
      givenOn,
      opts.site ?? null,
      opts.nationalId ?? null,
      opts.review ?? 'none',
      opts.supersededBy ?? null,
    ],
  );
  dose[name] = rows[0].id;
}

const days = (from: string) => Math.round((Date.parse(todayInVietnam()) - Date.parse(from)) / 86_400_000);

beforeAll(async () => {
  t = await createTestApp();
  province = await t.as('command_center', '12');
  district = await t.as('health_officer', '105');
  station = await t.as('health_station', '03387');
  viewer = await t.as('viewer', '105');
  const a = await person('A', '03387');
  const b = await person('B', '03387');
  const c = await person('C', '03386');
  const d = await person('D', '03390');
  const e = await person('E', '03127', '11');
  await addDose('A1', a, '03387', 1, '2021-08-10', { site: STATION });
  await addDose('A2', a, '03387', 2, '2021-11-02', { site: STATION, nationalId: 'MT-A2' });
  await addDose('B1', b, '03387', 1, '2021-09-01', { site: HOSPITAL });
  await addDose('B2c', b, '03387', 2, '2021-10-05');
  await addDose('B2', b, '03387', 2, '2021-10-01', { site: HOSPITAL, supersededBy: dose.B2c });
  await addDose('C1', c, '03386', 1, '2021-07-20', { site: HOSPITAL });
  await addDose('C2', c, '03386', 2, '2021-08-01', { site: HOSPITAL, review: 'rejected' });
  await addDose('D1', d, '03390', 1, '2021-06-15', { site: TAM_DUONG });
  await addDose('E1', e, '03127', 1, '2021-05-01', { prov: '11' });
});
afterAll(() => t.close());

const backlog = async (client: Client, unit?: string) => {
  const res = await client.get(`/api/v1/vaccination/backlog${unit ? `?unit=${unit}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

async function upload(client: Client, filename: string, content: string | Buffer) {
  const { payload, headers } = multipartFile(filename, content);
  return client.request({ method: 'POST', url: '/api/v1/vaccination/backlog/import', payload, headers });
}

const dosesSnapshot = async () =>
  (await t.pool.query(`SELECT id, national_id FROM vaccine_doses ORDER BY id`)).rows;

describe('GET /vaccination/backlog', () => {
  it('counts a province per district and per site, with the oldest dose and its age', async () => {
    const r = await backlog(province, '12');
    expect(r.unit).toMatchObject({ code: '12', level: 'province' });
    // A1, B1, B2c, C1, D1: A2 is synced, B2 superseded, C2 rejected, E1 in another province.
    expect(r.total).toEqual({ count: 5, oldest: '2021-06-15', oldestDays: days('2021-06-15') });
    expect(r.units).toHaveLength(8);
    expect(r.units.slice(0, 2)).toEqual([
      expect.objectContaining({
        code: '105',
        count: 4,
        oldest: '2021-07-20',
        oldestDays: days('2021-07-20'),
      }),
      expect.objectContaining({ code: '106', count: 1, oldest: '2021-06-15' }),
    ]);
    expect(r.units[2]).toMatchObject({ count: 0, oldest: null, oldestDays: null, hasChildren: true });
    expect(r.sites).toEqual([
      { site: HOSPITAL, count: 2, oldest: '2021-07-20', oldestDays: days('2021-07-20') },
      { site: null, count: 1, oldest: '2021-10-05', oldestDays: days('2021-10-05') },
      { site: STATION, count: 1, oldest: '2021-08-10', oldestDays: days('2021-08-10') },
      { site: TAM_DUONG, count: 1, oldest: '2021-06-15', oldestDays: days('2021-06-15') },
    ]);
    expect(r.sitesTotal).toBe(4);
  });

  it('counts a district per commune; a commune account sees its own commune', async () => {
    const r = await backlog(district);
    expect(r.unit.code).toBe('105');
    expect(r.total).toMatchObject({ count: 4, oldest: '2021-07-20' });
    expect(r.units.filter((u: { count: number }) => u.count > 0)).toEqual([
      expect.objectContaining({ code: '03387', name: 'Phường Tân Phong', count: 3, oldest: '2021-08-10' }),
      expect.objectContaining({ code: '03386', count: 1, oldest: '2021-07-20' }),
    ]);
    expect(r.parents.map((p: { code: string }) => p.code)).toEqual([]);
    const own = await backlog(station);
    expect(own.total).toMatchObject({ count: 3, oldest: '2021-08-10' });
    expect(own.units).toEqual([]);
    expect(own.parents).toEqual([]);
    const drilled = await backlog(province, '105');
    expect(drilled.parents.map((p: { code: string }) => p.code)).toEqual(['12']);
  });

  it('refuses a unit outside the jurisdiction, or unknown, naming the field', async () => {
    for (const unit of ['106', '12', '11', '99999']) {
      const res = await district.get(`/api/v1/vaccination/backlog?unit=${unit}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'unit_not_found', field: 'unit' });
    }
    expect((await t.client().get('/api/v1/vaccination/backlog')).statusCode).toBe(401);
  });
});

async function workbookOf(body: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book.worksheets[0];
}
const valuesOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('GET /vaccination/backlog/export.xlsx', () => {
  it("lists a unit's unsynced doses, oldest first, in the platform's template with a hidden reference", async () => {
    const res = await district.get('/api/v1/vaccination/backlog/export.xlsx?unit=105');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('mui-tiem-chua-dong-bo-105.xlsx');
    const sheet = await workbookOf(res.rawPayload);
    const rows = valuesOf(sheet);
    expect(rows[0]).toEqual([
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Giới tính',
      'Số CCCD/CMND',
      'Số điện thoại',
      'Tỉnh/Thành phố',
      'Quận/Huyện',
      'Xã/Phường',
      'Mã xã',
      'Địa chỉ',
      'Mũi tiêm',
      'Ngày tiêm',
      'Tên vắc xin',
      'Số lô',
      'Cơ sở tiêm',
      'Mã mũi tiêm',
      'Mã tham chiếu Tuyến Đầu',
    ]);
    expect(sheet.getColumn(18).hidden).toBe(true);
    expect(sheet.getColumn(17).hidden).toBe(false);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual([
      1,
      'Lò Thị C',
      '15/03/1990',
      'Nữ',
      CCCD.C,
      '0912345678',
      'Tỉnh Lai Châu',
      'Thành phố Lai Châu',
      'Phường Quyết Thắng',
      '03386',
      undefined,
      1,
      '20/07/2021',
      'AstraZeneca (Vaxzevria)',
      undefined,
      HOSPITAL,
      undefined,
      dose.C1,
    ]);
    expect(rows.slice(1).map((r) => r[17])).toEqual([dose.C1, dose.A1, dose.B1, dose.B2c]);
    expect(rows.slice(1).map((r) => r[12])).toEqual(['20/07/2021', '10/08/2021', '01/09/2021', '05/10/2021']);
  });

  it("exports one site's doses when asked, and is audited as an export of personal data", async () => {
    const res = await district.get(
      `/api/v1/vaccination/backlog/export.xlsx?unit=105&site=${encodeURIComponent(HOSPITAL)}`,
    );
    expect(res.statusCode).toBe(200);
    const rows = valuesOf(await workbookOf(res.rawPayload));
    expect(rows.slice(1).map((r) => r[17])).toEqual([dose.C1, dose.B1]);
    await flushReads(t.pool);
    const { rows: audit } = await t.pool.query(
      `SELECT action, unit_code, detail FROM audit_events WHERE entity = 'vaccine_dose' AND action = 'export'
        ORDER BY at DESC LIMIT 1`,
    );
    expect(audit[0]).toMatchObject({
      unit_code: '105',
      detail: { purpose: 'national_platform', unit: '105', site: HOSPITAL },
    });
  });

  it('refuses a unit outside the jurisdiction and a role without vaccination.manage', async () => {
    expect((await district.get('/api/v1/vaccination/backlog/export.xlsx?unit=106')).statusCode).toBe(404);
    expect((await viewer.get('/api/v1/vaccination/backlog/export.xlsx?unit=105')).statusCode).toBe(403);
    const long = await district.get(`/api/v1/vaccination/backlog/export.xlsx?site=${'x'.repeat(201)}`);
    expect(long.statusCode).toBe(400);
  });
});

const PLATFORM_HEADER = 'STT;Mã mũi tiêm;Mã tham chiếu Tuyến Đầu;Họ và tên;Số CCCD/CMND;Mũi tiêm;Ngày tiêm';
/** [code, reference, cccd, dose, day] per row; the row number of the i-th is i + 2. */
const platformCsv = (rows: string[][]) =>
  `\uFEFF${[PLATFORM_HEADER, ...rows.map(([code, ref, cccd, n, day], i) => [i + 1, code, ref, 'Lò Thị', cccd, n, day].join(';'))].join('\r\n')}`;

describe('POST /vaccination/backlog/import', () => {
  let file: string;
  let firstBatch: string;

  it('gives the doses the platform knows their code, and says what became of every row', async () => {
    file = platformCsv([
      ['MT-C1', dose.C1, '', '', ''], // 2: by reference → synced
      ['MT-A1', '', CCCD.A, '1', '10/08/2021'], // 3: by CCCD, dose and day → synced
      ['MT-A2', '', CCCD.A, 'Mũi 2', '2021-11-02'], // 4: has that code already
      ['MT-X', '', '012090599999', '1', '01/08/2021'], // 5: nobody we know → unmatched
      ['MT-A2', dose.B1, '', '', ''], // 6: the code of another dose
      ['MT-D1', dose.D1, '', '', ''], // 7: a dose of Tam Đường, outside
      ['MT-D1b', '', CCCD.D, '1', '15/06/2021'], // 8: a person of Tam Đường, outside
      ['', dose.B2c, '', '', ''], // 9: no code
      ['MT-B2', '', CCCD.B, '2', '01/10/2021'], // 10: B's dose 2 is of 05/10/2021
      ['MT-C1', dose.C1, '', '', ''], // 11: repeats row 2 → already
      ['MT-C1', '', CCCD.B, '1', '01/09/2021'], // 12: row 2's code for another dose
      ['MT-Z', 'khong-phai-ma', '', '', ''], // 13: not a reference
      ['MT-E1', dose.E1, '', '', ''], // 14: a dose of Điện Biên
      ['MT-B1', '', CCCD.B, '7', '01/09/2021'], // 15: dose 7
      ['MT-B1', '', CCCD.B, '1', '31/02/2021'], // 16: no such day
    ]);
    const res = await upload(district, 'nen-tang.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    firstBatch = r.batchId;
    expect(r).toMatchObject({ rows: 15, synced: 2, alreadySynced: 2, unmatched: 1, rejected: 10 });
    expect(r.rejectedRows.map((x: { row: number; field: string }) => [x.row, x.field])).toEqual([
      [6, 'ma_mui_tiem'],
      [7, 'ma_tham_chieu'],
      [8, 'so_cccd'],
      [9, 'ma_mui_tiem'],
      [10, 'ngay_tiem'],
      [12, 'ma_mui_tiem'],
      [13, 'ma_tham_chieu'],
      [14, 'ma_tham_chieu'],
      [15, 'mui_tiem'],
      [16, 'ngay_tiem'],
    ]);
    const byRow = new Map(r.rejectedRows.map((x: { row: number }) => [x.row, x]));
    expect(byRow.get(6)).toMatchObject({ label: 'Mã mũi tiêm', value: 'MT-A2' });
    expect(byRow.get(6)).toHaveProperty('message', 'Mã mũi tiêm này đã dùng cho một mũi tiêm khác');
    expect(byRow.get(7)).toHaveProperty(
      'message',
      'Không có mũi tiêm mang mã tham chiếu này trong địa bàn của bạn',
    );
    expect(byRow.get(10)).toHaveProperty('message', 'Mũi 2 của người này có ngày tiêm khác (05/10/2021)');
    expect(byRow.get(12)).toHaveProperty('message', 'Mã mũi tiêm trùng với dòng 2');
    expect(byRow.get(13)).toMatchObject({ label: 'Mã tham chiếu', value: 'khong-phai-ma' });
    const { rows } = await t.pool.query(`SELECT id, national_id FROM vaccine_doses WHERE id = ANY($1)`, [
      [dose.C1, dose.A1, dose.B1, dose.B2c, dose.D1, dose.E1],
    ]);
    const code = new Map(rows.map((x) => [x.id, x.national_id]));
    expect([dose.C1, dose.A1, dose.B1, dose.B2c, dose.D1, dose.E1].map((id) => code.get(id))).toEqual([
      'MT-C1',
      'MT-A1',
      null,
      null,
      null,
      null,
    ]);
  });

  it('shrinks the backlog by the doses synced', async () => {
    const r = await backlog(district);
    expect(r.total).toMatchObject({ count: 2, oldest: '2021-09-01' });
    expect(r.units.filter((u: { count: number }) => u.count > 0)).toEqual([
      expect.objectContaining({ code: '03387', count: 2, oldest: '2021-09-01' }),
    ]);
    expect((await backlog(province, '12')).total.count).toBe(3);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await dosesSnapshot();
    const res = await upload(district, 'nen-tang.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 15, synced: 0, alreadySynced: 4, unmatched: 1, rejected: 10 });
    expect(await dosesSnapshot()).toEqual(before);
  });

  it('writes the refused rows to a CSV report, for the importer only', async () => {
    const res = await district.get(`/api/v1/vaccination/backlog/imports/${firstBatch}/errors.csv`);
    expect(res.statusCode).toBe(200);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('Dòng,Cột,Giá trị,Lý do');
    expect(lines).toHaveLength(11);
    expect(lines[1]).toBe('6,Mã mũi tiêm,MT-A2,Mã mũi tiêm này đã dùng cho một mũi tiêm khác');
    expect(lines.find((l) => l.startsWith('13,'))).toContain('Mã tham chiếu,khong-phai-ma');
    const other = await t.as('health_officer', '105');
    expect((await other.get(`/api/v1/vaccination/backlog/imports/${firstBatch}/errors.csv`)).statusCode).toBe(
      404,
    );
  });

  it('takes back the export itself as XLSX, matched by the hidden reference', async () => {
    const res = await station.get('/api/v1/vaccination/backlog/export.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    // The platform's answer: the code filled in on the first row (B1), the second row left empty.
    expect(sheet.getRow(2).getCell(18).value).toBe(dose.B1);
    sheet.getRow(2).getCell(17).value = 'MT-B1';
    const answer = Buffer.from(await book.xlsx.writeBuffer());
    const imported = await upload(station, 'tra-ve.xlsx', answer);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({
      rows: 2,
      synced: 1,
      alreadySynced: 0,
      unmatched: 0,
      rejected: 1,
    });
    expect(imported.json().rejectedRows[0]).toMatchObject({
      row: 3,
      field: 'ma_mui_tiem',
      message: 'Thiếu mã mũi tiêm',
    });
    expect((await backlog(station)).total).toMatchObject({ count: 1, oldest: '2021-10-05' });
  });

  it('refuses a file that is not a table, or lacks the code column, with one message and writes nothing', async () => {
    const before = await dosesSnapshot();
    const batches = (await t.pool.query('SELECT count(*)::int AS n FROM import_batches')).rows[0].n;
    const notTable = await upload(
      district,
      'anh.xlsx',
      Buffer.from('PK\u0003\u0004 không phải một bảng tính'),
    );
    expect(notTable.statusCode).toBe(400);
    expect(notTable.json().error.field).toBe('file');
    const noCode = await upload(
      district,
      'thieu.csv',
      'Số CCCD/CMND,Mũi tiêm,Ngày tiêm\n012090500002,2,05/10/2021\n',
    );
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().error).toMatchObject({ code: 'missing_columns', field: 'file' });
    expect(noCode.json().error.message).toContain('"Mã mũi tiêm"');
    expect(await dosesSnapshot()).toEqual(before);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM import_batches')).rows[0].n).toBe(batches);
  });

  it('refuses a file wholly about doses of other places, recording nothing', async () => {
    const before = await dosesSnapshot();
    const res = await upload(district, 'tam-duong.csv', platformCsv([['MT-D1', dose.D1, '', '', '']]));
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'outside_jurisdiction', field: 'file' });
    expect(await dosesSnapshot()).toEqual(before);
  });

  it('refuses a role without vaccination.manage, and a request without a file', async () => {
    expect((await upload(viewer, 'nen-tang.csv', file)).statusCode).toBe(403);
    const bare = await district.post('/api/v1/vaccination/backlog/import', {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.field).toBe('file');
  });
});

describe('coverage rows after updates of doses (migration 0012)', () => {
  it('follow a corrected day and a rejection, and stay as they were when only codes change', async () => {
    const status = async () =>
      (
        await t.pool.query(
          `SELECT s.d1, s.d2 FROM vaccination_status s JOIN vaccine_doses v ON v.person_id = s.person_id
            WHERE v.id = $1`,
          [dose.A1],
        )
      ).rows[0];
    expect(await status()).toEqual({ d1: '2021-08-10', d2: '2021-11-02' });
    await t.pool.query(
      `UPDATE vaccine_doses SET national_id = 'MT-A1-MOI', lot = 'L1', site = 'Khác' WHERE id = $1`,
      [dose.A1],
    );
    expect(await status()).toEqual({ d1: '2021-08-10', d2: '2021-11-02' });
    await t.pool.query(`UPDATE vaccine_doses SET given_on = '2021-08-12' WHERE id = $1`, [dose.A1]);
    expect(await status()).toEqual({ d1: '2021-08-12', d2: '2021-11-02' });
    await t.pool.query(`UPDATE vaccine_doses SET review_status = 'rejected' WHERE id = $1`, [dose.A2]);
    expect(await status()).toEqual({ d1: '2021-08-12', d2: null });
  });
});

describe('npm run cli -- import platform FILE', () => {
  it('prints what became of the rows, writes the refused rows beside the file, exits 0', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nen-tang-'));
    const file = path.join(dir, 'nen-tang.csv');
    await writeFile(
      file,
      platformCsv([
        ['MT-B2C', dose.B2c, '', '', ''],
        ['MT-Y', '', '12345', '1', '01/08/2021'],
      ]),
    );
    const { rows } = await t.pool.query(
      `SELECT username FROM accounts WHERE role = 'health_officer' AND unit_code = '105' ORDER BY created_at LIMIT 1`,
    );
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await importPlatform(t.pool, file, rows[0].username)).toBe(0);
      const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(printed).toMatch(/Số dòng đọc được: +2/);
      expect(printed).toMatch(/Đã ghi mã mũi tiêm: +1/);
      expect(printed).toMatch(/Bị từ chối: +1/);
      expect(printed).toContain(path.join(dir, 'nen-tang.loi.csv'));
    } finally {
      log.mockRestore();
    }
    const report = (await readFile(path.join(dir, 'nen-tang.loi.csv'), 'utf8')).replace(/^\uFEFF/, '');
    expect(report.trim().split('\n')).toEqual([
      'Dòng,Cột,Giá trị,Lý do',
      '3,Số CCCD/CMND,12345,"Số CCCD/CMND không hợp lệ (CCCD 12 chữ số, CMND 9 hoặc 12 chữ số, hộ chiếu một chữ cái và 7–8 chữ số)"',
    ]);
    expect(
      (await t.pool.query(`SELECT national_id FROM vaccine_doses WHERE id = $1`, [dose.B2c])).rows[0],
    ).toEqual({
      national_id: 'MT-B2C',
    });
  });

  it('exits 1, saying why, for a missing file or an unknown account', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await importPlatform(t.pool, '/khong/co/tep.csv', 'admin')).toBe(1);
      expect(await importPlatform(t.pool, '/khong/co/tep.csv', 'khong-co-ai')).toBe(1);
      expect(error.mock.calls.map((c) => String(c[0]))).toEqual([
        'Không đọc được tệp /khong/co/tep.csv',
        'Không có tài khoản "khong-co-ai" đang hoạt động: chọn tài khoản bằng --as <tên đăng nhập>',
      ]);
    } finally {
      error.mockRestore();
    }
  });
});
