import { addDays } from '@tuyendau/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushReads } from '../audit/audit.ts';
import { todayInVietnam } from '../http/time.ts';
import { expectRefusal, rowCount } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';
import { unitDirectory } from '../units/directory.ts';
import { coverage } from './coverage.ts';

/**
 * Recording a person's doses (issue 9, point 1): the rules flag and never refuse, a dose number
 * is recorded once unless corrected, a reviewer's rejection stops the dose counting, and all of it
 * inside the caller's jurisdiction. Phường Tân Phong 03387 and Phường Quyết Thắng 03386 are
 * communes of TP Lai Châu (105).
 */
let t: TestContext;
let station: Client; // health_station of 03387: records and reviews
let team: Client; // community_team of 03387: records, may not review
let neighbour: Client; // health_station of 03386
let viewer: Client; // viewer of TP Lai Châu: reads only

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  team = await t.as('community_team', '03387');
  neighbour = await t.as('health_station', '03386');
  viewer = await t.as('viewer', '105');
});
afterAll(() => t.close());

let n = 0;
/** A name of letters only, different for each person (a name and birth date seen twice is a likely duplicate). */
function nameOf(i: number): string {
  let word = '';
  for (let k = i + 26; k > 0; k = Math.floor(k / 26)) word = String.fromCharCode(97 + (k % 26)) + word;
  return `Tòng Văn ${word[0].toUpperCase()}${word.slice(1)}`;
}

async function person(client: Client, birthDate = '1980-05-05', unitCode = '03387'): Promise<string> {
  const res = await client.post('/api/v1/persons', {
    fullName: nameOf(n++),
    birthDate,
    sex: 'male',
    unitCode,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const dose = (client: Client, personId: string, body: Record<string, unknown>) =>
  client.post(`/api/v1/persons/${personId}/doses`, body);

const doseRow = async (id: string) =>
  (await t.pool.query('SELECT * FROM vaccine_doses WHERE id = $1', [id])).rows[0];

describe('recording a dose', () => {
  it('records a clean dose where the person lives, and lists it with its product and sync state', async () => {
    const id = await person(station);
    const res = await dose(station, id, {
      doseNumber: 1,
      product: 'AZ',
      lot: ' NJ0342 ',
      givenOn: '2021-08-02',
      site: 'Trạm Y tế phường Tân Phong',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      doseNumber: 1,
      kind: 'primary',
      product: 'astrazeneca',
      productName: 'AstraZeneca (Vaxzevria)',
      lot: 'NJ0342',
      givenOn: '2021-08-02',
      synced: false,
      flags: [],
      reviewStatus: 'none',
      unitCode: '03387',
    });
    const row = await doseRow(res.json().id);
    expect(row).toMatchObject({ unit_code: '03387', province_code: '12', source: 'entry', flags: [] });

    const second = await dose(station, id, {
      doseNumber: 2,
      product: 'astrazeneca',
      givenOn: '2021-10-01',
      nationalId: 'MMT-0001',
    });
    expect(second.statusCode, second.body).toBe(201);
    const list = await viewer.get(`/api/v1/persons/${id}/doses`);
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body.doses.map((d: { doseNumber: number; synced: boolean }) => [d.doseNumber, d.synced])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(body.superseded).toEqual([]);
    // Two AstraZeneca doses: mũi 3 is next, three months after the second by today's rules.
    expect(body.next).toMatchObject({ doseNumber: 3, kind: 'booster', dueOn: '2022-01-01', overdue: true });
    await flushReads(t.pool);
    const audit = await t.pool.query(
      `SELECT action FROM audit_events WHERE entity = 'person' AND entity_id = $1 AND detail->>'doses' = '2'`,
      [id],
    );
    expect(audit.rows).toEqual([{ action: 'read' }]);
  });

  it('flags a child too young on the day and a dose given too soon, in Vietnamese, to be reviewed', async () => {
    const child = await person(station, '2015-03-03');
    const young = await dose(station, child, { doseNumber: 1, product: 'pfizer', givenOn: '2021-09-01' });
    expect(young.statusCode, young.body).toBe(201);
    expect(young.json().reviewStatus).toBe('pending');
    const codes = young.json().flags.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['too_young', 'product_age']));
    const tooYoung = young.json().flags.find((f: { code: string }) => f.code === 'too_young');
    expect(tooYoung.message).toMatch(/^Người 6 tuổi chưa thuộc diện tiêm theo/);
    expect((await doseRow(young.json().id)).flags).toEqual(codes);

    const adult = await person(station);
    await dose(station, adult, { doseNumber: 1, product: 'Pfizer', givenOn: '2021-08-01' });
    const soon = await dose(station, adult, { doseNumber: 2, product: 'Pfizer', givenOn: '2021-08-10' });
    expect(soon.statusCode, soon.body).toBe(201);
    expect(soon.json()).toMatchObject({
      reviewStatus: 'pending',
      flags: [
        {
          code: 'interval_too_short',
          message:
            'Mũi 2 sớm hơn khoảng cách tối thiểu 21 ngày của Pfizer-BioNTech (Comirnaty) (sớm nhất 22/08/2021)',
        },
      ],
    });
    // The person's page words the stored flags the same way.
    const listed = (await station.get(`/api/v1/persons/${adult}/doses`)).json();
    expect(listed.doses[1].flags[0].message).toBe(soon.json().flags[0].message);
  });

  it('refuses the same dose number twice, naming doseNumber, and keeps the first', async () => {
    const id = await person(station);
    expect(
      (await dose(station, id, { doseNumber: 1, product: 'moderna', givenOn: '2021-09-09' })).statusCode,
    ).toBe(201);
    const again = await dose(team, id, { doseNumber: 1, product: 'pfizer', givenOn: '2021-10-10' });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'dose_number_taken', field: 'doseNumber' });
    expect(again.json().error.message).toContain('đã có mũi 1 (tiêm ngày 09/09/2021)');
    const rows = await t.pool.query('SELECT product FROM vaccine_doses WHERE person_id = $1', [id]);
    expect(rows.rows).toEqual([{ product: 'moderna' }]);
  });

  it('refuses a national platform id already given to another dose', async () => {
    const a = await person(station);
    const b = await person(station);
    await dose(station, a, {
      doseNumber: 1,
      product: 'pfizer',
      givenOn: '2021-09-09',
      nationalId: 'MMT-DUP',
    });
    const res = await dose(station, b, {
      doseNumber: 1,
      product: 'pfizer',
      givenOn: '2021-09-09',
      nationalId: 'MMT-DUP',
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'national_id_taken', field: 'nationalId' });
  });

  it('of two records of one dose number at once, stores one (201) and refuses the other (409)', async () => {
    const id = await person(station);
    const body = { doseNumber: 1, product: 'sinopharm', givenOn: '2021-07-07' };
    for (let round = 0; round < 3; round++) {
      const target = round === 0 ? id : await person(station);
      const results = await Promise.all([dose(station, target, body), dose(team, target, body)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const refused = results.find((r) => r.statusCode === 409)!;
      expect(refused.json().error).toMatchObject({ code: 'dose_number_taken', field: 'doseNumber' });
      const rows = await t.pool.query('SELECT count(*)::int AS n FROM vaccine_doses WHERE person_id = $1', [
        target,
      ]);
      expect(rows.rows[0].n).toBe(1);
    }
  });
});

describe('bad input is refused naming the field, and nothing is written', () => {
  it.each([
    ['a date in the future', { givenOn: addDays(todayInVietnam(), 1) }, 'given_on_future', 'givenOn'],
    ['a date before birth', { givenOn: '1979-12-31' }, 'given_before_birth', 'givenOn'],
    ['an impossible date', { givenOn: '2021-02-30' }, 'invalid_input', 'givenOn'],
    ['a date that is not one', { givenOn: '02/08/2021' }, 'invalid_input', 'givenOn'],
    ['an unknown product', { product: 'Nước lã' }, 'unknown_product', 'product'],
    ['dose number 7', { doseNumber: 7 }, 'invalid_input', 'doseNumber'],
    ['dose number 0', { doseNumber: 0 }, 'invalid_input', 'doseNumber'],
    ['a dose number that is not a number', { doseNumber: 'hai' }, 'invalid_input', 'doseNumber'],
    ['a NUL byte', { lot: 'A\u0000B' }, 'nul_byte', 'lot'],
    ['a site too long', { site: 'x'.repeat(201) }, 'invalid_input', 'site'],
    ['an unknown kind', { kind: 'extra' }, 'invalid_input', 'kind'],
    ['no product', { product: undefined }, 'invalid_input', 'product'],
  ])('%s', async (_what, change, code, field) => {
    const id = await person(station, '1980-01-01');
    const before = await rowCount(t.pool, 'vaccine_doses');
    const res = await dose(station, id, {
      doseNumber: 1,
      product: 'pfizer',
      givenOn: '2021-09-01',
      ...change,
    });
    expectRefusal(res, code, field);
    expect(res.json().error.message).not.toMatch(/[A-Z_]{6,}|syntax|violat/);
    expect(await rowCount(t.pool, 'vaccine_doses')).toBe(before);
  });

  it('refuses a correction without a reason, and a review rejection without a note', async () => {
    const id = await person(station);
    const first = (
      await dose(station, id, { doseNumber: 1, product: 'pfizer', givenOn: '2021-09-01' })
    ).json();
    expectRefusal(
      await station.post(`/api/v1/doses/${first.id}/correct`, { givenOn: '2021-09-02' }),
      'invalid_input',
      'reason',
    );
    expectRefusal(
      await station.post(`/api/v1/doses/${first.id}/correct`, { givenOn: '2021-09-02', reason: '   ' }),
      'reason_required',
      'reason',
    );
    expectRefusal(
      await station.post(`/api/v1/doses/${first.id}/review`, { decision: 'maybe' }),
      'invalid_input',
      'decision',
    );
    const child = await person(station, '2016-01-01');
    const flagged = (
      await dose(station, child, { doseNumber: 1, product: 'pfizer', givenOn: '2021-09-01' })
    ).json();
    expectRefusal(
      await station.post(`/api/v1/doses/${flagged.id}/review`, { decision: 'rejected' }),
      'note_required',
      'note',
    );
  });
});

describe('correcting a dose', () => {
  it('supersedes the wrong dose with the new one in one step, keeps it as history with the reason', async () => {
    const id = await person(station);
    const one = (await dose(station, id, { doseNumber: 1, product: 'pfizer', givenOn: '2021-08-01' })).json();
    // The second dose was entered as a first elsewhere: here it is entered with a wrong date.
    const two = (
      await dose(station, id, {
        doseNumber: 2,
        product: 'pfizer',
        givenOn: '2021-08-05',
        nationalId: 'MMT-77',
      })
    ).json();
    expect(two.reviewStatus).toBe('pending');
    const fixed = await team.post(`/api/v1/doses/${two.id}/correct`, {
      givenOn: '2021-08-25',
      reason: 'Nhập nhầm ngày tiêm theo sổ tiêm chủng',
    });
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.json()).toMatchObject({
      doseNumber: 2,
      givenOn: '2021-08-25',
      nationalId: 'MMT-77',
      flags: [],
      reviewStatus: 'none',
    });
    const old = await doseRow(two.id);
    expect(old.superseded_by).toBe(fixed.json().id);
    expect(old.national_id).toBeNull();

    const list = (await station.get(`/api/v1/persons/${id}/doses`)).json();
    expect(list.doses.map((d: { id: string }) => d.id)).toEqual([one.id, fixed.json().id]);
    expect(list.superseded).toHaveLength(1);
    expect(list.superseded[0]).toMatchObject({
      id: two.id,
      givenOn: '2021-08-05',
      supersededBy: {
        id: fixed.json().id,
        doseNumber: 2,
        givenOn: '2021-08-25',
        reason: 'Nhập nhầm ngày tiêm theo sổ tiêm chủng',
      },
    });
    const audit = await t.pool.query(
      `SELECT detail FROM audit_events WHERE entity = 'vaccine_dose' AND action = 'correct' AND entity_id = $1`,
      [fixed.json().id],
    );
    expect(audit.rows[0].detail).toMatchObject({
      supersedes: two.id,
      reason: 'Nhập nhầm ngày tiêm theo sổ tiêm chủng',
      changed: ['givenOn'],
      before: { givenOn: '2021-08-05' },
      after: { givenOn: '2021-08-25' },
    });

    // The old one cannot be corrected again; the new one can, but not into a number taken.
    const twice = await station.post(`/api/v1/doses/${two.id}/correct`, {
      givenOn: '2021-08-26',
      reason: 'x',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('dose_superseded');
    const taken = await station.post(`/api/v1/doses/${fixed.json().id}/correct`, {
      doseNumber: 1,
      reason: 'x',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'dose_number_taken', field: 'doseNumber' });
    const same = await station.post(`/api/v1/doses/${fixed.json().id}/correct`, {
      givenOn: '2021-08-25',
      reason: 'x',
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.code).toBe('nothing_changed');
  });

  it('turns a second dose recorded as a first into dose 2', async () => {
    const id = await person(station);
    const wrong = (
      await dose(station, id, { doseNumber: 1, product: 'moderna', givenOn: '2021-10-10' })
    ).json();
    const fixed = await station.post(`/api/v1/doses/${wrong.id}/correct`, {
      doseNumber: 2,
      reason: 'Là mũi 2; mũi 1 tiêm ở tỉnh khác',
    });
    expect(fixed.statusCode, fixed.body).toBe(201);
    // Dose 2 without a dose 1 is a sequence error: recorded, flagged for review.
    expect(fixed.json()).toMatchObject({ doseNumber: 2, kind: 'primary', reviewStatus: 'pending' });
    expect(fixed.json().flags.map((f: { code: string }) => f.code)).toContain('sequence');
    // Dose 1 is free again.
    const first = await dose(station, id, { doseNumber: 1, product: 'moderna', givenOn: '2021-09-10' });
    expect(first.statusCode, first.body).toBe(201);
  });
});

describe('reviewing flagged doses', () => {
  it('lists pending doses of the jurisdiction page by page; a rejection stops the dose counting', async () => {
    const today = todayInVietnam();
    const cov = async () =>
      (await coverage(t.pool, await unitDirectory(t.pool), '03387', today)).find(
        (r) => r.unitCode === '03387' && r.ageGroup === '18+' && r.dose === 1,
      )!.vaccinated;
    const id = await person(station, '2003-06-01');
    // 18 in 2021-06: dose 1 with Pfizer on 2021-05-20 is before the 18th birthday: flagged, counting.
    const before = await cov();
    const flagged = (
      await dose(station, id, { doseNumber: 1, product: 'pfizer', givenOn: '2021-05-20' })
    ).json();
    expect(flagged.reviewStatus).toBe('pending');
    expect(await cov()).toBe(before + 1);

    // Every pending dose of the commune, oldest first, across pages of one.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await station.get(
        `/api/v1/vaccination/reviews?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...page.json().items.map((i: { id: string }) => i.id));
      cursor = page.json().next;
    } while (cursor);
    const pending = await t.pool.query(
      `SELECT id FROM vaccine_doses WHERE review_status = 'pending' AND superseded_by IS NULL AND unit_code = '03387'
        ORDER BY created_at, id`,
    );
    expect(seen).toEqual(pending.rows.map((r) => r.id));
    const item = (await station.get('/api/v1/vaccination/reviews?unit=03387&limit=200'))
      .json()
      .items.find((i: { id: string }) => i.id === flagged.id);
    expect(item.person).toMatchObject({ id, birthDate: '2003-06-01' });
    expect(item.flags.map((f: { message: string }) => f.message).join(' ')).toMatch(/17 tuổi/);
    // The neighbour commune sees none of them.
    const theirs = (await neighbour.get('/api/v1/vaccination/reviews')).json();
    expect(theirs.items.filter((i: { unitCode: string }) => i.unitCode === '03387')).toEqual([]);

    // A team may record but not review.
    expect((await team.post(`/api/v1/doses/${flagged.id}/review`, { decision: 'accepted' })).statusCode).toBe(
      403,
    );
    const rejected = await station.post(`/api/v1/doses/${flagged.id}/review`, {
      decision: 'rejected',
      note: 'Ngày tiêm sai, người này chưa đủ 18 tuổi',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({
      reviewStatus: 'rejected',
      reviewNote: 'Ngày tiêm sai, người này chưa đủ 18 tuổi',
    });
    expect(await cov()).toBe(before);
    const again = await station.post(`/api/v1/doses/${flagged.id}/review`, { decision: 'accepted' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'not_pending', message: 'Mũi tiêm này đã bị loại' });
    const listed = (await station.get('/api/v1/vaccination/reviews?limit=200')).json();
    expect(listed.items.map((i: { id: string }) => i.id)).not.toContain(flagged.id);
    const audit = await t.pool.query(
      `SELECT detail->>'decision' AS decision FROM audit_events WHERE entity = 'vaccine_dose' AND action = 'review' AND entity_id = $1`,
      [flagged.id],
    );
    expect(audit.rows).toEqual([{ decision: 'rejected' }]);
  });

  it('accepts a flagged dose: it keeps counting and leaves the queue', async () => {
    const child = await person(station, '2016-02-02');
    const flagged = (
      await dose(station, child, { doseNumber: 1, product: 'pfizer', givenOn: '2021-09-01' })
    ).json();
    const res = await station.post(`/api/v1/doses/${flagged.id}/review`, { decision: 'accepted' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ reviewStatus: 'accepted', reviewNote: null });
    expect(
      (await t.pool.query('SELECT d1 FROM vaccination_status WHERE person_id = $1', [child])).rows,
    ).toEqual([{ d1: '2021-09-01' }]);
    const clean = (
      await dose(station, await person(station), { doseNumber: 1, product: 'pfizer', givenOn: '2021-09-01' })
    ).json();
    const notFlagged = await station.post(`/api/v1/doses/${clean.id}/review`, { decision: 'accepted' });
    expect(notFlagged.statusCode).toBe(409);
  });
});

describe('jurisdiction', () => {
  it("refuses another commune's person and dose (404) and a role without the permission (403)", async () => {
    const theirs = await person(neighbour, '1970-01-01', '03386');
    const before = await rowCount(t.pool, 'vaccine_doses');
    const body = { doseNumber: 1, product: 'pfizer', givenOn: '2021-09-01' };
    const post = await dose(station, theirs, body);
    expect(post.statusCode).toBe(404);
    expect(post.json().error.message).toBe('Không tìm thấy người này trong địa bàn của bạn');
    expect((await station.get(`/api/v1/persons/${theirs}/doses`)).statusCode).toBe(404);
    expect(await rowCount(t.pool, 'vaccine_doses')).toBe(before);

    const their = (await dose(neighbour, theirs, body)).json();
    const correct = await station.post(`/api/v1/doses/${their.id}/correct`, {
      givenOn: '2021-09-02',
      reason: 'x',
    });
    expect(correct.statusCode).toBe(404);
    const review = await station.post(`/api/v1/doses/${their.id}/review`, { decision: 'accepted' });
    expect(review.statusCode).toBe(404);
    expect((await doseRow(their.id)).superseded_by).toBeNull();

    // A viewer of the district reads the doses but records none.
    expect((await viewer.get(`/api/v1/persons/${theirs}/doses`)).statusCode).toBe(200);
    expect((await dose(viewer, theirs, body)).statusCode).toBe(403);
    expect((await viewer.get('/api/v1/vaccination/reviews')).statusCode).toBe(403);
  });

  it('a district account reviews the doses of its communes, and filters by one of them', async () => {
    const district = await t.as('health_officer', '105');
    const res = await district.get('/api/v1/vaccination/reviews?unit=03386&limit=200');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.every((i: { unitCode: string }) => i.unitCode === '03386')).toBe(true);
    const outside = await station.get('/api/v1/vaccination/reviews?unit=03386');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.field).toBe('unit');
    const forged = await station.get('/api/v1/vaccination/reviews?cursor=bm90LWEtY3Vyc29y');
    expectRefusal(forged, 'invalid_cursor', 'cursor');
  });
});
