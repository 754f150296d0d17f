import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

let t: TestContext;
let station: Client; // Phường Tân Phong (03387), TP Lai Châu (105), Lai Châu (12)
let neighbour: Client; // Phường Quyết Thắng (03386), same district

let serial = 0;
/** Registers a person in the station's commune and returns its id. */
async function person(fullName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await station.post('/api/v1/persons', {
    fullName,
    birthDate: '1985-05-05',
    sex: 'male',
    unitCode: '03387',
    address: `Tổ ${++serial}`,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const pcr = (personId: string, over: Record<string, unknown> = {}) => ({
  personId,
  kind: 'rt_pcr',
  performer: 'health_worker',
  sampledAt: '2021-08-10T08:00:00+07:00',
  resultedAt: '2021-08-11T09:30:00+07:00',
  result: 'positive',
  ...over,
});

const count = async (text: string, params: unknown[] = []) =>
  (await t.pool.query(`SELECT count(*)::int AS n FROM (${text}) x`, params)).rows[0].n as number;

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  neighbour = await t.as('health_station', '03386');
});
afterAll(() => t.close());

describe('a single test and its result', () => {
  it('a positive individual RT-PCR confirms the case and opens it at once', async () => {
    const id = await person('Lò Văn Dương');
    const res = await station.post('/api/v1/tests', pcr(id));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      personId: id,
      personName: 'Lò Văn Dương',
      kind: 'rt_pcr',
      result: 'positive',
      unitCode: '03387',
      sampledAt: '2021-08-10T01:00:00.000Z',
      confirmation: { outcome: 'confirmed', policy: { code: 'confirmation/2020' } },
      case: { personId: id, detectedOn: '2021-08-11', foundBy: 'community', status: 'active' },
    });
    expect(body.case.confirmTestId).toBe(body.id);
    const { rows } = await t.pool.query(
      'SELECT unit_code, province_code, created_by IS NOT NULL AS by FROM lab_tests WHERE id = $1',
      [body.id],
    );
    expect(rows[0]).toEqual({ unit_code: '03387', province_code: '12', by: true });
    expect(await count('SELECT 1 FROM cases WHERE person_id = $1', [id])).toBe(1);
    expect(
      await count(`SELECT 1 FROM audit_events WHERE entity = 'lab_test' AND entity_id = $1`, [body.id]),
    ).toBe(1);

    // A second positive of the same person returns the case already open, and opens no other.
    const again = await station.post(
      '/api/v1/tests',
      pcr(id, { sampledAt: '2021-08-14T08:00:00+07:00', resultedAt: '2021-08-14T18:00:00+07:00' }),
    );
    expect(again.statusCode).toBe(201);
    expect(again.json().case.id).toBe(body.case.id);
    expect(await count('SELECT 1 FROM cases WHERE person_id = $1', [id])).toBe(1);
  });

  it('a rapid antigen test in 2021 only makes a suspected case; from 29/12/2021 it confirms one', async () => {
    const id = await person('Tòng Văn Nhanh');
    const rapid = {
      kind: 'rapid_antigen',
      sampledAt: '2021-09-01T08:00:00+07:00',
      resultedAt: '2021-09-01T08:20:00+07:00',
      symptomatic: true,
    };
    const res = await station.post('/api/v1/tests', pcr(id, rapid));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.confirmation.outcome).toBe('suspected');
    expect(body.confirmation.reasons.join(' ')).toContain('RT-PCR');
    expect(body.case).toBeUndefined();
    expect(await count('SELECT 1 FROM cases WHERE person_id = $1', [id])).toBe(0);

    const later = await station.post(
      '/api/v1/tests',
      pcr(id, { ...rapid, sampledAt: '2021-12-29T08:00:00+07:00', resultedAt: '2021-12-29T08:20:00+07:00' }),
    );
    expect(later.json()).toMatchObject({
      confirmation: { outcome: 'confirmed', policy: { code: 'confirmation/cv-11042-byt-dp' } },
      case: { detectedOn: '2021-12-29' },
    });
  });

  it('records a pending sample and its result later; a result is given once', async () => {
    const id = await person('Hoàng Thị Chờ', { sex: 'female' });
    const res = await station.post('/api/v1/tests', pcr(id, { result: 'pending', resultedAt: undefined }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ result: 'pending', confirmation: { outcome: 'none' } });
    const testId = res.json().id;

    const early = await station.patch(`/api/v1/tests/${testId}`, {
      result: 'negative',
      resultedAt: '2021-08-09T08:00:00+07:00',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.field).toBe('resultedAt');

    const done = await station.patch(`/api/v1/tests/${testId}`, {
      result: 'positive',
      resultedAt: '2021-08-12T10:00:00+07:00',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      result: 'positive',
      resultedAt: '2021-08-12T03:00:00.000Z',
      case: { detectedOn: '2021-08-12', confirmTestId: testId },
    });
    const twice = await station.patch(`/api/v1/tests/${testId}`, {
      result: 'negative',
      resultedAt: '2021-08-12T10:00:00+07:00',
    });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses a sample taken after its result, naming resultedAt, and writes nothing', async () => {
    const id = await person('Lường Văn Sớm');
    const res = await station.post(
      '/api/v1/tests',
      pcr(id, { sampledAt: '2021-08-12T08:00:00+07:00', resultedAt: '2021-08-11T08:00:00+07:00' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'resulted_before_sampled', field: 'resultedAt' });
    expect(await count('SELECT 1 FROM lab_tests WHERE person_id = $1', [id])).toBe(0);
  });

  it('refuses a person who does not exist or lives outside the jurisdiction, naming personId', async () => {
    const id = await person('Vàng A Xa');
    const outside = await neighbour.post('/api/v1/tests', pcr(id));
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toMatchObject({ code: 'person_not_found', field: 'personId' });
    const unknown = await station.post('/api/v1/tests', pcr('00000000-0000-4000-8000-000000000000'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.field).toBe('personId');
    expect(await count('SELECT 1 FROM lab_tests WHERE person_id = $1', [id])).toBe(0);

    const own = await station.post('/api/v1/tests', pcr(id, { result: 'pending', resultedAt: undefined }));
    const patch = await neighbour.patch(`/api/v1/tests/${own.json().id}`, {
      result: 'negative',
      resultedAt: '2021-08-11T08:00:00+07:00',
    });
    expect(patch.statusCode).toBe(404);
    const list = await neighbour.get(`/api/v1/tests?person=${id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([]);
  });

  it('refuses a pooled kind, and a role without case.write', async () => {
    const id = await person('Quàng Văn Gộp');
    const pooled = await station.post('/api/v1/tests', pcr(id, { kind: 'rt_pcr_pool' }));
    expect(pooled.statusCode).toBe(400);
    expect(pooled.json().error.field).toBe('kind');
    const viewer = await t.as('viewer', '03387');
    expect((await viewer.post('/api/v1/tests', pcr(id))).statusCode).toBe(403);
  });

  it('lists tests newest first, filtered and paged by keyset', async () => {
    const id = await person('Điêu Thị Danh Sách', { sex: 'female' });
    for (const day of ['01', '02', '03']) {
      const res = await station.post(
        '/api/v1/tests',
        pcr(id, {
          result: 'negative',
          sampledAt: `2021-07-${day}T08:00:00+07:00`,
          resultedAt: `2021-07-${day}T20:00:00+07:00`,
        }),
      );
      expect(res.statusCode).toBe(201);
    }
    const first = await station.get(`/api/v1/tests?person=${id}&limit=2`);
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((x: { sampledAt: string }) => x.sampledAt.slice(0, 10))).toEqual([
      '2021-07-03',
      '2021-07-02',
    ]);
    const second = await station.get(`/api/v1/tests?person=${id}&limit=2&cursor=${first.json().next}`);
    expect(second.json().items.map((x: { sampledAt: string }) => x.sampledAt.slice(0, 10))).toEqual([
      '2021-07-01',
    ]);
    expect(second.json().next).toBeUndefined();

    const ranged = await station.get(`/api/v1/tests?person=${id}&from=2021-07-02&to=2021-07-02`);
    expect(ranged.json().items).toHaveLength(1);
    const positives = await station.get(`/api/v1/tests?person=${id}&result=positive`);
    expect(positives.json().items).toEqual([]);
    const byUnit = await station.get('/api/v1/tests?unit=03387&result=negative');
    expect(byUnit.json().items.length).toBeGreaterThanOrEqual(3);
    const foreignUnit = await station.get('/api/v1/tests?unit=03386');
    expect(foreignUnit.statusCode).toBe(404);
    expect(foreignUnit.json().error.field).toBe('unit');
    expect((await station.get('/api/v1/tests?cursor=bad')).statusCode).toBe(400);
  });
});

describe('pooled samples (gộp mẫu)', () => {
  it('refuses a pool of one person, naming memberIds', async () => {
    const id = await person('Lò Thị Một', { sex: 'female' });
    const res = await station.post('/api/v1/tests/pools', {
      memberIds: [id],
      sampledAt: '2021-08-10T08:00:00+07:00',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      field: 'memberIds',
      message: 'Một mẫu gộp phải có từ 2 đến 10 người',
    });
  });

  it('refuses members outside the jurisdiction', async () => {
    const a = await person('Lò Văn Ngoài');
    const b = await person('Lò Văn Ngoài Hai');
    const res = await neighbour.post('/api/v1/tests/pools', {
      memberIds: [a, b],
      sampledAt: '2021-08-10T08:00:00+07:00',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('memberIds');
    expect(
      await count(`SELECT 1 FROM lab_test_pool_members WHERE person_id = ANY($1::uuid[])`, [[a, b]]),
    ).toBe(0);
  });

  it('a negative pool clears its members', async () => {
    const members = [await person('Lò Văn Âm'), await person('Lò Văn Âm Hai')];
    const pool = await station.post('/api/v1/tests/pools', {
      memberIds: members,
      sampledAt: '2021-08-10T08:00:00+07:00',
      site: 'Chốt tổ 5',
    });
    expect(pool.statusCode, pool.body).toBe(201);
    expect(pool.json()).toMatchObject({ result: 'pending', unitCode: '03387', site: 'Chốt tổ 5' });
    const res = await station.patch(`/api/v1/tests/pools/${pool.json().id}`, {
      result: 'negative',
      resultedAt: '2021-08-10T20:00:00+07:00',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().members.map((m: { status: string }) => m.status)).toEqual(['negative', 'negative']);
  });

  it('a positive pool puts its members on the worklist until each one’s own RT-PCR resolves them', async () => {
    const [a, b, c] = [
      await person('Mào Văn An'),
      await person('Mào Văn Bình'),
      await person('Mào Văn Cường'),
    ];
    const created = await station.post('/api/v1/tests/pools', {
      memberIds: [a, b, c],
      sampledAt: '2021-08-20T07:00:00+07:00',
    });
    expect(created.statusCode, created.body).toBe(201);
    const poolId = created.json().id;
    expect(created.json().members).toHaveLength(3);

    const early = await station.patch(`/api/v1/tests/pools/${poolId}`, {
      result: 'positive',
      resultedAt: '2021-08-19T07:00:00+07:00',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.field).toBe('resultedAt');

    const positive = await station.patch(`/api/v1/tests/pools/${poolId}`, {
      result: 'positive',
      resultedAt: '2021-08-20T18:00:00+07:00',
    });
    expect(positive.statusCode, positive.body).toBe(200);
    expect(positive.json().confirmation.outcome).toBe('suspected');
    expect(new Set(positive.json().members.map((m: { status: string }) => m.status))).toEqual(
      new Set(['retest_pending']),
    );
    expect(await count('SELECT 1 FROM cases WHERE person_id = ANY($1::uuid[])', [[a, b, c]])).toBe(0);

    const worklist = async (client: Client) =>
      (await client.get('/api/v1/tests/worklist'))
        .json()
        .items.filter((i: { poolId: string }) => i.poolId === poolId);
    expect((await worklist(station)).map((i: { personId: string }) => i.personId).sort()).toEqual(
      [a, b, c].sort(),
    );
    expect(await worklist(neighbour)).toEqual([]);

    // Each member's own RT-PCR resolves them: negative for a, positive (and a case) for b.
    const negative = await station.post(
      '/api/v1/tests',
      pcr(a, {
        result: 'negative',
        sampledAt: '2021-08-21T08:00:00+07:00',
        resultedAt: '2021-08-21T20:00:00+07:00',
      }),
    );
    expect(negative.json()).toMatchObject({ poolId, confirmation: { outcome: 'none' } });
    const retest = await station.post(
      '/api/v1/tests',
      pcr(b, { sampledAt: '2021-08-21T08:00:00+07:00', resultedAt: '2021-08-21T20:00:00+07:00' }),
    );
    expect(retest.json()).toMatchObject({
      poolId,
      confirmation: { outcome: 'confirmed' },
      case: { personId: b },
    });

    expect((await worklist(station)).map((i: { personId: string }) => i.personId)).toEqual([c]);
    const pool = await station.get(`/api/v1/tests/pools/${poolId}`);
    expect(pool.statusCode).toBe(200);
    const status = Object.fromEntries(
      pool
        .json()
        .members.map((m: { personId: string; status: string; retestId?: string }) => [m.personId, m]),
    );
    expect(status[a]).toMatchObject({ status: 'retest_negative', retestId: negative.json().id });
    expect(status[b]).toMatchObject({ status: 'retest_positive', retestId: retest.json().id });
    expect(status[c]).toMatchObject({ status: 'retest_pending' });

    expect((await neighbour.get(`/api/v1/tests/pools/${poolId}`)).statusCode).toBe(404);
    const foreign = await neighbour.patch(`/api/v1/tests/pools/${poolId}`, {
      result: 'negative',
      resultedAt: '2021-08-20T18:00:00+07:00',
    });
    expect(foreign.statusCode).toBe(404);
    const twice = await station.patch(`/api/v1/tests/pools/${poolId}`, {
      result: 'negative',
      resultedAt: '2021-08-20T18:00:00+07:00',
    });
    expect(twice.statusCode).toBe(409);
  });

  it('a district pool of two communes belongs to the district', async () => {
    const district = await t.as('health_officer', '105');
    const here = await person('Lò Văn Huyện');
    const there = (
      await district.post('/api/v1/persons', {
        fullName: 'Lò Văn Bên Kia',
        birthDate: '1990-01-01',
        sex: 'male',
        unitCode: '03386',
      })
    ).json().id;
    const res = await district.post('/api/v1/tests/pools', {
      memberIds: [here, there],
      sampledAt: '2021-08-10T08:00:00+07:00',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().unitCode).toBe('105');
    // A commune sees the pool only when all its members are theirs.
    expect((await station.get(`/api/v1/tests/pools/${res.json().id}`)).statusCode).toBe(404);
  });
});
