import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

let t: TestContext;
let station: Client; // Phường Tân Phong (03387)

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
});
afterAll(() => t.close());

describe('the XLSX line list', () => {
  it('writes text that starts like a formula so that no spreadsheet evaluates it', async () => {
    const commander = await t.as('command_center', '105');
    const names = ['=HYPERLINK("http://evil.example","Bấm vào")', '+1+1', '-2+3', '@SUM(A1:A9)', '\tTab=1'];
    for (const [i, name] of names.entries()) {
      const cluster = await commander.post('/api/v1/clusters', {
        name,
        unitCode: '03387',
        openedOn: '2021-08-01',
      });
      expect(cluster.statusCode, cluster.body).toBe(201);
      const kase = await station.post('/api/v1/cases', {
        personId: await newPerson(station),
        detectedOn: `2021-08-1${i}`,
        foundBy: 'symptomatic',
        clusterId: cluster.json().id,
      });
      expect(kase.statusCode, kase.body).toBe(201);
    }
    const res = await station.get('/api/v1/cases/export.xlsx');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const clusterColumn = sheet.getRow(1).values as unknown[];
    const col = clusterColumn.indexOf('Ổ dịch');
    const cells = [];
    for (let r = 2; r <= sheet.rowCount; r++) cells.push(sheet.getRow(r).getCell(col));
    expect(cells.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
    expect(cells.map((c) => c.value).sort()).toEqual(
      // The cluster name trimmed on entry: the tab is gone, the formula after it stays harmless.
      ["'+1+1", "'-2+3", '\'=HYPERLINK("http://evil.example","Bấm vào")', "'@SUM(A1:A9)", 'Tab=1'].sort(),
    );
    // What is not a formula is written as it is.
    expect(sheet.getRow(2).getCell(2).text).toMatch(/^Lò Văn /);
  });
});
