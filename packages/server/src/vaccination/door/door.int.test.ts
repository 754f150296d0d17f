import { addDays } from '@tuyendau/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushReads } from '../../audit/audit.ts';
import { todayInVietnam } from '../../http/time.ts';
import { expectRefusal } from '../../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../../test/harness.ts';
import { unitDirectory } from '../../units/directory.ts';
import { coverage } from '../coverage.ts';

/**
 * Door-to-door lists (issue 9, point 5): who is due or overdue on a day by the policy intervals,
 * grouped by household and address; each mark's effect on the person, the doses and coverage;
 * the jurisdiction; bad input named by field. Phường Tân Phong 03387 and Phường Quyết Thắng 03386
 * are communes of TP Lai Châu (105).
 */
let t: TestContext;
let station: Client; // health_station of 03387
let team: Client; // community_team of 03387: the mobile team
let neighbour: Client; // health_station of 03386
let viewer: Client; // viewer of TP Lai Châu: reads only
const today = todayInVietnam();

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  team = await t.as('community_team', '03387');
  neighbour = await t.as('health_station', '03386');
  viewer = await t.as('viewer', '105');
});
afterAll(() => t.close());

let n = 0;
/** A name different for each person (a name and birth date seen twice is a likely duplicate). */
function nameOf(i: number): string {
  let word = '';
  for (let k = i + 26; k > 0; k = Math.floor(k / 26)) word = String.fromCharCode(97 + (k % 26)) + word;
  return `Lò Thị ${word[0].toUpperCase()}${word.slice(1)}`;
}

async function household(address: string): Promise<string> {
  const res = await station.post('/api/v1/households', { unitCode: '03387', address });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function person(birthDate: string, householdId?: string): Promise<{ id: string; fullName: string }> {
  const fullName = nameOf(n++);
  const res = await station.post('/api/v1/persons', {
    fullName,
    birthDate,
    sex: 'female',
    unitCode: '03387',
    ...(householdId ? { householdId } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, fullName };
}

async function doses(personId: string, list: [string, string][]): Promise<void> {
  for (const [i, [product, givenOn]] of list.entries()) {
    const res = await station.post(`/api/v1/persons/${personId}/doses`, {
      doseNumber: i + 1,
      product,
      givenOn,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

const mark = (client: Client, personId: string, body: Record<string, unknown>) =>
  client.post(`/api/v1/persons/${personId}/door-marks`, body);

interface ListedPerson {
  id: string;
  fullName: string;
  doses: { doseNumber: number; givenOn: string }[];
  next: { doseNumber: number; kind: string; dueOn: string; status: string; overdueDays: number } | null;
  lastMark: { mark: string; until: string | null; reason: string | null } | null;
}
interface Listed {
  households: { address: string; village: string; persons: ListedPerson[] }[];
  next: string | null;
}

async function list(client: Client, query: string): Promise<Listed> {
  const res = await client.get(`/api/v1/vaccination/door?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const village = (v: string) => `village=${encodeURIComponent(v)}`;

/** The 18+ row of Tân Phong's coverage today for a dose: vaccinated and living residents. */
async function adults(dose: number): Promise<{ vaccinated: number; residents: number }> {
  const rows = await coverage(t.pool, await unitDirectory(t.pool), '03387', today);
  const row = rows.find((r) => r.unitCode === '03387' && r.ageGroup === '18+' && r.dose === dose)!;
  return { vaccinated: row.vaccinated, residents: row.registryPopulation };
}

describe('who is on the list', () => {
  // Bản Kiểm Thử, as of 31/08/2022 (CV 3309/BYT-DP in force: mũi 3 three months after the primary
  // series for adults, mũi 4 four months after mũi 3 for people of 50 and more).
  const asOf = 'asOf=2022-08-31';
  let p1: { id: string; fullName: string }; // 42, two AstraZeneca doses: mũi 3 from 01/01/2022
  let p2: { id: string; fullName: string }; // 10, no dose: mũi 1 due on the day
  let p3: { id: string; fullName: string }; // 32, three doses: nothing more (mũi 4 is for 50+)
  let p4: { id: string; fullName: string }; // 3: too young
  let p5: { id: string; fullName: string }; // 60, mũi 3 on 15/04/2022: mũi 4 from 15/08/2022
  let p6: { id: string; fullName: string }; // 25, one Pfizer dose on 20/08/2022: mũi 2 from 10/09/2022
  let p7: { id: string; fullName: string }; // died on 01/01/2022
  let p8: { id: string; fullName: string }; // another village

  beforeAll(async () => {
    const a = await household('Số 5, Bản Kiểm Thử');
    const b = await household('Số 9, Bản Kiểm Thử');
    const c = await household('Số 1, Bản Khác Xa');
    p1 = await person('1980-05-05', a);
    p2 = await person('2012-03-03', a);
    p3 = await person('1990-01-01', a);
    p4 = await person('2019-01-01', a);
    p5 = await person('1962-02-02', b);
    p6 = await person('1997-06-06', b);
    p7 = await person('1970-07-07', b);
    p8 = await person('1985-01-01', c);
    await doses(p1.id, [
      ['astrazeneca', '2021-08-02'],
      ['astrazeneca', '2021-10-01'],
    ]);
    await doses(p3.id, [
      ['pfizer', '2021-09-01'],
      ['pfizer', '2021-09-25'],
      ['pfizer', '2022-06-01'],
    ]);
    await doses(p5.id, [
      ['astrazeneca', '2021-07-01'],
      ['astrazeneca', '2021-09-01'],
      ['pfizer', '2022-04-15'],
    ]);
    await doses(p6.id, [['pfizer', '2022-08-20']]);
    const died = await mark(team, p7.id, { mark: 'deceased', onDate: '2022-01-01' });
    expect(died.statusCode, died.body).toBe(201);
  });

  it('lists the due and overdue by household, in address order, with the dates computed by hand', async () => {
    const body = await list(station, `unit=03387&${village('Bản Kiểm Thử')}&${asOf}`);
    expect(body.households.map((h) => [h.address, h.village, h.persons.map((p) => p.id)])).toEqual([
      ['Số 5, Bản Kiểm Thử', 'Bản Kiểm Thử', [p1.id, p2.id]],
      ['Số 9, Bản Kiểm Thử', 'Bản Kiểm Thử', [p5.id]],
    ]);
    const [first, second] = body.households;
    expect(first.persons[0]).toMatchObject({
      fullName: p1.fullName,
      doses: [
        { doseNumber: 1, givenOn: '2021-08-02' },
        { doseNumber: 2, givenOn: '2021-10-01' },
      ],
      next: { doseNumber: 3, kind: 'booster', dueOn: '2022-01-01', status: 'overdue', overdueDays: 242 },
      lastMark: null,
    });
    expect(first.persons[1].next).toEqual(
      expect.objectContaining({
        doseNumber: 1,
        kind: 'primary',
        dueOn: '2022-08-31',
        status: 'due',
        overdueDays: 0,
      }),
    );
    expect(second.persons[0].next).toEqual(
      expect.objectContaining({ doseNumber: 4, dueOn: '2022-08-15', status: 'overdue', overdueDays: 16 }),
    );
    expect(body.next).toBeNull();
    const ids = body.households.flatMap((h) => h.persons.map((p) => p.id));
    for (const absent of [p3, p4, p6, p7, p8]) expect(ids).not.toContain(absent.id);
  });

  it('adds the doses falling due within the days asked, as soon', async () => {
    const body = await list(station, `unit=03387&${village('Bản Kiểm Thử')}&${asOf}&within=10`);
    const b = body.households[1];
    expect(b.persons.map((p) => p.id)).toEqual([p5.id, p6.id]);
    expect(b.persons[1].next).toMatchObject({
      doseNumber: 2,
      dueOn: '2022-09-10',
      status: 'soon',
      overdueDays: 0,
    });
    const nine = await list(station, `unit=03387&${village('Bản Kiểm Thử')}&${asOf}&within=9`);
    expect(nine.households[1].persons.map((p) => p.id)).toEqual([p5.id]);
  });

  it('pages by household with a keyset cursor, and refuses a forged one', async () => {
    const one = await list(station, `unit=03387&${village('Bản Kiểm Thử')}&${asOf}&limit=1`);
    expect(one.households.map((h) => h.address)).toEqual(['Số 5, Bản Kiểm Thử']);
    expect(one.next).toEqual(expect.any(String));
    const two = await list(
      station,
      `unit=03387&${village('Bản Kiểm Thử')}&${asOf}&limit=1&cursor=${one.next}`,
    );
    expect(two.households.map((h) => h.address)).toEqual(['Số 9, Bản Kiểm Thử']);
    expect(two.next).toBeNull();
    const forged = Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url');
    expectRefusal(
      await station.get(`/api/v1/vaccination/door?unit=03387&cursor=${forged}`),
      'invalid_cursor',
      'cursor',
    );
  });

  it('the whole commune has the other village too; the villages are offered with their residents', async () => {
    const all = await list(station, `unit=03387&${asOf}&limit=100`);
    const ids = all.households.flatMap((h) => h.persons.map((p) => p.id));
    expect(ids).toEqual(expect.arrayContaining([p1.id, p2.id, p5.id, p8.id]));
    const res = await station.get('/api/v1/vaccination/door/villages?unit=03387');
    expect(res.statusCode, res.body).toBe(200);
    const villages = res.json().villages as { village: string; persons: number }[];
    // Living today, 5 and older: p1, p2, p3, p5, p6 (p4 is 7 by now, p7 died).
    expect(villages.find((v) => v.village === 'Bản Kiểm Thử')?.persons).toBe(
      ageToday('2019-01-01') >= 5 ? 6 : 5,
    );
    expect(villages.find((v) => v.village === 'Bản Khác Xa')?.persons).toBe(1);
  });

  it('walks a village house by house: number 2 before number 10, then addresses without a number', async () => {
    for (const address of ['Số 10, Bản Đánh Số', 'Nhà văn hoá, Bản Đánh Số', 'Số 2, Bản Đánh Số']) {
      await person('1982-02-02', await household(address));
    }
    const body = await list(station, `unit=03387&${village('Bản Đánh Số')}&${asOf}`);
    expect(body.households.map((h) => h.address)).toEqual([
      'Số 2, Bản Đánh Số',
      'Số 10, Bản Đánh Số',
      'Nhà văn hoá, Bản Đánh Số',
    ]);
  });

  it('audits the read of the list', async () => {
    await list(team, `unit=03387&${village('Bản Khác Xa')}&${asOf}`);
    await flushReads(t.pool);
    const rows = await t.pool.query(
      `SELECT action, entity, detail FROM audit_events
        WHERE entity = 'person' AND action = 'list' AND detail->>'door' = 'true' AND detail->>'village' = 'Bản Khác Xa'`,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0].detail).toMatchObject({ unit: '03387', asOf: '2022-08-31', count: 1 });
  });

  it('prints the list as XLSX and PDF, by household, dates dd/mm/yyyy, DejaVu embedded', async () => {
    const xlsx = await station.get(
      `/api/v1/vaccination/door.xlsx?unit=03387&${village('Bản Kiểm Thử')}&${asOf}`,
    );
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    book.worksheets[0].eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))),
    );
    expect(rows[0][0]).toBe('DANH SÁCH ĐI TỪNG NHÀ — TIÊM VẮC XIN COVID-19');
    expect(rows[1][0]).toContain('tính đến ngày 31/08/2022 — 2 hộ, 3 người');
    const names = rows.map((r) => r[1]);
    expect(names.slice(3)).toEqual([
      'Hộ: Số 5, Bản Kiểm Thử (2 người)',
      p1.fullName,
      p2.fullName,
      'Hộ: Số 9, Bản Kiểm Thử (1 người)',
      p5.fullName,
    ]);
    const p1Row = rows.find((r) => r[1] === p1.fullName)!;
    expect(p1Row.slice(2, 9)).toEqual([
      '05/05/1980',
      'Nữ',
      '',
      'M1 02/08/2021 AstraZeneca (Vaxzevria)\nM2 01/10/2021 AstraZeneca (Vaxzevria)',
      'Mũi 3 (nhắc lại)',
      '01/01/2022',
      '242',
    ]);

    const pdf = await station.get(
      `/api/v1/vaccination/door.pdf?unit=03387&${village('Bản Kiểm Thử')}&${asOf}`,
    );
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('DejaVuSans');
  });
});

function ageToday(birthDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = today.split('-').map(Number);
  return y - by - (m > bm || (m === bm && d >= bd) ? 0 : 1);
}

describe('marks', () => {
  it('vaccinated elsewhere: a dose from elsewhere, flagged for its unknown product, coverage +1 at once', async () => {
    const p = await person('1975-03-03', await household('Số 2, Bản Đánh Dấu'));
    const before = await adults(1);
    const res = await mark(team, p.id, {
      mark: 'vaccinated_elsewhere',
      givenOn: '2022-03-01',
      doseNumber: 1,
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.mark).toMatchObject({ mark: 'vaccinated_elsewhere', onDate: '2022-03-01' });
    expect(body.person.doses).toEqual([
      expect.objectContaining({ doseNumber: 1, givenOn: '2022-03-01', productName: 'Không rõ loại vắc xin' }),
    ]);
    expect(body.person.next).toMatchObject({ doseNumber: 2, kind: 'primary', dueOn: '2022-03-29' });
    expect(body.person.lastMark).toMatchObject({ mark: 'vaccinated_elsewhere' });
    const dose = (await t.pool.query('SELECT * FROM vaccine_doses WHERE id = $1', [body.dose.id])).rows[0];
    expect(dose).toMatchObject({
      person_id: p.id,
      dose_number: 1,
      product: 'unknown',
      source: 'elsewhere',
      review_status: 'pending',
      flags: ['unknown_product'],
    });
    const stored = (await t.pool.query('SELECT * FROM door_marks WHERE id = $1', [body.mark.id])).rows[0];
    expect(stored).toMatchObject({
      person_id: p.id,
      mark: 'vaccinated_elsewhere',
      dose_id: body.dose.id,
      unit_code: '03387',
    });
    expect(await adults(1)).toEqual({ vaccinated: before.vaccinated + 1, residents: before.residents });
    const audit = await t.pool.query(
      `SELECT action, entity FROM audit_events WHERE entity_id IN ($1, $2) ORDER BY id`,
      [body.dose.id, body.mark.id],
    );
    expect(audit.rows).toEqual([
      { action: 'create', entity: 'vaccine_dose' },
      { action: 'create', entity: 'door_mark' },
    ]);
  });

  it('vaccinated here: the next dose recorded today with its product, coverage of that dose +1', async () => {
    const p = await person('1970-04-04');
    await doses(p.id, [
      ['pfizer', '2021-09-01'],
      ['pfizer', '2021-09-25'],
    ]);
    const before = await adults(3);
    const res = await mark(team, p.id, { mark: 'vaccinated_here', product: 'Pfizer', lot: 'FK1234' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.dose).toMatchObject({ doseNumber: 3, givenOn: today });
    const dose = (await t.pool.query('SELECT * FROM vaccine_doses WHERE id = $1', [body.dose.id])).rows[0];
    expect(dose).toMatchObject({ source: 'door', product: 'pfizer', lot: 'FK1234', kind: 'booster' });
    expect(await adults(3)).toEqual({ vaccinated: before.vaccinated + 1, residents: before.residents });
    // 56 now: mũi 4 four months after today's dose.
    expect(body.person.next).toMatchObject({ doseNumber: 4, status: 'soon' });
  });

  it('refused: kept on the list with the mark, nothing else changes', async () => {
    const p = await person('1988-08-08', await household('Số 3, Bản Từ Chối'));
    const before = await adults(1);
    const res = await mark(team, p.id, { mark: 'refused', reason: 'Gia đình không đồng ý' });
    expect(res.statusCode, res.body).toBe(201);
    expect(await adults(1)).toEqual(before);
    const body = await list(team, `unit=03387&${village('Bản Từ Chối')}`);
    expect(body.households[0].persons[0]).toMatchObject({
      id: p.id,
      next: { doseNumber: 1, status: 'due' },
      lastMark: { mark: 'refused', reason: 'Gia đình không đồng ý' },
    });
  });

  it('deferred: needs a reason and a later day; the due date moves there and the person leaves the list', async () => {
    const p = await person('1991-09-09', await household('Số 4, Bản Hoãn'));
    expectRefusal(
      await mark(team, p.id, { mark: 'deferred', reason: 'Đang sốt' }),
      'until_required',
      'until',
    );
    expectRefusal(
      await mark(team, p.id, { mark: 'deferred', until: addDays(today, 7) }),
      'reason_required',
      'reason',
    );
    expectRefusal(
      await mark(team, p.id, { mark: 'deferred', reason: 'Đang sốt', until: today }),
      'until_not_future',
      'until',
    );
    const until = addDays(today, 14);
    const before = await adults(1);
    const res = await mark(team, p.id, { mark: 'deferred', reason: 'Đang sốt', until });
    expect(res.statusCode, res.body).toBe(201);
    expect(await adults(1)).toEqual(before);
    const stored = (await t.pool.query('SELECT * FROM door_marks WHERE id = $1', [res.json().mark.id]))
      .rows[0];
    expect(stored).toMatchObject({
      mark: 'deferred',
      reason: 'Đang sốt',
      until,
      on_date: today,
      dose_id: null,
    });
    expect(res.json().person.next).toMatchObject({
      doseNumber: 1,
      dueOn: until,
      status: 'soon',
      deferredUntil: until,
    });
    expect((await list(team, `unit=03387&${village('Bản Hoãn')}`)).households).toEqual([]);
    const soon = await list(team, `unit=03387&${village('Bản Hoãn')}&within=14`);
    expect(soon.households[0].persons[0]).toMatchObject({ id: p.id, lastMark: { mark: 'deferred', until } });
  });

  it('moved away: left_on set, one resident fewer, off the list, a second mark is a conflict', async () => {
    const p = await person('1983-10-10', await household('Số 6, Bản Chuyển Đi'));
    await doses(p.id, [['moderna', '2021-10-10']]);
    expectRefusal(
      await mark(team, p.id, { mark: 'moved_away', onDate: addDays(today, 1) }),
      'on_date_future',
      'onDate',
    );
    const before = await adults(1);
    const res = await mark(team, p.id, {
      mark: 'moved_away',
      onDate: addDays(today, -3),
      reason: 'Đi làm ở Bình Dương',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().person).toBeNull();
    const row = (await t.pool.query('SELECT left_on, deceased_on FROM persons WHERE id = $1', [p.id]))
      .rows[0];
    expect(row).toEqual({ left_on: addDays(today, -3), deceased_on: null });
    expect(await adults(1)).toEqual({ vaccinated: before.vaccinated - 1, residents: before.residents - 1 });
    expect((await list(team, `unit=03387&${village('Bản Chuyển Đi')}`)).households).toEqual([]);
    const again = await mark(team, p.id, { mark: 'refused' });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.code).toBe('person_left');
  });

  it('deceased: not before a recorded dose; deceased_on set, one resident fewer', async () => {
    const p = await person('1940-11-11');
    await doses(p.id, [['sinopharm', '2021-11-11']]);
    expectRefusal(
      await mark(team, p.id, { mark: 'deceased', onDate: '2021-11-01' }),
      'on_date_before_dose',
      'onDate',
    );
    const before = await adults(1);
    const res = await mark(team, p.id, { mark: 'deceased', onDate: '2022-02-02' });
    expect(res.statusCode, res.body).toBe(201);
    const row = (await t.pool.query('SELECT left_on, deceased_on FROM persons WHERE id = $1', [p.id]))
      .rows[0];
    expect(row).toEqual({ left_on: null, deceased_on: '2022-02-02' });
    expect(await adults(1)).toEqual({ vaccinated: before.vaccinated - 1, residents: before.residents - 1 });
    const again = await mark(team, p.id, { mark: 'vaccinated_here', product: 'pfizer' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'person_deceased', field: 'personId' });
  });

  it('a mark sent again with the same Idempotency-Key (a phone retrying) is recorded once', async () => {
    const p = await person('1993-03-13');
    const send = () =>
      team.request({
        method: 'POST',
        url: `/api/v1/persons/${p.id}/door-marks`,
        payload: { mark: 'vaccinated_elsewhere', givenOn: '2021-12-12', doseNumber: 1, product: 'Vero Cell' },
        headers: { 'idempotency-key': `door-${p.id}` },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.json().mark.id).toBe(first.json().mark.id);
    const counts = await t.pool.query(
      `SELECT (SELECT count(*)::int FROM door_marks WHERE person_id = $1) AS marks,
              (SELECT count(*)::int FROM vaccine_doses WHERE person_id = $1) AS doses`,
      [p.id],
    );
    expect(counts.rows[0]).toEqual({ marks: 1, doses: 1 });
  });

  it('two teams marking the same dose at once: one is recorded, the other hears 409 naming doseNumber', async () => {
    const p = await person('1994-04-14');
    const other = await t.as('community_team', '03387');
    const answers = await Promise.all([
      mark(team, p.id, { mark: 'vaccinated_elsewhere', givenOn: '2021-10-10', doseNumber: 1 }),
      mark(other, p.id, { mark: 'vaccinated_elsewhere', givenOn: '2021-10-11', doseNumber: 1 }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().error).toMatchObject({
      code: 'dose_number_taken',
      field: 'doseNumber',
    });
    const counts = await t.pool.query(
      `SELECT (SELECT count(*)::int FROM door_marks WHERE person_id = $1) AS marks,
              (SELECT count(*)::int FROM vaccine_doses WHERE person_id = $1) AS doses`,
      [p.id],
    );
    expect(counts.rows[0]).toEqual({ marks: 1, doses: 1 });
  });

  it('refuses bad input by field, and a dose number already recorded as a conflict', async () => {
    const p = await person('1979-12-12');
    expectRefusal(
      await mark(team, p.id, { mark: 'vaccinated_elsewhere', givenOn: addDays(today, 2), doseNumber: 1 }),
      'given_on_future',
      'givenOn',
    );
    expectRefusal(
      await mark(team, p.id, { mark: 'vaccinated_elsewhere', doseNumber: 1 }),
      'given_on_required',
      'givenOn',
    );
    expectRefusal(
      await mark(team, p.id, { mark: 'vaccinated_elsewhere', givenOn: '2022-01-01' }),
      'dose_number_required',
      'doseNumber',
    );
    expectRefusal(
      await mark(team, p.id, { mark: 'vaccinated_elsewhere', givenOn: '2022-01-01', doseNumber: 7 }),
      'invalid_input',
      'doseNumber',
    );
    expectRefusal(await mark(team, p.id, { mark: 'vaccinated_here' }), 'product_required', 'product');
    expectRefusal(
      await mark(team, p.id, { mark: 'vaccinated_here', product: 'Thuốc lạ' }),
      'unknown_product',
      'product',
    );
    expectRefusal(
      await mark(team, p.id, { mark: 'refused', until: '2030-01-01' }),
      'field_not_for_mark',
      'until',
    );
    expectRefusal(await mark(team, p.id, { mark: 'vanished' }), 'invalid_input', 'mark');
    expectRefusal(
      await station.get('/api/v1/vaccination/door?unit=03387&asOf=2099-01-01'),
      'as_of_future',
      'asOf',
    );
    await doses(p.id, [['pfizer', '2021-08-08']]);
    const taken = await mark(team, p.id, {
      mark: 'vaccinated_elsewhere',
      givenOn: '2021-09-01',
      doseNumber: 1,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'dose_number_taken', field: 'doseNumber' });
    const marks = await t.pool.query('SELECT count(*)::int AS n FROM door_marks WHERE person_id = $1', [
      p.id,
    ]);
    expect(marks.rows[0].n).toBe(0);
  });
});

describe('jurisdiction', () => {
  it('another commune neither lists nor marks Tân Phong; a district is asked for a commune', async () => {
    const p = await person('1986-06-16');
    const res = await neighbour.get('/api/v1/vaccination/door?unit=03387');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'unit_not_found', field: 'unit' });
    expect((await neighbour.get('/api/v1/vaccination/door.pdf?unit=03387')).statusCode).toBe(404);
    expect((await neighbour.get('/api/v1/vaccination/door/villages?unit=03387')).statusCode).toBe(404);
    const marked = await mark(neighbour, p.id, { mark: 'refused' });
    expect(marked.statusCode).toBe(404);
    expect(marked.json().error).toMatchObject({ code: 'person_not_found' });
    // Its own commune is the default.
    expect(
      (await list(neighbour, 'limit=1')).households.every((h) => !h.persons.some((q) => q.id === p.id)),
    ).toBe(true);
    expectRefusal(await viewer.get('/api/v1/vaccination/door?unit=105'), 'unit_not_commune', 'unit');
    expect(
      (await list(viewer, 'unit=03387&limit=100')).households.some((h) =>
        h.persons.some((q) => q.id === p.id),
      ),
    ).toBe(true);
    expect((await mark(viewer, p.id, { mark: 'refused' })).statusCode).toBe(403);
    const none = await t.pool.query('SELECT count(*)::int AS n FROM door_marks WHERE person_id = $1', [p.id]);
    expect(none.rows[0].n).toBe(0);
  });
});
