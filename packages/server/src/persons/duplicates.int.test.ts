import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCase, rowCount } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * Before a person is registered, people who may be the same are shown: the same folded name, birth
 * date and commune, or the same phone, among those the caller may see.
 */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387), TP Lai Châu (105)
let neighbour: Client; // 03386, same district
let district: Client; // TP Lai Châu (105)
const count = (table: string) => rowCount(t.pool, table);

const mai = {
  fullName: 'Lò Thị Mai',
  birthDate: '1988-07-22',
  sex: 'female',
  phone: '0912 345 001',
  unitCode: '03387',
};
let maiId: string;

/** A man of Phường Tân Phong unless `more` says otherwise. */
const man = (fullName: string, birthDate: string, more: Record<string, unknown> = {}) => ({
  fullName,
  birthDate,
  sex: 'male',
  unitCode: '03387',
  ...more,
});

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  neighbour = await t.as('health_station', '03386');
  district = await t.as('health_officer', '105');
  const res = await station.post('/api/v1/persons', mai);
  expect(res.statusCode, res.body).toBe(201);
  maiId = res.json().id;
});
afterAll(() => t.close());

describe('registering someone who may already be registered', () => {
  it('answers 409 possible_duplicate with the candidate, masked like any person, and writes nothing', async () => {
    const before = await count('persons');
    const res = await station.post('/api/v1/persons', { ...mai, fullName: 'lo thi  mai', phone: null });
    expect(res.statusCode).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('possible_duplicate');
    expect(error.candidates).toHaveLength(1);
    expect(error.candidates[0]).toMatchObject({
      id: maiId,
      fullName: 'Lò Thị Mai',
      birthDate: '1988-07-22',
      unitName: 'Phường Tân Phong',
      reasons: ['name_birth_unit'],
    });
    const shown = (await station.get(`/api/v1/persons/${maiId}`)).json();
    expect(error.candidates[0].phone).toBe(shown.phone);
    expect(await count('persons')).toBe(before);
  });

  it('finds the same phone under another name, and both reasons at once', async () => {
    const phone = await station.post(
      '/api/v1/persons',
      man('Lò Văn Khác', '1960-01-01', { phone: '+84912345001' }),
    );
    expect(phone.statusCode).toBe(409);
    expect(phone.json().error.candidates.map((c: { reasons: string[] }) => c.reasons)).toEqual([['phone']]);
    const both = await station.post('/api/v1/persons', mai);
    expect(both.json().error.candidates[0].reasons).toEqual(['name_birth_unit', 'phone']);
  });

  it('registers anyway with confirmNew: true', async () => {
    const before = await count('persons');
    const res = await station.post('/api/v1/persons', { ...mai, confirmNew: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().id).not.toBe(maiId);
    expect(await count('persons')).toBe(before + 1);
  });

  it('does not take someone with another identity number for the same person', async () => {
    const a = await station.post(
      '/api/v1/persons',
      man('Đèo Văn Số', '1990-02-02', { idNumber: '012090000111' }),
    );
    expect(a.statusCode, a.body).toBe(201);
    const b = await station.post(
      '/api/v1/persons',
      man('Đèo Văn Số', '1990-02-02', { idNumber: '012090000222' }),
    );
    expect(b.statusCode, b.body).toBe(201);
    // Without a number, both may be the one meant.
    const c = await station.post('/api/v1/persons', man('Đèo Văn Số', '1990-02-02'));
    expect(c.json().error.candidates).toHaveLength(2);
  });

  it('lists only candidates inside the caller’s jurisdiction', async () => {
    // The neighbour commune registers someone with Mai's phone: it cannot see Mai, so nothing is shown.
    const res = await neighbour.post(
      '/api/v1/persons',
      man('Lò Văn Hàng Xóm', '1970-03-03', { phone: '0912345001', unitCode: '03386' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    // The district sees both communes: both people with that phone are candidates.
    const wide = await district.post(
      '/api/v1/persons',
      man('Lò Văn Thứ Ba', '1975-04-04', { phone: '0912345001', unitCode: '03386' }),
    );
    expect(wide.statusCode).toBe(409);
    const units = wide.json().error.candidates.map((c: { unitCode: string }) => c.unitCode);
    expect(new Set(units)).toEqual(new Set(['03387', '03386']));
    // The neighbour, asked again, still sees only its own.
    const again = await neighbour.post(
      '/api/v1/persons',
      man('Lò Văn Thứ Tư', '1975-04-04', { phone: '0912345001', unitCode: '03386' }),
    );
    expect(again.json().error.candidates.map((c: { unitCode: string }) => c.unitCode)).toEqual(['03386']);
  });

  it('a duplicate CCCD still names the existing person when the caller may see them', async () => {
    const res = await station.post(
      '/api/v1/persons',
      man('Người Khác Hẳn', '1990-02-02', { idNumber: '012090000111' }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'duplicate_id_number', field: 'idNumber' });
    expect(res.json().error.existingId).toBeTruthy();
  });
});

describe('contacts registered as new people', () => {
  it('names the row of a likely duplicate, writes nothing, and registers it once confirmed', async () => {
    const caseId = await newCase(station);
    const persons = await count('persons');
    const contacts = await count('contacts');
    const people = [
      { person: { fullName: 'Quàng Văn Mới', birthDate: '2001-01-01', sex: 'male', unitCode: '03387' } },
      { person: { ...mai, phone: null } },
    ];
    const body = { exposureDate: '2021-08-08', setting: 'household', people };
    const res = await station.post(`/api/v1/cases/${caseId}/contacts/batch`, body);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'possible_duplicate', field: 'people.1.person' });
    expect(res.json().error.candidates.map((c: { id: string }) => c.id)).toContain(maiId);
    expect([await count('persons'), await count('contacts')]).toEqual([persons, contacts]);

    const confirmed = await station.post(`/api/v1/cases/${caseId}/contacts/batch`, {
      ...body,
      people: [people[0], { ...people[1], confirmNew: true }],
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect([await count('persons'), await count('contacts')]).toEqual([persons + 2, contacts + 2]);
  });

  it('or takes the existing person picked instead', async () => {
    const caseId = await newCase(station);
    const res = await station.post(`/api/v1/cases/${caseId}/contacts/batch`, {
      exposureDate: '2021-08-08',
      setting: 'household',
      people: [{ personId: maiId }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items[0].personId).toBe(maiId);
  });

  it('names the row of a duplicate CCCD', async () => {
    const caseId = await newCase(station);
    const res = await station.post(`/api/v1/cases/${caseId}/contacts/batch`, {
      exposureDate: '2021-08-08',
      setting: 'household',
      people: [
        {
          person: man('Đèo Thị Trùng', '1990-02-02', { idNumber: '012090000111' }),
        },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'duplicate_id_number',
      field: 'people.0.person.idNumber',
    });
  });
});
