import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';
import { multipartFile } from './multipart-body.ts';

let t: TestContext;
let station: Client; // Phường Tân Phong (03387), TP Lai Châu (105), Lai Châu (12)
let neighbour: Client; // Phường Quyết Thắng (03386)
const people: Record<string, string> = {};

async function person(key: string, body: Record<string, unknown>): Promise<string> {
  const res = await station.post('/api/v1/persons', { sex: 'male', unitCode: '03387', ...body });
  expect(res.statusCode, res.body).toBe(201);
  people[key] = res.json().id;
  return people[key];
}

function upload(client: Client, url: string, filename: string, content: string | Buffer) {
  const { payload, headers } = multipartFile(filename, content);
  return client.request({ method: 'POST', url, payload, headers });
}

const count = async (text: string, params: unknown[] = []) =>
  (await t.pool.query(`SELECT count(*)::int AS n FROM (${text}) x`, params)).rows[0].n as number;

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  neighbour = await t.as('health_station', '03386');
  await person('an', { fullName: 'Lò Văn An', birthDate: '1985-02-01', idNumber: '012085000101' });
  await person('binh', { fullName: 'Đèo Thị Bình', birthDate: '1990-03-02', sex: 'female' });
  await person('cuong', { fullName: 'Tòng Văn Cường', birthDate: '1978-04-03', idNumber: '012078000103' });
  await person('dung', { fullName: 'Hà Văn Dũng', birthDate: '1988-05-04', idNumber: '012088000104' });
});
afterAll(() => t.close());

describe('test results import (POST /tests/import)', () => {
  // Vietnamese headers as a lab writes them, with a BOM, CRLF and a quoted field.
  const file =
    '\uFEFFSTT,Họ và tên,Số CCCD,Ngày sinh,Xã/phường,Ngày lấy mẫu,Ngày trả kết quả,Kết quả,Nơi lấy mẫu\r\n' +
    '1,Lò Văn An,012085000101,01/02/1985,,15/08/2021 08:30,16/08/2021,Dương tính,"Chốt kiểm dịch, km 5"\r\n' +
    '2,đèo thị bình,,02/03/1990,Phường Tân Phong,15/08/2021 09:00,16/08/2021,Âm tính,\r\n' +
    '3,TÒNG VĂN CƯỜNG,12078000103,,,15/08/2021,,âm tính,\r\n';

  it('inserts rows with Vietnamese headers, matching people by CCCD or by name, birth date and commune', async () => {
    const res = await upload(station, '/api/v1/tests/import', 'ket-qua.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 3, unchanged: 0, rejected: [], casesCreated: 1 });
    const { rows } = await t.pool.query(
      `SELECT person_id, kind, performer, result, unit_code, site, external_ref, sampled_at, resulted_at
         FROM lab_tests WHERE person_id = ANY($1::uuid[]) ORDER BY sampled_at`,
      [[people.an, people.binh, people.cuong]],
    );
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.person_id)).toEqual([people.cuong, people.an, people.binh]);
    expect(rows[1]).toMatchObject({
      kind: 'rt_pcr',
      performer: 'health_worker',
      result: 'positive',
      unit_code: '03387',
      site: 'Chốt kiểm dịch, km 5',
    });
    expect(rows[1].sampled_at.toISOString()).toBe('2021-08-15T01:30:00.000Z');
    // A final result without its own date is dated by its sample.
    expect(rows[0].resulted_at.toISOString()).toBe(rows[0].sampled_at.toISOString());
    expect(rows.every((r) => r.external_ref.startsWith('row:'))).toBe(true);
    const cases = await t.pool.query('SELECT detected_on, confirm_test_id FROM cases WHERE person_id = $1', [
      people.an,
    ]);
    expect(cases.rows).toHaveLength(1);
    expect(cases.rows[0].detected_on).toBe('2021-08-16');
    expect(
      await count(
        `SELECT 1 FROM audit_events WHERE action = 'import' AND entity = 'lab_test' AND detail->>'inserted' = '3'`,
      ),
    ).toBe(1);
  });

  it('opens cases for confirmed positives set-based, linked to the case that exposed them', async () => {
    const [index] = (await t.pool.query('SELECT id FROM cases WHERE person_id = $1', [people.an])).rows;
    await person('em', { fullName: 'Lò Văn Em', birthDate: '1990-06-06', idNumber: '012090000105' });
    const contact = await station.post(`/api/v1/cases/${index.id}/contacts`, {
      personId: people.em,
      exposureDate: '2021-08-15',
      setting: 'household',
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const res = await upload(
      station,
      '/api/v1/tests/import',
      'f1.csv',
      'Số CCCD,Ngày lấy mẫu,Ngày trả kết quả,Kết quả\n012090000105,19/08/2021,20/08/2021,Dương tính\n',
    );
    expect(res.json()).toMatchObject({ inserted: 1, casesCreated: 1 });
    const { rows } = await t.pool.query(
      `SELECT c.id, c.source_case_id, c.detected_on, k.resulting_case_id,
              (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) AS events,
              (SELECT count(*)::int FROM audit_events a WHERE a.entity = 'case' AND a.entity_id = c.id::text) AS audits
         FROM cases c JOIN contacts k ON k.id = c.source_contact_id WHERE c.person_id = $1`,
      [people.em],
    );
    expect(rows).toEqual([
      {
        id: expect.any(String),
        source_case_id: index.id,
        detected_on: '2021-08-20',
        resulting_case_id: rows[0].id,
        events: 2,
        audits: 1,
      },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await count('SELECT 1 FROM lab_tests');
    const res = await upload(station, '/api/v1/tests/import', 'ket-qua.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 0, unchanged: 3, rejected: [], casesCreated: 0 });
    expect(await count('SELECT 1 FROM lab_tests')).toBe(before);
    expect(await count('SELECT 1 FROM cases WHERE person_id = $1', [people.an])).toBe(1);
  });

  it('reports malformed rows with their row number and field, and writes nothing', async () => {
    const before = await count('SELECT 1 FROM lab_tests');
    const bad =
      'Mã XN;Họ tên;CCCD;Ngày lấy mẫu;Kết quả\n' +
      'XN-1;Hà Văn Dũng;012088000104;20/08/2021;Âm tính\n' +
      'XN-2;Hà Văn Dũng;012088000104;31/02/2021;Âm tính\n' +
      '\n' +
      'XN-3;Người Lạ;012099000999;20/08/2021;Âm tính\n' +
      'XN-4;Hà Văn Dũng;012088000104;20/08/2021;Không rõ\n' +
      'XN-5;Lò Văn An;012088000104;20/08/2021;Âm tính\n';
    const res = await upload(station, '/api/v1/tests/import', 'loi.csv', bad);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error).toMatchObject({ code: 'import_rejected', field: 'file', inserted: 0, rejectedTotal: 4 });
    expect(error.rejected.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
      [3, 'sampledAt'],
      [5, 'idNumber'],
      [6, 'result'],
      [7, 'fullName'],
    ]);
    expect(error.rejected[0].message).toContain('Ngày lấy mẫu không hợp lệ');
    expect(await count('SELECT 1 FROM lab_tests')).toBe(before);

    const partial = await upload(station, '/api/v1/tests/import?partial=true', 'loi.csv', bad);
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json()).toMatchObject({ inserted: 1, unchanged: 0, casesCreated: 0 });
    expect(partial.json().rejected).toHaveLength(4);
    expect(
      await count(`SELECT 1 FROM lab_tests WHERE external_ref = 'XN-1' AND person_id = $1`, [people.dung]),
    ).toBe(1);
  });

  it('reads an XLSX file as a stream, with a title above the header and numbers for CCCDs', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Kết quả');
    sheet.addRow(['DANH SÁCH KẾT QUẢ XÉT NGHIỆM RT-PCR']);
    sheet.addRow([]);
    sheet.addRow([
      'Mã xét nghiệm',
      'Họ và tên',
      'Số CCCD',
      'Loại xét nghiệm',
      'Ngày lấy mẫu',
      'Ngày có kết quả',
      'KQ',
    ]);
    sheet.addRow([
      'LAB-77',
      'Hà Văn Dũng',
      12088000104,
      'PCR',
      new Date(Date.UTC(2021, 8, 1, 7, 0)),
      new Date(Date.UTC(2021, 8, 1)),
      'Âm tính',
    ]);
    sheet.addRow([
      'LAB-78',
      'Tòng Văn Cường',
      '012078000103',
      'Test nhanh',
      new Date(Date.UTC(2021, 8, 2)),
      new Date(Date.UTC(2021, 8, 2)),
      'Dương tính',
    ]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(station, '/api/v1/tests/import', 'ket-qua.xlsx', xlsx);
    expect(res.statusCode, res.body).toBe(200);
    // A rapid test in 2021 without symptoms is only suspected: no case.
    expect(res.json()).toMatchObject({ inserted: 2, unchanged: 0, rejected: [], casesCreated: 0 });
    const { rows } = await t.pool.query(
      `SELECT external_ref, kind, result, sampled_at FROM lab_tests WHERE external_ref IN ('LAB-77', 'LAB-78') ORDER BY 1`,
    );
    expect(rows).toMatchObject([
      { external_ref: 'LAB-77', kind: 'rt_pcr', result: 'negative' },
      { external_ref: 'LAB-78', kind: 'rapid_antigen', result: 'positive' },
    ]);
    expect(rows[0].sampled_at.toISOString()).toBe('2021-09-01T00:00:00.000Z'); // 07:00 in Vietnam

    sheet.addRow(['LAB-79', 'Hà Văn Dũng', '012088000104', 'PCR', 'ngày mai', '', 'Âm tính']);
    const bad = await upload(
      station,
      '/api/v1/tests/import',
      'ket-qua.xlsx',
      Buffer.from(await book.xlsx.writeBuffer()),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.rejected).toMatchObject([{ row: 6, field: 'sampledAt' }]);
  });

  it('an imported individual RT-PCR resolves a member of a positive pool', async () => {
    const pool = await station.post('/api/v1/tests/pools', {
      memberIds: [people.binh, people.dung],
      sampledAt: '2021-09-05T08:00:00+07:00',
    });
    expect(pool.statusCode, pool.body).toBe(201);
    const poolId = pool.json().id;
    await station.patch(`/api/v1/tests/pools/${poolId}`, {
      result: 'positive',
      resultedAt: '2021-09-05T20:00:00+07:00',
    });
    const res = await upload(
      station,
      '/api/v1/tests/import',
      'retest.csv',
      'Số CCCD,Ngày lấy mẫu,Kết quả\n012088000104,06/09/2021 07:00,Âm tính\n',
    );
    expect(res.statusCode, res.body).toBe(200);
    const members = (await station.get(`/api/v1/tests/pools/${poolId}`)).json().members;
    const byPerson = Object.fromEntries(
      members.map((m: { personId: string; status: string }) => [m.personId, m.status]),
    );
    expect(byPerson).toEqual({ [people.binh]: 'retest_pending', [people.dung]: 'retest_negative' });
  });

  it('does not find people outside the jurisdiction', async () => {
    const res = await upload(
      neighbour,
      '/api/v1/tests/import',
      'x.csv',
      'Họ tên,CCCD,Ngày lấy mẫu,Kết quả\nLò Văn An,012085000101,20/08/2021,Âm tính\n',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.rejected).toEqual([
      {
        row: 2,
        field: 'idNumber',
        label: 'Số CCCD/CMND',
        message: 'Không tìm thấy người có số CCCD/CMND này trong địa bàn của bạn',
      },
    ]);
    expect(res.body).not.toContain(people.an);
  });

  it('refuses a file that is not UTF-8, lacks a required column, is empty or too large', async () => {
    const latin = Buffer.from(
      'Ho ten,CCCD,Ngay lay mau,Ket qua\nL\xf2 V\xe3n An,012085000101,20/08/2021,\xc2m t\xednh\n',
      'latin1',
    );
    const res = await upload(station, '/api/v1/tests/import', 'cp1258.csv', latin);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'not_utf8', field: 'file' });
    const missing = await upload(
      station,
      '/api/v1/tests/import',
      'x.csv',
      'Họ tên,CCCD,Kết quả\nA,1,Âm tính\n',
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('missing_columns');
    expect(missing.json().error.message).toContain('Ngày lấy mẫu');
    const empty = await upload(station, '/api/v1/tests/import', 'x.csv', 'CCCD,Ngày lấy mẫu,Kết quả\n\n');
    expect(empty.json().error).toMatchObject({ code: 'empty_file', field: 'file' });
    const huge = `Số CCCD,Ngày lấy mẫu,Kết quả\n${'012085000101,20/08/2021,Âm tính\n'.repeat(1_600_000)}`;
    const tooLarge = await upload(station, '/api/v1/tests/import', 'lon.csv', huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ code: 'file_too_large', field: 'file' });
    const none = await station.post('/api/v1/tests/import', {});
    expect(none.statusCode).toBe(400);
    expect(none.json().error.field).toBe('file');
  });
});

describe('case line-list import (POST /cases/import)', () => {
  it('opens cases from a line list, idempotently, and refuses people already ill', async () => {
    const cluster = await t.pool.query(
      `INSERT INTO clusters (province_code, unit_code, name, opened_on)
       VALUES ('12', '03387', 'Ổ dịch chợ Tân Phong', '2021-09-01') RETURNING id`,
    );
    const clusterId = cluster.rows[0].id;
    await person('em', {
      fullName: 'Vàng Thị Em',
      birthDate: '1999-06-05',
      sex: 'female',
      idNumber: '012199000105',
    });
    const file =
      'Mã BN,Họ và tên,Số CCCD,Ngày phát hiện,Mức độ,Nơi điều trị,Ổ dịch,Nguồn phát hiện\n' +
      `BN-1,Vàng Thị Em,012199000105,03/09/2021,Nhẹ,Tại nhà,ổ dịch chợ tân phong,Truy vết\n` +
      `BN-2,Tòng Văn Cường,012078000103,04/09/2021,Trung bình,Tầng 2,,\n`;
    const res = await upload(station, '/api/v1/cases/import', 'f0.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 2, unchanged: 0, rejected: [] });
    const { rows } = await t.pool.query(
      `SELECT person_id, detected_on, severity, care_place, cluster_id, found_by, external_ref, unit_code
         FROM cases WHERE external_ref IN ('BN-1', 'BN-2') ORDER BY external_ref`,
    );
    expect(rows).toEqual([
      {
        person_id: people.em,
        detected_on: '2021-09-03',
        severity: 'mild',
        care_place: 'home',
        cluster_id: clusterId,
        found_by: 'contact_tracing',
        external_ref: 'BN-1',
        unit_code: '03387',
      },
      {
        person_id: people.cuong,
        detected_on: '2021-09-04',
        severity: 'moderate',
        care_place: 'hospital_t2',
        cluster_id: null,
        found_by: 'community',
        external_ref: 'BN-2',
        unit_code: '03387',
      },
    ]);

    const again = await upload(station, '/api/v1/cases/import', 'f0.csv', file);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ inserted: 0, unchanged: 2, rejected: [] });
    expect(
      await count(`SELECT 1 FROM cases WHERE person_id = ANY($1::uuid[])`, [[people.em, people.cuong]]),
    ).toBe(2);

    const ill = await upload(
      station,
      '/api/v1/cases/import',
      'f0-2.csv',
      'Mã BN,Số CCCD,Ngày phát hiện,Ổ dịch\nBN-9,012199000105,10/09/2021,\nBN-10,012088000104,10/09/2021,Ổ dịch không có\n',
    );
    expect(ill.statusCode).toBe(400);
    expect(ill.json().error.rejected).toMatchObject([
      { row: 2, field: 'idNumber', message: 'Người này đang là ca bệnh (F0) chưa kết thúc' },
      { row: 3, field: 'cluster' },
    ]);
  });

  it('is refused outside the jurisdiction and without case.write', async () => {
    const file = 'Số CCCD,Ngày phát hiện\n012088000104,10/09/2021\n';
    const res = await upload(neighbour, '/api/v1/cases/import', 'f0.csv', file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.rejected).toMatchObject([{ row: 2, field: 'idNumber' }]);
    const viewer = await t.as('viewer', '03387');
    expect((await upload(viewer, '/api/v1/cases/import', 'f0.csv', file)).statusCode).toBe(403);
    expect(await count('SELECT 1 FROM cases WHERE person_id = $1', [people.dung])).toBe(0);
  });
});
