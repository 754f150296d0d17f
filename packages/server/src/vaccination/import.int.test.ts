import { checkDose, type DoseFacts } from '@tuyendau/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../imports/multipart-body.ts';
import { rowCount } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * Importing vaccination lists (issue 9, point 2). Phường Tân Phong 03387 and Phường Quyết Thắng
 * 03386 are communes of TP Lai Châu (105); Thị trấn Tam Đường 03390 is in Huyện Tam Đường (106).
 */
let t: TestContext;
let district: Client; // health_officer of TP Lai Châu: imports for 03386 and 03387
let station: Client; // health_station of 03387
let team: Client; // community_team of 03387: records doses, may not import
let viewer: Client;

beforeAll(async () => {
  t = await createTestApp();
  district = await t.as('health_officer', '105');
  station = await t.as('health_station', '03387');
  team = await t.as('community_team', '03387');
  viewer = await t.as('viewer', '105');
});
afterAll(() => t.close());

const HEADER =
  'ho_ten,ngay_sinh,gioi_tinh,so_cccd,so_dien_thoai,ma_xa,dia_chi,mui_tiem,ngay_tiem,ten_vac_xin,so_lo,co_so_tiem,ma_mui_tiem';

let serial = 0;
/** A name of letters only, different each time. */
function uniqueName(prefix = 'Lò Văn'): string {
  let word = '';
  for (let k = ++serial + 700; k > 0; k = Math.floor(k / 26))
    word = String.fromCharCode(97 + (k % 26)) + word;
  return `${prefix} ${word[0].toUpperCase()}${word.slice(1)}`;
}
let cccdSerial = 0;
/** A CCCD of a man born in the 1900s in Lai Châu: 012 0 yy nnnnnn. */
const newCccd = (year = 90) =>
  `0120${String(year).padStart(2, '0')}${String(++cccdSerial + 400000).padStart(6, '0')}`;

/** Registers a person straight in the database (the import's matching is what is tested). */
async function registered(p: {
  name: string;
  birth: string;
  unit?: string;
  cccd?: string | null;
  sex?: string;
}): Promise<string> {
  const { rows } = await t.pool.query(
    `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex, id_type, id_number)
     VALUES ('12', $1, $2, lower(unaccent($2)), $3, $4, CASE WHEN $5::text IS NOT NULL THEN 'cccd' END, $5) RETURNING id`,
    [p.unit ?? '03387', p.name, p.birth, p.sex ?? 'male', p.cccd ?? null],
  );
  if (p.cccd) {
    await t.pool.query(
      `INSERT INTO identity_numbers (id_number, person_id, province_code) VALUES ($1, $2, '12')`,
      [p.cccd, rows[0].id],
    );
  }
  return rows[0].id;
}

type Row = Partial<
  Record<
    | 'ho_ten'
    | 'ngay_sinh'
    | 'gioi_tinh'
    | 'so_cccd'
    | 'so_dien_thoai'
    | 'ma_xa'
    | 'dia_chi'
    | 'mui_tiem'
    | 'ngay_tiem'
    | 'ten_vac_xin'
    | 'so_lo'
    | 'co_so_tiem'
    | 'ma_mui_tiem',
    string
  >
>;
const COLUMNS = HEADER.split(',') as (keyof Row)[];
const csvOf = (rows: Row[], sep = ',', header = HEADER) =>
  [header.split(',').join(sep), ...rows.map((r) => COLUMNS.map((c) => r[c] ?? '').join(sep))].join('\r\n');

async function upload(client: Client, filename: string, content: string | Buffer) {
  const { payload, headers } = multipartFile(filename, content);
  return client.request({ method: 'POST', url: '/api/v1/vaccination/import', payload, headers });
}
async function imported(client: Client, content: string | Buffer, filename = 'tiem.csv') {
  const res = await upload(client, filename, content);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const dosesOf = async (personId: string) =>
  (
    await t.pool.query(
      `SELECT dose_number, given_on::text, product, kind, flags, review_status, national_id, source, unit_code, lot, site
         FROM vaccine_doses WHERE person_id = $1 ORDER BY dose_number`,
      [personId],
    )
  ).rows;

describe('reading the file', () => {
  it('reads Vietnamese headers in any case and accents, a BOM and `;`, and matches by CCCD', async () => {
    const cccd = newCccd();
    const name = uniqueName();
    const id = await registered({ name, birth: '1990-03-15', cccd });
    const header =
      'HỌ VÀ TÊN;Ngày sinh;Giới tính;Số CCCD/CMND;Số điện thoại;Mã xã;Địa chỉ;Mũi tiêm;Ngày tiêm;Tên vắc xin;Số lô;Cơ sở tiêm;Mã mũi tiêm';
    const file = `\uFEFF${header}\r\n${name.toUpperCase()};15/03/1990;Nam;${cccd};0912 345 678;03387;Tổ 5;Mũi 1;02/08/2021;AZ;NJ0342;Trạm Y tế Tân Phong;VN-1\r\n${name};1990-03-15;Nam;${cccd};;3387;;2;2021-10-01;Vaxzevria;;;\r\n`;
    const report = await imported(district, file);
    expect(report).toMatchObject({
      rows: 2,
      imported: 2,
      unchanged: 0,
      rejected: 0,
      review: 0,
      personsCreated: 0,
    });
    expect(report.columns.recognised.map((c: { column: string }) => c.column)).toContain('mui_tiem');
    expect(await dosesOf(id)).toMatchObject([
      {
        dose_number: 1,
        given_on: '2021-08-02',
        product: 'astrazeneca',
        kind: 'primary',
        flags: [],
        review_status: 'none',
        national_id: 'VN-1',
        source: 'import',
        unit_code: '03387',
        lot: 'NJ0342',
        site: 'Trạm Y tế Tân Phong',
      },
      { dose_number: 2, given_on: '2021-10-01', national_id: null },
    ]);
  });

  it('reads an XLSX file, its dates typed as dates or as text', async () => {
    const cccd = newCccd(85);
    const name = uniqueName();
    const id = await registered({ name, birth: '1985-06-01', cccd });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Danh sách');
    sheet.addRow(['DANH SÁCH NGƯỜI ĐƯỢC TIÊM VẮC XIN COVID-19']);
    sheet.addRow(['Họ tên', 'Ngày sinh', 'Số CCCD', 'Mã xã', 'Mũi', 'Ngày tiêm', 'Vắc xin']);
    sheet.addRow([
      name,
      new Date(Date.UTC(1985, 5, 1)),
      cccd,
      '03387',
      1,
      new Date(Date.UTC(2021, 8, 10)),
      'Pfizer',
    ]);
    sheet.addRow([name, '01/06/1985', cccd, '03387', 2, '01/10/2021', 'Comirnaty']);
    const report = await imported(district, Buffer.from(await book.xlsx.writeBuffer()), 'tiem.xlsx');
    expect(report).toMatchObject({ rows: 2, imported: 2, rejected: 0 });
    expect(await dosesOf(id)).toMatchObject([
      { dose_number: 1, given_on: '2021-09-10', product: 'pfizer' },
      { dose_number: 2, given_on: '2021-10-01', product: 'pfizer' },
    ]);
  });

  it('refuses a file that is not a table with one message, and writes nothing', async () => {
    const before = await rowCount(t.pool, 'import_batches');
    const res = await upload(
      district,
      'ghi-chu.csv',
      'Kính gửi Sở Y tế,\nbáo cáo tình hình tiêm chủng tuần này.\n',
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'missing_columns', field: 'file' });
    expect(res.json().error.message).toContain('Họ và tên');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x81]);
    const binary = await upload(district, 'anh.csv', png);
    expect(binary.statusCode, binary.body).toBe(400);
    expect(await rowCount(t.pool, 'import_batches')).toBe(before);
  });
});

describe('bad rows', () => {
  it('refuses each bad row with its row number and column, and imports the good ones', async () => {
    const cccd = newCccd();
    const name = uniqueName();
    const id = await registered({ name, birth: '1990-01-01', cccd });
    const good: Row = {
      ho_ten: name,
      ngay_sinh: '01/01/1990',
      so_cccd: cccd,
      ma_xa: '03387',
      ten_vac_xin: 'AZ',
    };
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const rows: Row[] = [
      { ...good, mui_tiem: '1', ngay_tiem: '02/08/2021' }, // row 2: good
      { ...good, mui_tiem: '2', ngay_tiem: '31/02/2021' }, // 3: impossible date
      { ...good, ma_xa: '99999', mui_tiem: '2', ngay_tiem: '01/10/2021' }, // 4: unknown commune
      { ...good, mui_tiem: '7', ngay_tiem: '01/10/2021' }, // 5: dose 7
      { ...good, ho_ten: '', mui_tiem: '2', ngay_tiem: '01/10/2021' }, // 6: no name
      { ...good, mui_tiem: '2', ngay_tiem: tomorrow }, // 7: in the future
      { ...good, ma_xa: '03390', mui_tiem: '2', ngay_tiem: '01/10/2021' }, // 8: outside TP Lai Châu
      { ...good, ten_vac_xin: 'Nước muối', mui_tiem: '2', ngay_tiem: '01/10/2021' }, // 9: unknown vaccine
      { ...good, mui_tiem: '2', ngay_tiem: '01/10/2021' }, // 10: good
    ];
    const report = await imported(district, csvOf(rows));
    expect(report).toMatchObject({ rows: 9, imported: 2, rejected: 7, unchanged: 0, review: 0 });
    expect(report.rejectedRows.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
      [3, 'ngay_tiem'],
      [4, 'ma_xa'],
      [5, 'mui_tiem'],
      [6, 'ho_ten'],
      [7, 'ngay_tiem'],
      [8, 'ma_xa'],
      [9, 'ten_vac_xin'],
    ]);
    expect(report.rejectedRows[2]).toMatchObject({ label: 'Mũi tiêm', value: '7' });
    expect(report.rejectedRows[4].message).toContain('sau ngày hôm nay');
    expect(report.rejectedRows[5].message).toContain('ngoài địa bàn');
    expect((await dosesOf(id)).map((d) => d.dose_number)).toEqual([1, 2]);

    // The whole report, as a CSV for Excel.
    const csv = await district.get(`/api/v1/vaccination/imports/${report.batchId}/errors.csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('Dòng,Cột,Giá trị,Lý do');
    expect(lines).toHaveLength(8);
    expect(lines[3]).toMatch(/^5,Mũi tiêm,7,/);
    // Another account's import is not found.
    expect((await station.get(`/api/v1/vaccination/imports/${report.batchId}/errors.csv`)).statusCode).toBe(
      404,
    );
  });

  it('refuses a dose number already recorded with another day, and a row contradicting an earlier one', async () => {
    const cccd = newCccd();
    const name = uniqueName();
    const id = await registered({ name, birth: '1990-01-01', cccd });
    const row: Row = {
      ho_ten: name,
      ngay_sinh: '01/01/1990',
      so_cccd: cccd,
      ma_xa: '03387',
      ten_vac_xin: 'AZ',
    };
    await imported(district, csvOf([{ ...row, mui_tiem: '1', ngay_tiem: '02/08/2021' }]));
    const report = await imported(
      district,
      csvOf([
        { ...row, mui_tiem: '1', ngay_tiem: '03/08/2021' },
        { ...row, mui_tiem: '2', ngay_tiem: '01/10/2021' },
        { ...row, mui_tiem: '2', ngay_tiem: '01/10/2021' },
        { ...row, mui_tiem: '2', ngay_tiem: '05/10/2021' },
      ]),
    );
    expect(report).toMatchObject({ rows: 4, imported: 1, unchanged: 1, rejected: 2 });
    expect(report.rejectedRows[0]).toMatchObject({ row: 2, field: 'mui_tiem' });
    expect(report.rejectedRows[0].message).toBe('Mũi 1 đã có với ngày khác (02/08/2021, astrazeneca)');
    expect(report.rejectedRows[1]).toMatchObject({ row: 5, field: 'mui_tiem' });
    expect(report.rejectedRows[1].message).toContain('dòng 3');
    expect((await dosesOf(id)).map((d) => [d.dose_number, d.given_on])).toEqual([
      [1, '2021-08-02'],
      [2, '2021-10-01'],
    ]);
  });
});

describe('matching people', () => {
  it('matches by folded name, birth date and commune when the row has no CCCD', async () => {
    const name = uniqueName('Nguyễn Thị');
    const id = await registered({ name, birth: '1970-12-31', sex: 'female' });
    const folded = `  ${name.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace('đ', 'd')}  `;
    const report = await imported(
      district,
      csvOf([
        {
          ho_ten: folded.replace(' ', '   '),
          ngay_sinh: '31/12/1970',
          ma_xa: '03387',
          mui_tiem: '1',
          ngay_tiem: '05/09/2021',
          ten_vac_xin: 'Vero Cell',
        },
      ]),
    );
    expect(report).toMatchObject({ imported: 1, personsCreated: 0, review: 0 });
    expect(await dosesOf(id)).toMatchObject([{ dose_number: 1, product: 'sinopharm' }]);
  });

  it('keeps two people with the same name and birth date in different communes apart', async () => {
    const name = uniqueName();
    const inTanPhong = await registered({ name, birth: '1988-08-08' });
    const report = await imported(
      district,
      csvOf([
        {
          ho_ten: name,
          ngay_sinh: '08/08/1988',
          gioi_tinh: 'Nam',
          ma_xa: '03386',
          dia_chi: 'Tổ 2',
          mui_tiem: '1',
          ngay_tiem: '01/09/2021',
          ten_vac_xin: 'AZ',
        },
        {
          ho_ten: name,
          ngay_sinh: '08/08/1988',
          gioi_tinh: 'Nam',
          ma_xa: '03386',
          mui_tiem: '2',
          ngay_tiem: '01/11/2021',
          ten_vac_xin: 'AZ',
        },
      ]),
    );
    expect(report).toMatchObject({ imported: 2, personsCreated: 1 });
    expect(await dosesOf(inTanPhong)).toEqual([]);
    const created = (
      await t.pool.query(
        `SELECT id, unit_code, sex, address, household_id, created_by IS NOT NULL AS by FROM persons WHERE full_name = $1 AND unit_code = '03386'`,
        [name],
      )
    ).rows;
    expect(created).toMatchObject([
      { unit_code: '03386', sex: 'male', address: 'Tổ 2', household_id: null, by: true },
    ]);
    expect((await dosesOf(created[0].id)).map((d) => d.dose_number)).toEqual([1, 2]);
    // Counted where they live, at once (the coverage triggers).
    const status = await t.pool.query(
      'SELECT unit_code, d2::text FROM vaccination_status WHERE person_id = $1',
      [created[0].id],
    );
    expect(status.rows).toEqual([{ unit_code: '03386', d2: '2021-11-01' }]);
  });

  it('registers a new person once with their CCCD, and needs their sex to do so', async () => {
    const name = uniqueName();
    const cccd = newCccd(95);
    const report = await imported(
      district,
      csvOf([
        {
          ho_ten: name,
          ngay_sinh: '04/04/1995',
          gioi_tinh: 'Nữ',
          so_cccd: cccd,
          ma_xa: '03387',
          mui_tiem: '1',
          ngay_tiem: '01/09/2021',
          ten_vac_xin: 'Moderna',
        },
        {
          ho_ten: name,
          ngay_sinh: '04/04/1995',
          ma_xa: '03387',
          mui_tiem: '2',
          ngay_tiem: '01/10/2021',
          ten_vac_xin: 'Moderna',
        },
        {
          ho_ten: uniqueName(),
          ngay_sinh: '04/04/1995',
          ma_xa: '03387',
          mui_tiem: '1',
          ngay_tiem: '01/10/2021',
          ten_vac_xin: 'Moderna',
        },
      ]),
    );
    expect(report).toMatchObject({ imported: 2, personsCreated: 1, rejected: 1 });
    expect(report.rejectedRows[0]).toMatchObject({ row: 4, field: 'gioi_tinh' });
    const owner = await t.pool.query('SELECT person_id FROM identity_numbers WHERE id_number = $1', [cccd]);
    expect((await dosesOf(owner.rows[0].person_id)).map((d) => d.dose_number)).toEqual([1, 2]);
  });

  it('holds uncertain rows for review, never writing them to a person, and a re-import adds none', async () => {
    const name = uniqueName();
    const theirs = newCccd();
    const registeredId = await registered({ name, birth: '1979-07-07', cccd: theirs });
    const other = uniqueName();
    const otherId = await registered({ name: other, birth: '1966-06-06', cccd: newCccd(66) });
    const twinA = uniqueName();
    await registered({ name: twinA, birth: '1999-09-09' });
    await registered({ name: twinA, birth: '1999-09-09' });
    const rows: Row[] = [
      // Same name, birth date and commune, another CCCD.
      {
        ho_ten: name,
        ngay_sinh: '07/07/1979',
        so_cccd: newCccd(79),
        ma_xa: '03387',
        mui_tiem: '1',
        ngay_tiem: '01/09/2021',
        ten_vac_xin: 'AZ',
      },
      // A registered CCCD with another birth date.
      {
        ho_ten: other,
        ngay_sinh: '07/06/1966',
        so_cccd: (await t.pool.query('SELECT id_number FROM persons WHERE id = $1', [otherId])).rows[0]
          .id_number,
        ma_xa: '03387',
        mui_tiem: '1',
        ngay_tiem: '01/09/2021',
        ten_vac_xin: 'AZ',
      },
      // Two registered people fit.
      {
        ho_ten: twinA,
        ngay_sinh: '09/09/1999',
        ma_xa: '03387',
        mui_tiem: '1',
        ngay_tiem: '01/09/2021',
        ten_vac_xin: 'AZ',
      },
    ];
    const before = await rowCount(t.pool, 'vaccine_doses');
    const report = await imported(district, csvOf(rows));
    expect(report).toMatchObject({
      rows: 3,
      review: 3,
      reviewAdded: 3,
      imported: 0,
      rejected: 0,
      personsCreated: 0,
    });
    expect(await rowCount(t.pool, 'vaccine_doses')).toBe(before);
    const queued = await t.pool.query(
      `SELECT reason, candidate_ids, row ->> 'ho_ten' AS name, unit_code, status FROM dose_match_reviews
        WHERE row ->> 'ho_ten' IN ($1, $2, $3) ORDER BY reason`,
      [name, other, twinA],
    );
    expect(queued.rows).toMatchObject([
      { reason: 'id_mismatch', candidate_ids: [otherId], name: other, unit_code: '03387', status: 'pending' },
      { reason: 'name_other_id', candidate_ids: [registeredId], name },
      { reason: 'several_candidates', name: twinA },
    ]);
    expect(queued.rows[2].candidate_ids).toHaveLength(2);
    const again = await imported(district, csvOf(rows));
    expect(again).toMatchObject({ review: 3, reviewAdded: 0, imported: 0 });
  });

  it('refuses a CCCD of someone living outside the jurisdiction rather than registering it twice', async () => {
    const cccd = newCccd();
    const name = uniqueName();
    await registered({ name, birth: '1990-01-01', cccd, unit: '03390' });
    const report = await imported(
      district,
      csvOf([
        {
          ho_ten: name,
          ngay_sinh: '01/01/1990',
          gioi_tinh: 'Nam',
          so_cccd: cccd,
          ma_xa: '03387',
          mui_tiem: '1',
          ngay_tiem: '01/09/2021',
          ten_vac_xin: 'AZ',
        },
      ]),
    );
    expect(report).toMatchObject({ rejected: 1, personsCreated: 0 });
    expect(report.rejectedRows[0]).toMatchObject({ field: 'so_cccd' });
  });
});

describe('importing again and failing', () => {
  it('changes nothing when the same file is imported again; a national id fills a recorded dose once', async () => {
    const cccd = newCccd();
    const name = uniqueName();
    const id = await registered({ name, birth: '1990-01-01', cccd });
    const rows: Row[] = [
      {
        ho_ten: name,
        ngay_sinh: '01/01/1990',
        so_cccd: cccd,
        ma_xa: '03387',
        mui_tiem: '1',
        ngay_tiem: '02/08/2021',
        ten_vac_xin: 'AZ',
      },
      {
        ho_ten: uniqueName(),
        ngay_sinh: '02/02/1992',
        gioi_tinh: 'Nữ',
        ma_xa: '03387',
        mui_tiem: '1',
        ngay_tiem: '02/08/2021',
        ten_vac_xin: 'AZ',
      },
      {
        ho_ten: name,
        ngay_sinh: '01/01/1990',
        so_cccd: cccd,
        ma_xa: '03387',
        mui_tiem: '9',
        ngay_tiem: '02/08/2021',
        ten_vac_xin: 'AZ',
      },
    ];
    const first = await imported(district, csvOf(rows));
    expect(first).toMatchObject({ imported: 2, personsCreated: 1, rejected: 1 });
    const tables = [
      'persons',
      'vaccine_doses',
      'identity_numbers',
      'dose_match_reviews',
      'vaccination_status',
    ];
    const counts = async () => Promise.all(tables.map((table) => rowCount(t.pool, table)));
    const before = await counts();
    const cells = (
      await t.pool.query(
        "SELECT md5(string_agg(c::text, '|' ORDER BY unit_code, birth_month)) AS h FROM dose_cells c",
      )
    ).rows[0].h;
    const second = await imported(district, csvOf(rows));
    expect(second).toMatchObject({ imported: 0, unchanged: 2, rejected: 1, personsCreated: 0 });
    expect(await counts()).toEqual(before);
    expect(
      (
        await t.pool.query(
          "SELECT md5(string_agg(c::text, '|' ORDER BY unit_code, birth_month)) AS h FROM dose_cells c",
        )
      ).rows[0].h,
    ).toBe(cells);

    const synced = await imported(district, csvOf([{ ...rows[0], ma_mui_tiem: 'MT-000123' }]));
    expect(synced).toMatchObject({ imported: 1, unchanged: 0 });
    expect((await dosesOf(id))[0].national_id).toBe('MT-000123');
    expect(await imported(district, csvOf([{ ...rows[0], ma_mui_tiem: 'MT-000123' }]))).toMatchObject({
      unchanged: 1,
    });
  });

  it('leaves the database as it was when a statement fails half-way', async () => {
    await t.ownerPool.query(`
      CREATE FUNCTION test_refuse_lot() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.lot = 'HỎNG' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_refuse_lot BEFORE INSERT ON vaccine_doses FOR EACH ROW EXECUTE FUNCTION test_refuse_lot();`);
    try {
      const tables = [
        'persons',
        'vaccine_doses',
        'identity_numbers',
        'import_batches',
        'import_rejections',
        'vaccination_status',
      ];
      const before = await Promise.all(tables.map((table) => rowCount(t.pool, table)));
      const res = await upload(
        district,
        'tiem.csv',
        csvOf([
          {
            ho_ten: uniqueName(),
            ngay_sinh: '02/02/1992',
            gioi_tinh: 'Nữ',
            so_cccd: newCccd(92),
            ma_xa: '03387',
            mui_tiem: '1',
            ngay_tiem: '02/08/2021',
            ten_vac_xin: 'AZ',
          },
          {
            ho_ten: uniqueName(),
            ngay_sinh: '02/02/1992',
            gioi_tinh: 'Nam',
            ma_xa: '03387',
            mui_tiem: '1',
            ngay_tiem: '02/08/2021',
            ten_vac_xin: 'AZ',
            so_lo: 'HỎNG',
          },
          {
            ho_ten: uniqueName(),
            ngay_sinh: '31/02/1992',
            ma_xa: '03387',
            mui_tiem: '1',
            ngay_tiem: '02/08/2021',
            ten_vac_xin: 'AZ',
          },
        ]),
      );
      expect(res.statusCode).toBe(500);
      expect(await Promise.all(tables.map((table) => rowCount(t.pool, table)))).toEqual(before);
    } finally {
      await t.ownerPool.query(
        'DROP TRIGGER test_refuse_lot ON vaccine_doses; DROP FUNCTION test_refuse_lot()',
      );
    }
  });
});

describe('access', () => {
  it('is for accounts that manage vaccination; a commune account imports its commune only', async () => {
    const file = csvOf([
      {
        ho_ten: uniqueName(),
        ngay_sinh: '01/01/1990',
        gioi_tinh: 'Nam',
        ma_xa: '03386',
        mui_tiem: '1',
        ngay_tiem: '02/08/2021',
        ten_vac_xin: 'AZ',
      },
    ]);
    expect((await upload(team, 'tiem.csv', file)).statusCode).toBe(403);
    expect((await upload(viewer, 'tiem.csv', file)).statusCode).toBe(403);
    expect(
      (await t.client().request({ method: 'GET', url: '/api/v1/vaccination/import/columns' })).statusCode,
    ).toBe(401);
    const report = await imported(station, file);
    expect(report).toMatchObject({ rejected: 1, imported: 0 });
    expect(report.rejectedRows[0]).toMatchObject({ field: 'ma_xa', value: '03386' });
  });

  it('lists the columns and gives a template the import reads as it is', async () => {
    const columns = (await station.get('/api/v1/vaccination/import/columns')).json().items;
    expect(columns.map((c: { name: string }) => c.name)).toEqual(HEADER.split(','));
    const template = await station.get('/api/v1/vaccination/import/template.xlsx');
    expect(template.statusCode).toBe(200);
    const report = await imported(station, template.rawPayload, 'mau.xlsx');
    expect(report).toMatchObject({ rows: 1, rejected: 0 });
  });
});

describe('rule checks in SQL', () => {
  it('flags the doses checkDose flags, on generated histories', async () => {
    const products = [
      'astrazeneca',
      'pfizer',
      'pfizer_paediatric',
      'moderna',
      'sinopharm',
      'abdala',
      'janssen',
    ];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const day = (base: string, days: number) =>
      new Date(Date.parse(base) + days * 86_400_000).toISOString().slice(0, 10);
    const people: { cccd: string; name: string; birth: string; doses: DoseFacts[] }[] = [];
    const rows: Row[] = [];
    for (let i = 0; i < 120; i++) {
      const birth = day('1950-01-01', Math.floor(random() * 365 * 65));
      const person = {
        cccd: newCccd(Number(birth.slice(2, 4))),
        name: uniqueName(),
        birth,
        doses: [] as DoseFacts[],
      };
      let given = day('2021-02-01', Math.floor(random() * 400));
      const n = 1 + Math.floor(random() * 4);
      const numbers = [1, 2, 3, 4].slice(0, n);
      if (random() < 0.15) numbers.reverse(); // out of order
      for (const doseNumber of numbers) {
        const product = pick(products);
        person.doses.push({ doseNumber, kind: 'primary', product, givenOn: given });
        rows.push({
          ho_ten: person.name,
          ngay_sinh: birth,
          gioi_tinh: 'Nam',
          so_cccd: person.cccd,
          ma_xa: '03387',
          mui_tiem: String(doseNumber),
          ngay_tiem: given,
          ten_vac_xin: product,
        });
        given = day(given, Math.floor(random() * 200));
      }
      people.push(person);
    }
    const report = await imported(district, csvOf(rows));
    expect(report).toMatchObject({ rejected: 0, imported: rows.length });
    let flagged = 0;
    for (const p of people) {
      const owner = (
        await t.pool.query('SELECT person_id FROM identity_numbers WHERE id_number = $1', [p.cccd])
      ).rows[0];
      const stored = await dosesOf(owner.person_id);
      const facts: DoseFacts[] = stored.map((d) => ({
        doseNumber: d.dose_number,
        kind: d.kind,
        product: d.product,
        givenOn: d.given_on,
      }));
      for (const [i, d] of facts.entries()) {
        const expected = checkDose({ birthDate: p.birth, previous: facts.filter((_, j) => j !== i), dose: d })
          .flags.map((f) => f.code)
          .sort();
        expect(
          [...stored[i].flags].sort(),
          `${p.name} mũi ${d.doseNumber} ${d.givenOn} ${d.product}`,
        ).toEqual(expected);
        expect(stored[i].review_status).toBe(expected.length ? 'pending' : 'none');
        if (expected.length) flagged++;
      }
    }
    expect(flagged).toBeGreaterThan(10);
    expect(report.flagged).toBe(flagged);
  });
});
