import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../imports/multipart-body.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * What concurrency and other units' numbering must never do: lose a write, answer 500, or drop a
 * row silently because its external ref was used elsewhere.
 */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387)
let neighbour: Client; // Phường Quyết Thắng (03386)
let n = 0;

async function person(client: Client, unitCode: string, idNumber?: string): Promise<string> {
  const res = await client.post('/api/v1/persons', {
    fullName: `Lò Văn Thử ${String.fromCharCode(65 + (n++ % 26))}`,
    birthDate: '1985-04-04',
    sex: 'male',
    unitCode,
    idNumber,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

function upload(client: Client, url: string, filename: string, content: string) {
  const { payload, headers } = multipartFile(filename, content);
  return client.request({ method: 'POST', url, payload, headers });
}

const count = async (text: string, params: unknown[] = []) =>
  (await t.pool.query(`SELECT count(*)::int AS n FROM (${text}) x`, params)).rows[0].n as number;

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  neighbour = await t.as('health_station', '03386');
});
afterAll(() => t.close());

describe('races end in one winner and clear answers', () => {
  it('stores ten parallel positive RT-PCR results of one new person and opens one case', async () => {
    const id = await person(station, '03387');
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        station.post('/api/v1/tests', {
          personId: id,
          kind: 'rt_pcr',
          performer: 'health_worker',
          sampledAt: `2021-08-10T0${i}:00:00+07:00`,
          resultedAt: '2021-08-10T20:00:00+07:00',
          result: 'positive',
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(await count('SELECT 1 FROM lab_tests WHERE person_id = $1', [id])).toBe(10);
    expect(await count('SELECT 1 FROM cases WHERE person_id = $1', [id])).toBe(1);
    // Every answer names the one case.
    const caseIds = new Set(responses.map((r) => r.json().case?.id));
    expect(caseIds.size).toBe(1);
  });

  it('opens one case when the same line list is imported twice at the same moment', async () => {
    await person(station, '03387', '012085009001');
    const file = 'Số CCCD,Ngày phát hiện,Mã ca bệnh\n012085009001,11/08/2021,BN-9001\n';
    const [a, b] = await Promise.all([
      upload(station, '/api/v1/cases/import', 'f0.csv', file),
      upload(station, '/api/v1/cases/import', 'f0.csv', file),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().inserted, b.json().inserted].sort()).toEqual([0, 1]);
    expect(await count(`SELECT 1 FROM cases WHERE external_ref = 'BN-9001'`)).toBe(1);
  });

  it('opens one case when two results files confirm the same person at once', async () => {
    await person(station, '03387', '012085009002');
    const first =
      'Số CCCD,Ngày lấy mẫu,Ngày trả kết quả,Kết quả\n012085009002,12/08/2021 07:00,12/08/2021 18:00,Dương tính\n';
    const second =
      'Số CCCD,Ngày lấy mẫu,Ngày trả kết quả,Kết quả\n012085009002,12/08/2021 09:00,12/08/2021 19:00,Dương tính\n';
    const [a, b] = await Promise.all([
      upload(station, '/api/v1/tests/import', 'a.csv', first),
      upload(station, '/api/v1/tests/import', 'b.csv', second),
    ]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([200, 200]);
    expect(a.json().inserted + b.json().inserted).toBe(2);
    expect(
      await count(
        `SELECT 1 FROM cases c JOIN identity_numbers i ON i.person_id = c.person_id WHERE i.id_number = '012085009002'`,
      ),
    ).toBe(1);
  });
});

describe('external refs belong to the unit that numbered them', () => {
  it('keeps two units’ test "1" apart instead of dropping the second as unchanged', async () => {
    await person(station, '03387', '012085009101');
    await person(neighbour, '03386', '012085009102');
    const mine = await upload(
      station,
      '/api/v1/tests/import',
      'a.csv',
      'Mã xét nghiệm,Số CCCD,Ngày lấy mẫu,Kết quả\n1,012085009101,13/08/2021,Âm tính\n',
    );
    expect(mine.json()).toMatchObject({ inserted: 1, unchanged: 0 });
    const theirs = await upload(
      neighbour,
      '/api/v1/tests/import',
      'b.csv',
      'Mã xét nghiệm,Số CCCD,Ngày lấy mẫu,Kết quả\n1,012085009102,14/08/2021,Âm tính\n',
    );
    expect(theirs.json()).toMatchObject({ inserted: 1, unchanged: 0, rejectedTotal: 0 });
    expect(await count(`SELECT 1 FROM lab_tests WHERE external_ref = '1'`)).toBe(2);
  });

  it('rejects a row whose ref this unit already used for another test, naming the row and field', async () => {
    await person(station, '03387', '012085009103');
    const again = await upload(
      station,
      '/api/v1/tests/import',
      'c.csv',
      'Mã xét nghiệm,Số CCCD,Ngày lấy mẫu,Kết quả\n1,012085009103,15/08/2021,Âm tính\n',
    );
    expect(again.statusCode).toBe(400);
    expect(again.json().error.rejected).toEqual([
      {
        row: 2,
        field: 'externalRef',
        label: 'Mã xét nghiệm',
        message: expect.stringContaining('đã được nhập trước đây'),
      },
    ]);
    // The same row as before is still simply unchanged.
    const same = await upload(
      station,
      '/api/v1/tests/import',
      'a.csv',
      'Mã xét nghiệm,Số CCCD,Ngày lấy mẫu,Kết quả\n1,012085009101,13/08/2021,Âm tính\n',
    );
    expect(same.json()).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it('does the same for case line lists', async () => {
    await person(station, '03387', '012085009104');
    await person(neighbour, '03386', '012085009105');
    const mine = await upload(
      station,
      '/api/v1/cases/import',
      'f0.csv',
      'Mã ca bệnh,Số CCCD,Ngày phát hiện\nXN-1,012085009104,16/08/2021\n',
    );
    expect(mine.json()).toMatchObject({ inserted: 1 });
    const theirs = await upload(
      neighbour,
      '/api/v1/cases/import',
      'f0.csv',
      'Mã ca bệnh,Số CCCD,Ngày phát hiện\nXN-1,012085009105,16/08/2021\n',
    );
    expect(theirs.json()).toMatchObject({ inserted: 1, unchanged: 0 });
    const conflicting = await upload(
      station,
      '/api/v1/cases/import',
      'f0.csv',
      'Mã ca bệnh,Số CCCD,Ngày phát hiện\nXN-1,012085009104,17/08/2021\n',
    );
    expect(conflicting.statusCode).toBe(400);
    expect(conflicting.json().error.rejected[0]).toMatchObject({ row: 2, field: 'externalRef' });
  });
});
