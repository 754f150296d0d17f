import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_IMPORT_COLUMNS } from '../cases/import.ts';
import { TEST_IMPORT_COLUMNS } from '../lab-tests/import.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';
import { multipartFile } from './multipart-body.ts';

/** What an import tells before and after an upload: its columns, its template, how it read a header row. */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387), Lai Châu (12)

function upload(url: string, filename: string, content: string | Buffer) {
  const { payload, headers } = multipartFile(filename, content);
  return station.request({ method: 'POST', url, payload, headers });
}

async function sheetRows(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return rows;
}

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  // The person of the templates' example row.
  const res = await station.post('/api/v1/persons', {
    fullName: 'Lò Văn An',
    birthDate: '1990-03-15',
    sex: 'male',
    unitCode: '03387',
    idNumber: '012090001234',
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => t.close());

describe('the columns an import accepts', () => {
  it('lists each column with its label, whether required, and the header spellings accepted', async () => {
    const res = await station.get('/api/v1/tests/import/columns');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { name: string; label: string; required: boolean; headers: string[] }[];
    expect(items.map((c) => c.name)).toEqual(TEST_IMPORT_COLUMNS.map((c) => c.name));
    expect(items.find((c) => c.name === 'idNumber')).toMatchObject({
      label: 'Số CCCD/CMND',
      required: false,
      headers: expect.arrayContaining(['Số CCCD', 'CMND']),
    });
    expect(items.find((c) => c.name === 'sampledAt')).toMatchObject({
      label: 'Ngày lấy mẫu',
      required: true,
    });
    const cases = (await station.get('/api/v1/cases/import/columns')).json().items as { name: string }[];
    expect(cases.map((c) => c.name)).toEqual(CASE_IMPORT_COLUMNS.map((c) => c.name));
  });

  it('refuses the guide to an account that may not import, and to nobody signed in', async () => {
    const viewer = await t.as('viewer', '03387');
    for (const path of ['/api/v1/tests/import/template.xlsx', '/api/v1/cases/import/columns']) {
      expect((await viewer.get(path)).statusCode).toBe(403);
      expect((await t.client().get(path)).statusCode).toBe(401);
    }
  });
});

describe('the templates', () => {
  it('hold the header row and an example row that the import reads as it is (cases, then tests)', async () => {
    for (const [kind, columns] of [
      ['cases', CASE_IMPORT_COLUMNS],
      ['tests', TEST_IMPORT_COLUMNS],
    ] as const) {
      const res = await station.get(`/api/v1/${kind}/import/template.xlsx`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="mau-nhap-.*\.xlsx"/);
      const rows = await sheetRows(res.rawPayload);
      expect(rows[0]).toEqual(columns.map((c) => c.label));
      expect(rows[1][columns.findIndex((c) => c.name === 'idNumber')]).toBe('012090001234');

      const imported = await upload(`/api/v1/${kind}/import`, `mau-${kind}.xlsx`, res.rawPayload);
      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json()).toMatchObject({ inserted: 1, rejected: [] });
      expect(imported.json().columns).toEqual({
        recognised: columns.map((c) => ({ header: c.label, column: c.name, label: c.label })),
        ignored: [],
        missing: [],
      });
    }
  });
});

describe('the columns an upload was read with', () => {
  it('names the columns ignored and the person columns missing, and labels the field of each rejection', async () => {
    const file = 'STT,Họ và tên,Năm sinh,Ngày lấy mẫu,Kết quả\n1,Lò Văn An,1990,15/08/2021,Âm tính\n';
    const res = await upload('/api/v1/tests/import', 'nam-sinh.csv', file);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('import_rejected');
    expect(error.columns).toEqual({
      recognised: [
        { header: 'Họ và tên', column: 'fullName', label: 'Họ và tên' },
        { header: 'Ngày lấy mẫu', column: 'sampledAt', label: 'Ngày lấy mẫu' },
        { header: 'Kết quả', column: 'result', label: 'Kết quả' },
      ],
      ignored: ['STT', 'Năm sinh'],
      missing: [
        { column: 'idNumber', label: 'Số CCCD/CMND' },
        { column: 'birthDate', label: 'Ngày sinh' },
        { column: 'unitName', label: 'Xã/phường' },
      ],
    });
    expect(error.rejected[0]).toMatchObject({ row: 2, field: 'idNumber', label: 'Số CCCD/CMND' });
  });

  it('says how the best header row was read when a required column is missing', async () => {
    const file = 'Số CCCD,Ngày XN,Kết quả\n012090001234,15/08/2021,Âm tính\n';
    const res = await upload('/api/v1/tests/import', 'thieu-cot.csv', file);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'missing_columns',
      columns: {
        recognised: [
          { header: 'Số CCCD', column: 'idNumber', label: 'Số CCCD/CMND' },
          { header: 'Kết quả', column: 'result', label: 'Kết quả' },
        ],
        ignored: ['Ngày XN'],
        missing: [{ column: 'sampledAt', label: 'Ngày lấy mẫu' }],
      },
    });
  });
});
