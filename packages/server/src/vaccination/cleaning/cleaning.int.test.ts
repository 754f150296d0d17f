import { addDays, checkIdNumber, inferIdType } from '@tuyendau/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../http/time.ts';
import { expectRefusal } from '../../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../../test/harness.ts';
import { unitDirectory } from '../../units/directory.ts';
import { coverage } from '../coverage.ts';

/**
 * Vaccination data cleaning (issue 9 §6). Phường Tân Phong 03387 and Phường Quyết Thắng 03386 are
 * communes of TP Lai Châu (105), Lai Châu (12). The registry below is written in SQL, as an import
 * or an old registry would have left it (the forms refuse most of these mistakes), and every
 * expectation is counted by hand from it.
 */
let t: TestContext;
let station: Client; // health_station 03387: cleans its commune, with identity numbers in full
let neighbour: Client; // health_station 03386
let district: Client; // health_officer 105
let command: Client; // command_center 105: cleans, may not change a person, sees numbers masked
let team: Client; // community_team 03387: no vaccination.manage
let viewer: Client; // viewer 105: counts only

const today = todayInVietnam();

async function person(
  fullName: string,
  o: {
    unit?: string;
    birth?: string;
    sex?: 'male' | 'female';
    id?: string | null;
    idType?: string | null;
    phone?: string;
  } = {},
): Promise<string> {
  const { rows } = await t.pool.query(
    `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex, id_type, id_number, phone)
     VALUES ('12', $1, $2, lower(unaccent($2)), $3, $4, $5, $6, $7) RETURNING id`,
    [
      o.unit ?? '03387',
      fullName,
      o.birth ?? '1980-05-05',
      o.sex ?? 'male',
      o.id ? (o.idType === undefined ? 'cccd' : o.idType) : null,
      o.id ?? null,
      o.phone ?? null,
    ],
  );
  return rows[0].id;
}

async function dose(
  personId: string,
  doseNumber: number,
  givenOn: string,
  o: { unit?: string; flags?: string[]; review?: string } = {},
): Promise<string> {
  const { rows } = await t.pool.query(
    `INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, given_on, source, flags, review_status)
     VALUES ('12', $1, $2, $3, 'primary', 'astrazeneca', $4, 'import', $5, $6) RETURNING id`,
    [personId, o.unit ?? '03387', doseNumber, givenOn, o.flags ?? [], o.review ?? 'none'],
  );
  return rows[0].id;
}

/** A CCCD right for a man born in 1980 (012: Lai Châu; 0: male, 1900s; 80: the year), serial `n`. */
const cccd80 = (n: number) => `0120800${String(n).padStart(5, '0')}`;
const lower = (a: string, b: string) => (a < b ? a : b);

const P: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  [station, neighbour, district, command, team, viewer] = await Promise.all([
    t.as('health_station', '03387'),
    t.as('health_station', '03386'),
    t.as('health_officer', '105'),
    t.as('command_center', '105'),
    t.as('community_team', '03387'),
    t.as('viewer', '105'),
  ]);
  // Clean: a right number, two doses in order.
  P.clean = await person('Lò Văn Sạch', { id: cccd80(1) });
  await dose(P.clean, 1, '2021-08-01');
  await dose(P.clean, 2, '2021-10-30');
  // missing_id: vaccinated adults without a number (a child, a 16-year-old or the unvaccinated are not asked).
  P.noId = await person('Lò Văn An');
  await dose(P.noId, 1, '2021-08-01');
  P.child = await person('Lò Văn Nhỏ', { birth: '2015-01-01' });
  await dose(P.child, 1, '2022-05-01');
  P.unvaccinated = await person('Lò Văn Chưa');
  P.teen = await person('Lò Văn Thiếu', { birth: addDays(today, -16 * 365) });
  await dose(P.teen, 1, '2022-05-01');
  // invalid_id: a digit lost; the birth year digits wrong.
  P.shortId = await person('Lò Văn Bình', { id: '01208012345' });
  await dose(P.shortId, 1, '2021-08-01');
  P.wrongYear = await person('Lò Văn Cường', { id: '012085000777' });
  await dose(P.wrongYear, 1, '2021-08-01');
  // impossible_date: before the campaign (08/03/2021), before birth, in the future.
  P.early = await person('Lò Văn Dũng', { id: cccd80(2) });
  await dose(P.early, 1, '2021-01-15');
  P.beforeBirth = await person('Lò Văn Em', { birth: '2021-09-01' });
  await dose(P.beforeBirth, 1, '2021-08-01');
  P.future = await person('Lò Văn Giang', { id: cccd80(3) });
  await dose(P.future, 1, addDays(today, 10));
  // dose_sequence: dose 2 without dose 1; dose 2 before dose 1; a pending interval flag.
  P.noFirst = await person('Lò Văn Hải', { id: cccd80(4) });
  await dose(P.noFirst, 2, '2021-10-01');
  P.backwards = await person('Lò Văn Hùng', { id: cccd80(5) });
  await dose(P.backwards, 1, '2021-09-01');
  await dose(P.backwards, 2, '2021-08-01');
  P.tooSoon = await person('Lò Văn Khánh', { id: cccd80(6) });
  await dose(P.tooSoon, 1, '2021-08-01');
  await dose(P.tooSoon, 2, '2021-08-10', { flags: ['interval_too_short'], review: 'pending' });
  // duplicate_name: one woman twice (the second without a number: also missing_id).
  P.hoa1 = await person('Đèo Thị Hoa', { birth: '1990-02-02', sex: 'female', id: '012190000111' });
  await dose(P.hoa1, 1, '2021-08-01');
  P.hoa2 = await person('Deo Thi  Hoa'.replace('  ', ' '), { birth: '1990-02-02', sex: 'female' });
  await dose(P.hoa2, 1, '2021-08-01');
  await dose(P.hoa2, 2, '2021-10-30');
  // Not duplicates: the same name and birth date in two communes; two different numbers.
  P.lan1 = await person('Tòng Thị Lan', { birth: '1991-03-03', sex: 'female' });
  P.lan2 = await person('Tòng Thị Lan', { birth: '1991-03-03', sex: 'female', unit: '03386' });
  P.minh1 = await person('Vàng A Minh', { birth: '1980-01-01', id: cccd80(7) });
  P.minh2 = await person('Vàng A Minh', { birth: '1980-01-01', id: cccd80(8) });
  // duplicate_phone: two names, one phone.
  P.phone1 = await person('Lường Văn Nam', { phone: '0912345678' });
  P.phone2 = await person('Lường Thị Nga', { phone: '0912345678', sex: 'female' });
  // In the neighbour commune: a vaccinated adult without a number.
  P.there = await person('Lò Văn Quyết', { unit: '03386' });
  await dose(P.there, 1, '2021-08-01', { unit: '03386' });
});
afterAll(() => t.close());

const expected03387 = () =>
  new Map<string, string[]>([
    [P.noId, ['missing_id']],
    [P.shortId, ['invalid_id']],
    [P.wrongYear, ['invalid_id']],
    [P.early, ['impossible_date']],
    [P.beforeBirth, ['impossible_date']],
    [P.future, ['impossible_date']],
    [P.noFirst, ['dose_sequence']],
    [P.backwards, ['dose_sequence']],
    [P.tooSoon, ['dose_sequence']],
  ]);

async function problemsOf(unit: string) {
  const { rows } = await t.pool.query(
    `SELECT id, person_id, kind, other_person_id, detail, status FROM person_reviews WHERE unit_code = $1 ORDER BY person_id, kind`,
    [unit],
  );
  return rows as {
    id: string;
    person_id: string;
    kind: string;
    other_person_id: string | null;
    detail: string;
    status: string;
  }[];
}

describe('finding the problems', () => {
  it('finds each kind in a commune, in words, and a second look opens nothing more', async () => {
    const res = await station.post('/api/v1/vaccination/cleaning/scan', { unitCode: '03387' });
    expect(res.statusCode, res.body).toBe(200);
    // 9 single problems, missing_id of the second Hoa, one name pair, one phone pair.
    expect(res.json()).toMatchObject({ unitCode: '03387', found: 12, opened: 12 });

    const found = await problemsOf('03387');
    const want = expected03387();
    want.set(P.hoa2, ['missing_id']);
    const byPerson = new Map<string, string[]>();
    for (const r of found.filter((r) => !r.other_person_id)) {
      byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r.kind]);
    }
    expect(byPerson).toEqual(want);
    const pairs = found.filter((r) => r.other_person_id).map((r) => [r.kind, r.person_id, r.other_person_id]);
    expect(pairs.sort()).toEqual(
      [
        ['duplicate_name', lower(P.hoa1, P.hoa2), P.hoa1 === lower(P.hoa1, P.hoa2) ? P.hoa2 : P.hoa1],
        [
          'duplicate_phone',
          lower(P.phone1, P.phone2),
          P.phone1 === lower(P.phone1, P.phone2) ? P.phone2 : P.phone1,
        ],
      ].sort(),
    );
    const detail = (id: string) => found.find((r) => r.person_id === id)!.detail;
    expect(detail(P.early)).toBe(
      'Mũi 1 ghi ngày 15/01/2021, trước khi bắt đầu tiêm chủng COVID-19 (08/03/2021)',
    );
    expect(detail(P.beforeBirth)).toBe('Mũi 1 ghi ngày 01/08/2021, trước ngày sinh 01/09/2021');
    expect(detail(P.future)).toMatch(/^Mũi 1 ghi ngày \d\d\/\d\d\/\d{4}, sau ngày hôm nay$/);
    expect(detail(P.noFirst)).toBe('Có mũi 2 nhưng không có mũi 1');
    expect(detail(P.backwards)).toBe('Mũi 2 (01/08/2021) không sau mũi 1 (01/09/2021)');
    expect(detail(P.tooSoon)).toBe('Mũi 2: khoảng cách với mũi trước ngắn hơn quy định');
    expect(detail(P.shortId)).toBe('Số giấy tờ 01208012345: Số CCCD phải gồm 12 chữ số');
    expect(detail(P.wrongYear)).toContain('Hai chữ số năm sinh trong CCCD (85) không khớp với năm sinh 1980');

    const again = await station.post('/api/v1/vaccination/cleaning/scan', { unitCode: '03387' });
    expect(again.json()).toMatchObject({ found: 12, opened: 0 });
    expect(await problemsOf('03387')).toEqual(found);
  });

  it('flags in SQL exactly the identity numbers the domain rules refuse', async () => {
    const numbers: [string, string | undefined, string, 'male' | 'female'][] = [
      ['012080000901', undefined, '1980-05-05', 'male'], // right
      ['012180000902', undefined, '1980-05-05', 'male'], // odd 4th digit: a woman's
      ['012280000903', undefined, '1980-05-05', 'male'], // 2: born in the 2000s
      ['099080000904', undefined, '1980-05-05', 'male'], // no province 099
      ['012081000905', undefined, '1980-05-05', 'male'], // year 81
      ['01208000090A', 'cccd', '1980-05-05', 'male'], // a letter in a CCCD
      ['123456789', undefined, '1980-05-05', 'male'], // CMND 9: right
      ['12345678', 'cmnd9', '1980-05-05', 'male'], // CMND of 8 digits
      ['B1234567', undefined, '1980-05-05', 'male'], // passport: right
      ['b1234567', 'passport', '1980-05-05', 'male'], // lower-case letter
      ['12-34', undefined, '1980-05-05', 'male'], // no known shape
      ['012300000906', undefined, '2000-01-01', 'female'], // right for a woman born 2000
    ];
    const ids: string[] = [];
    for (const [n, type, birth, sex] of numbers) {
      ids.push(
        await person(`Kiểm Tra Số ${ids.length}`, { id: n, idType: type ?? null, birth, sex, unit: '03388' }),
      );
    }
    const res = await district.post('/api/v1/vaccination/cleaning/scan', { unitCode: '03388' });
    expect(res.statusCode, res.body).toBe(200);
    const flagged = new Set(
      (await problemsOf('03388')).filter((r) => r.kind === 'invalid_id').map((r) => r.person_id),
    );
    const domain = numbers.map(([n, type, birth, sex]) => {
      const idType = (type as never) ?? inferIdType(n);
      return idType === null || checkIdNumber({ idType, idNumber: n, birthDate: birth, sex }).length > 0;
    });
    expect(ids.map((id) => flagged.has(id))).toEqual(domain);
    expect(domain).toEqual([false, true, true, true, true, true, false, true, false, true, true, false]);
  });

  it('refuses a unit outside the jurisdiction, a role without the permission, and a bad body', async () => {
    const outside = await neighbour.post('/api/v1/vaccination/cleaning/scan', { unitCode: '03387' });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toMatchObject({ code: 'unit_not_found', field: 'unitCode' });
    expect((await team.post('/api/v1/vaccination/cleaning/scan', { unitCode: '03387' })).statusCode).toBe(
      403,
    );
    expectRefusal(await station.post('/api/v1/vaccination/cleaning/scan', {}), 'invalid_input', 'unitCode');
  });
});

describe('counts per unit', () => {
  it('counts the people to verify and verified per commune of a district, by kind, with progress', async () => {
    await district.post('/api/v1/vaccination/cleaning/scan', { unitCode: '105' });
    const res = await viewer.get('/api/v1/vaccination/cleaning/counts?unit=105');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({ code: '105', level: 'district' });
    const row = (code: string) => body.units.find((u: { unitCode: string }) => u.unitCode === code);
    const people03387 = new Set([
      ...expected03387().keys(),
      P.hoa2,
      lower(P.hoa1, P.hoa2),
      lower(P.phone1, P.phone2),
    ]);
    expect(row('03387')).toMatchObject({
      unitName: expect.stringContaining('Tân Phong'),
      toVerify: people03387.size,
      verified: 0,
      progress: 0,
      kinds: {
        missing_id: 2,
        invalid_id: 2,
        impossible_date: 3,
        dose_sequence: 3,
        duplicate_name: 1,
        duplicate_phone: 1,
      },
    });
    expect(row('03386')).toMatchObject({ toVerify: 1, verified: 0, kinds: { missing_id: 1 } });
    // A commune with nothing to verify is listed with no progress to show.
    const quiet = body.units.find(
      (u: { unitCode: string; toVerify: number }) => !['03386', '03387', '03388'].includes(u.unitCode),
    );
    expect(quiet).toMatchObject({ toVerify: 0, verified: 0, progress: null });
    expect(body.total.toVerify).toBe(
      body.units.reduce((s: number, u: { toVerify: number }) => s + u.toVerify, 0),
    );

    const province = await t.as('health_officer', '12');
    const up = (await province.get('/api/v1/vaccination/cleaning/counts?unit=12')).json();
    expect(up.units.find((u: { unitCode: string }) => u.unitCode === '105').toVerify).toBe(
      body.total.toVerify,
    );
  });

  it('refuses counts of a unit outside the jurisdiction', async () => {
    const res = await neighbour.get('/api/v1/vaccination/cleaning/counts?unit=03387');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.field).toBe('unit');
  });
});

describe('the list of problems', () => {
  it('pages by keyset through every open problem of a commune, filtered by kind', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await station.get(
        `/api/v1/vaccination/cleaning/problems?unit=03387&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items.map((i: { id: string }) => i.id));
      cursor = res.json().next;
    } while (cursor);
    const open = (await problemsOf('03387')).filter((r) => r.status === 'open').map((r) => r.id);
    expect(seen).toEqual([...open].sort());

    const ids = await station.get('/api/v1/vaccination/cleaning/problems?unit=03387&kind=invalid_id');
    const items = ids.json().items;
    expect(items.map((i: { person: { id: string } }) => i.person.id).sort()).toEqual(
      [P.shortId, P.wrongYear].sort(),
    );
    expect(items.find((i: { person: { id: string } }) => i.person.id === P.shortId)).toMatchObject({
      kind: 'invalid_id',
      status: 'open',
      person: { fullName: 'Lò Văn Bình', idNumber: '01208012345', doses: 1 },
      other: null,
    });
  });

  it('masks identity numbers, in the record and in the words, for a role without them', async () => {
    const res = await command.get('/api/v1/vaccination/cleaning/problems?unit=03387&kind=invalid_id');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain('01208012345');
    expect(res.body).not.toContain('012085000777');
  });

  it('names the bad input: an unknown kind, a forged cursor, a status not in the list', async () => {
    expectRefusal(
      await station.get('/api/v1/vaccination/cleaning/problems?kind=ghost'),
      'kind_invalid',
      'kind',
    );
    expectRefusal(
      await station.get('/api/v1/vaccination/cleaning/problems?cursor=bm9wZQ'),
      'invalid_cursor',
      'cursor',
    );
    expect((await station.get('/api/v1/vaccination/cleaning/problems?status=lost')).statusCode).toBe(400);
    expect((await neighbour.get('/api/v1/vaccination/cleaning/problems?unit=03387')).statusCode).toBe(404);
    expect((await viewer.get('/api/v1/vaccination/cleaning/problems?unit=105')).statusCode).toBe(403);
  });
});

const problemOf = async (personId: string, kind: string) =>
  (
    await problemsOf(
      (
        await t.pool.query('SELECT unit_code FROM persons WHERE id = $1', [personId])
      ).rows[0].unit_code,
    )
  ).find((r) => (r.person_id === personId || r.other_person_id === personId) && r.kind === kind)!;

describe('correcting and confirming', () => {
  it('corrects a mistyped number through the persons service and closes the problem', async () => {
    const problem = await problemOf(P.shortId, 'invalid_id');
    const res = await station.post(`/api/v1/vaccination/cleaning/problems/${problem.id}/correct`, {
      person: { idNumber: cccd80(12345) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'corrected',
      stillOpen: false,
      person: { idNumber: cccd80(12345) },
    });
    const claimed = await t.pool.query('SELECT person_id FROM identity_numbers WHERE id_number = $1', [
      cccd80(12345),
    ]);
    expect(claimed.rows).toEqual([{ person_id: P.shortId }]);
    const again = await station.post(`/api/v1/vaccination/cleaning/problems/${problem.id}/correct`, {
      person: { idNumber: cccd80(12346) },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('problem_closed');
  });

  it('refuses a correction the person rules refuse, and leaves the problem open', async () => {
    const problem = await problemOf(P.wrongYear, 'invalid_id');
    const res = await station.post(`/api/v1/vaccination/cleaning/problems/${problem.id}/correct`, {
      person: { idNumber: '012099000777' },
    });
    expectRefusal(res, 'cccd_birth_year', 'idNumber');
    expect((await problemOf(P.wrongYear, 'invalid_id')).status).toBe('open');
    expectRefusal(
      await station.post(`/api/v1/vaccination/cleaning/problems/${problem.id}/correct`, { person: {} }),
      'invalid_input',
      'person',
    );
    const noWrite = await command.post(`/api/v1/vaccination/cleaning/problems/${problem.id}/correct`, {
      person: { idNumber: cccd80(777) },
    });
    expect(noWrite.statusCode).toBe(403);
    const outside = await neighbour.post(`/api/v1/vaccination/cleaning/problems/${problem.id}/correct`, {
      person: { idNumber: cccd80(777) },
    });
    expect(outside.statusCode).toBe(404);
  });

  it('opens the problem again when the correction did not cure it', async () => {
    const problem = await problemOf(P.noId, 'missing_id');
    const res = await station.post(`/api/v1/vaccination/cleaning/problems/${problem.id}/correct`, {
      person: { address: 'Tổ 5, phường Tân Phong' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'open', stillOpen: true });
  });

  it('confirms two people sharing a phone as two, and a new look never raises the pair again', async () => {
    const problem = await problemOf(P.phone1, 'duplicate_phone');
    const res = await station.post(`/api/v1/vaccination/cleaning/problems/${problem.id}/confirm`, {
      note: 'Hai vợ chồng dùng chung số',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed' });
    expect(
      (await station.post(`/api/v1/vaccination/cleaning/problems/${problem.id}/confirm`, {})).statusCode,
    ).toBe(409);
    await station.post('/api/v1/vaccination/cleaning/scan', { unitCode: '03387' });
    expect((await problemOf(P.phone1, 'duplicate_phone')).status).toBe('confirmed');
    const audit = await t.pool.query(
      `SELECT detail->>'note' AS note FROM audit_events WHERE action = 'confirm' AND entity_id = $1`,
      [problem.id],
    );
    expect(audit.rows).toEqual([{ note: 'Hai vợ chồng dùng chung số' }]);
    const counts = (await station.get('/api/v1/vaccination/cleaning/counts?unit=03387')).json();
    // The number corrected and the phone pair confirmed: two people verified.
    expect(counts.total.verified).toBe(2);
  });
});

describe('merging two records of one person', () => {
  const cov = async () => {
    const rows = await coverage(t.pool, await unitDirectory(t.pool), '03387', '2022-08-31');
    const at = (dose: number) =>
      rows.find((r) => r.unitCode === '03387' && r.ageGroup === '18+' && r.dose === dose)!;
    return { population: at(1).registryPopulation, d1: at(1).vaccinated, d2: at(2).vaccinated };
  };
  const state = async () =>
    (
      await t.pool.query(
        `SELECT (SELECT json_agg(d ORDER BY id) FROM vaccine_doses d WHERE person_id = ANY($1::uuid[]) OR merged_from = ANY($1::uuid[])) AS doses,
                (SELECT json_agg(json_build_object('id', p.id, 'merged_into', p.merged_into) ORDER BY id) FROM persons p WHERE id = ANY($1::uuid[])) AS persons,
                (SELECT json_agg(r ORDER BY id) FROM person_reviews r WHERE person_id = ANY($1::uuid[]) OR other_person_id = ANY($1::uuid[])) AS reviews,
                (SELECT json_agg(s ORDER BY person_id) FROM vaccination_status s WHERE person_id = ANY($1::uuid[])) AS status,
                (SELECT json_agg(c ORDER BY birth_month, unit_code) FROM dose_cells c WHERE unit_code IN ('03387', '105')) AS cells`,
        [[P.hoa1, P.hoa2]],
      )
    ).rows[0];

  it('keeps every dose, counts the pair once, and an undo restores exactly the state before', async () => {
    const before = await state();
    const covBefore = await cov();
    const problem = await problemOf(P.hoa1, 'duplicate_name');
    const detail = await station.get(`/api/v1/vaccination/cleaning/problems/${problem.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const d = detail.json();
    const hoa1 = d.person.id === P.hoa1 ? d.person : d.other;
    const hoa2 = d.person.id === P.hoa2 ? d.person : d.other;
    expect(hoa1.doseList.map((x: { doseNumber: number }) => x.doseNumber)).toEqual([1]);
    expect(
      hoa2.doseList.map((x: { doseNumber: number; productName: string }) => [x.doseNumber, x.productName]),
    ).toEqual([
      [1, 'AstraZeneca (Vaxzevria)'],
      [2, 'AstraZeneca (Vaxzevria)'],
    ]);

    const res = await station.post('/api/v1/vaccination/cleaning/merges', {
      survivorId: P.hoa1,
      mergedId: P.hoa2,
      reason: 'Cùng một người, ghi hai lần',
    });
    expect(res.statusCode, res.body).toBe(201);
    // Both dose 1 moved under the survivor (hers current, the other superseded), dose 2 current;
    // the name pair and the second record's missing number closed as merged.
    expect(res.json()).toMatchObject({ dosesMoved: 2, dosesSuperseded: 1, problemsClosed: 2 });
    const mergeId = res.json().id;
    const doses = await t.pool.query(
      `SELECT dose_number, merged_from, superseded_by FROM vaccine_doses WHERE person_id = $1 ORDER BY dose_number, merged_from NULLS FIRST`,
      [P.hoa1],
    );
    expect(doses.rows).toEqual([
      { dose_number: 1, merged_from: null, superseded_by: null },
      { dose_number: 1, merged_from: P.hoa2, superseded_by: mergeId },
      { dose_number: 2, merged_from: P.hoa2, superseded_by: null },
    ]);
    expect(
      (await t.pool.query('SELECT merged_into FROM persons WHERE id = $1', [P.hoa2])).rows[0].merged_into,
    ).toBe(P.hoa1);
    // One woman now: one person fewer in the population and with dose 1; dose 2 still counted once.
    expect(await cov()).toEqual({
      population: covBefore.population - 1,
      d1: covBefore.d1 - 1,
      d2: covBefore.d2,
    });
    const merged = await station.get(`/api/v1/vaccination/cleaning/problems/${problem.id}`);
    expect(merged.json()).toMatchObject({ status: 'merged', merge: { id: mergeId, survivorId: P.hoa1 } });
    const audit = await t.pool.query(
      `SELECT detail FROM audit_events WHERE action = 'merge' AND entity_id = $1`,
      [P.hoa2],
    );
    expect(audit.rows[0].detail).toMatchObject({ mergeId, survivorId: P.hoa1, doses: 2, superseded: 1 });

    const undo = await station.post(`/api/v1/vaccination/cleaning/merges/${mergeId}/undo`, {});
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json()).toMatchObject({ dosesRestored: 2, problemsReopened: 2 });
    expect(await cov()).toEqual(covBefore);
    expect(await state()).toEqual(before);
    const twice = await station.post(`/api/v1/vaccination/cleaning/merges/${mergeId}/undo`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('merge_undone');
  });

  it('lets one of two merges racing for the same people win; the other hears 409', async () => {
    const a = await person('Sùng A Páo', { birth: '1985-01-01', id: '012085000321' });
    const b = await person('Sung A Pao', { birth: '1985-01-01' });
    await dose(a, 1, '2021-08-01');
    await dose(b, 2, '2021-10-30');
    const [x, y] = await Promise.all([
      station.post('/api/v1/vaccination/cleaning/merges', { survivorId: a, mergedId: b }),
      district.post('/api/v1/vaccination/cleaning/merges', { survivorId: b, mergedId: a }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([201, 409]);
    const loser = x.statusCode === 409 ? x : y;
    expect(loser.json().error.code).toBe('person_merged');
    const { rows } = await t.pool.query(
      'SELECT count(*) FILTER (WHERE merged_into IS NOT NULL)::int AS merged FROM persons WHERE id IN ($1, $2)',
      [a, b],
    );
    expect(rows[0].merged).toBe(1);
    const moves = await t.pool.query(
      'SELECT count(*)::int AS n FROM person_merges WHERE $1 IN (survivor_id, merged_id)',
      [a],
    );
    expect(moves.rows[0].n).toBe(1);
  });

  it('refuses an undo once a later merge moved the survivor, until that one is undone', async () => {
    const s = await person('Giàng A Sử', { birth: '1975-06-06' });
    const m = await person('Giang A Su', { birth: '1975-06-06' });
    const last = await person('Giàng A Sử', { birth: '1975-06-06', id: '012075000432' });
    await dose(m, 1, '2021-08-01');
    const first = (
      await station.post('/api/v1/vaccination/cleaning/merges', { survivorId: s, mergedId: m })
    ).json();
    const second = await station.post('/api/v1/vaccination/cleaning/merges', {
      survivorId: last,
      mergedId: s,
    });
    expect(second.statusCode, second.body).toBe(201);
    const blocked = await station.post(`/api/v1/vaccination/cleaning/merges/${first.id}/undo`, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('merge_moved_on');
    // The dose of the first record kept its first owner through both merges.
    const moved = await t.pool.query(
      'SELECT person_id, merged_from FROM vaccine_doses WHERE merged_from = $1',
      [m],
    );
    expect(moved.rows).toEqual([{ person_id: last, merged_from: m }]);
    expect(
      (await station.post(`/api/v1/vaccination/cleaning/merges/${second.json().id}/undo`, {})).statusCode,
    ).toBe(200);
    expect((await station.post(`/api/v1/vaccination/cleaning/merges/${first.id}/undo`, {})).statusCode).toBe(
      200,
    );
    const back = await t.pool.query('SELECT person_id, merged_from FROM vaccine_doses WHERE person_id = $1', [
      m,
    ]);
    expect(back.rows).toEqual([{ person_id: m, merged_from: null }]);
  });

  it('refuses bad merges: the same record twice, a record outside, a record already merged, a bad id', async () => {
    expectRefusal(
      await station.post('/api/v1/vaccination/cleaning/merges', { survivorId: P.minh1, mergedId: P.minh1 }),
      'merge_same_person',
      'mergedId',
    );
    const outside = await neighbour.post('/api/v1/vaccination/cleaning/merges', {
      survivorId: P.minh1,
      mergedId: P.minh2,
    });
    expect(outside.statusCode).toBe(404);
    const across = await station.post('/api/v1/vaccination/cleaning/merges', {
      survivorId: P.lan1,
      mergedId: P.lan2,
    });
    expect(across.statusCode).toBe(404);
    expect(across.json().error.field).toBe('mergedId');
    expectRefusal(
      await station.post('/api/v1/vaccination/cleaning/merges', { survivorId: 'x', mergedId: P.minh2 }),
      'invalid_input',
      'survivorId',
    );
    const gone = await person('Lò Thị Đã Gộp', { birth: '1970-01-01', sex: 'female' });
    await t.pool.query('UPDATE persons SET merged_into = $1 WHERE id = $2', [P.minh1, gone]);
    const merged = await station.post('/api/v1/vaccination/cleaning/merges', {
      survivorId: P.minh2,
      mergedId: gone,
    });
    expect(merged.statusCode).toBe(409);
    expect(merged.json().error).toMatchObject({ code: 'person_merged', field: 'mergedId' });
    const problem = await problemOf(P.early, 'impossible_date');
    expect((await neighbour.get(`/api/v1/vaccination/cleaning/problems/${problem.id}`)).statusCode).toBe(404);
    expect((await team.get(`/api/v1/vaccination/cleaning/problems/${problem.id}`)).statusCode).toBe(403);
  });
});
