import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../imports/multipart-body.ts';
import { expectRefusal, newCase, newPerson, rowCount } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/** PostgreSQL text cannot hold a NUL byte: one hook refuses it, naming the field, never a 500. */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387)
let caseId: string;
const count = (table: string) => rowCount(t.pool, table);

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  caseId = await newCase(station);
});
afterAll(() => t.close());

describe('a NUL byte in any string', () => {
  it('is refused at the login, before the database is asked or the failure audited', async () => {
    const audits = await count('audit_events');
    const res = await t.client().post('/api/v1/auth/login', { username: 'ad\u0000min', password: 'x' });
    expectRefusal(res, 'nul_byte', 'username');
    expect(await count('audit_events')).toBe(audits);
  });

  it('is refused in a body, naming the path to a nested field', async () => {
    const persons = await count('persons');
    expectRefusal(
      await station.post('/api/v1/persons', {
        fullName: 'Lò Văn Nul',
        birthDate: '1985-04-04',
        sex: 'male',
        unitCode: '03387',
        address: 'Tổ 3\u0000',
      }),
      'nul_byte',
      'address',
    );
    const batch = await station.post(`/api/v1/cases/${caseId}/contacts/batch`, {
      exposureDate: '2021-08-08',
      setting: 'household',
      people: [
        { personId: await newPerson(station) },
        { person: { fullName: 'Lò Thị Ba', birthDate: '1990-01-01', sex: 'female', unitCode: '03387' } },
        { person: { fullName: 'Lò Thị\u0000Tư', birthDate: '1990-01-01', sex: 'female', unitCode: '03387' } },
      ],
    });
    expectRefusal(batch, 'nul_byte', 'people.2.person.fullName');
    expect(await count('persons')).toBe(persons + 1);
  });

  it('is refused in a query string and in the path', async () => {
    expectRefusal(await station.get('/api/v1/units?q=a%00b'), 'nul_byte', 'q');
    expectRefusal(await station.get('/api/v1/persons?q=%00'), 'nul_byte', 'q');
    expectRefusal(await station.get('/api/v1/units/1%002'), 'nul_byte', 'code');
  });

  it('is refused in the name of an uploaded file', async () => {
    const header = 'STT,Họ và tên,Số CCCD,Ngày sinh,Xã/phường,Ngày lấy mẫu,Ngày trả kết quả,Kết quả\r\n';
    const row = '1,Lò Văn Một,,04/04/1985,Phường Tân Phong,15/08/2021 08:30,16/08/2021,Âm tính\r\n';
    const { payload, headers } = multipartFile('ket\u0000qua.csv', header + row);
    const res = await station.request({
      method: 'POST',
      url: '/api/v1/tests/import?partial=true',
      payload,
      headers,
    });
    expectRefusal(res, 'nul_byte', 'file');
  });
});
