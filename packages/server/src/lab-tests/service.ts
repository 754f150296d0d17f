import {
  checkPoolInput,
  checkTestInput,
  confirmationOf,
  type FOUND_BY,
  type PoolInput,
  type TestInput,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { placeOf, recordAudit, recordRead } from '../audit/audit.ts';
import { type Principal, refSource } from '../auth/principal.ts';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { queryOne, sql } from '../db/sql.ts';
import { AppError, badInput, notFound, problemsError } from '../http/errors.ts';
import { pageOf } from '../http/pagination.ts';
import { personInScope } from '../persons/queries.ts';
import { caseFromResult, type ResultFacts, resultDay } from './confirm.ts';
import {
  poolCandidates,
  poolInScope,
  poolOut,
  resolveRetests,
  type TestFilters,
  type TestRow,
  testByExternalRef,
  testInScope,
  testOut,
  testRows,
  worklistRows,
} from './queries.ts';

/** What a result needs besides the test itself to judge it, and how a confirmed case was found. */
export type Judgement = {
  symptomatic?: boolean;
  epidemiologicalLink?: boolean;
  foundBy?: (typeof FOUND_BY)[number];
};

export type TestResultInput = { result: TestRow['result']; resultedAt: string };
export type PoolResultInput = { result: 'positive' | 'negative' | 'invalid'; resultedAt: string };

const TEST_NOT_FOUND = 'Không tìm thấy xét nghiệm này hoặc xét nghiệm ở ngoài địa bàn của bạn';
const POOL_NOT_FOUND = 'Không tìm thấy mẫu gộp này hoặc mẫu gộp ở ngoài địa bàn của bạn';

/**
 * Registers a test of a person inside the jurisdiction and says what its result means (opening
 * the case it confirms). A form sent twice gets the test it already made, with status 200.
 */
export async function registerTest(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  { symptomatic, epidemiologicalLink, foundBy, ...body }: TestInput & Judgement,
): Promise<{ status: 200 | 201; out: Record<string, unknown> }> {
  if (body.kind === 'rt_pcr_pool') {
    throw badInput('Mẫu gộp được đăng ký qua /tests/pools', 'kind', 'pool_kind');
  }
  const checked = checkTestInput(body, new Date().toISOString());
  if (!checked.ok) throw problemsError(checked.problems);
  const input = checked.value;
  return inTransaction(pool, async (c) => {
    // The person is locked first: results of one person arriving together are stored one after
    // another, and only the first confirming one opens the case (the others see it).
    const person = await personInScope(c, me, input.personId, true);
    if (!person) {
      throw new AppError(
        404,
        'person_not_found',
        'Không tìm thấy người này trong địa bàn của bạn',
        'personId',
      );
    }
    const row = await queryOne<{ id: string }>(
      c,
      sql`INSERT INTO lab_tests (province_code, unit_code, person_id, kind, performer, site, sampled_at,
                                 resulted_at, result, external_ref, ref_source, created_by)
          VALUES (${person.provinceCode}, ${person.unitCode}, ${input.personId}, ${input.kind},
                  ${input.performer}, ${input.site}, ${input.sampledAt}, ${input.resultedAt}, ${input.result},
                  ${input.externalRef}, ${refSource(me)}, ${me.accountId})
          ON CONFLICT (province_code, ref_source, external_ref) DO NOTHING
          RETURNING id`,
    );
    if (!row) {
      // A form sent twice (a phone that lost its answer and retried) gets the test it already made.
      const existing = await testByExternalRef(c, me, {
        externalRef: input.externalRef,
        personId: input.personId,
        provinceCode: person.provinceCode,
      });
      if (!existing) {
        throw new AppError(409, 'duplicate_external_ref', 'Mã xét nghiệm này đã được dùng', 'externalRef');
      }
      return {
        status: 200,
        out: {
          ...testOut(existing),
          ...(await caseFromResult(c, me, request, factsOf(existing, {}), { open: false })),
        },
      };
    }
    await recordAudit(c, request, {
      action: 'create',
      entity: 'lab_test',
      entityId: row.id,
      place: placeOf(person),
      detail: { personId: input.personId, kind: input.kind, result: input.result },
    });
    const out = await withOutcome(c, me, request, row.id, { symptomatic, epidemiologicalLink, foundBy });
    return { status: 201, out };
  });
}

/** The result of a pending test, judged at once (and the case it confirms opened). */
export async function recordTestResult(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  { symptomatic, epidemiologicalLink, foundBy, ...body }: TestResultInput & Judgement,
) {
  return inTransaction(pool, async (c) => {
    const current = await testInScope(c, me, id, true);
    if (!current) throw notFound(TEST_NOT_FOUND);
    if (current.result !== 'pending') {
      throw new AppError(409, 'test_resulted', 'Xét nghiệm này đã có kết quả', 'result');
    }
    const checked = checkTestInput(
      {
        personId: current.personId!,
        kind: current.kind as TestInput['kind'],
        performer: current.performer as TestInput['performer'],
        sampledAt: current.sampledAt.toISOString(),
        resultedAt: body.resultedAt,
        result: body.result as TestInput['result'],
      },
      new Date().toISOString(),
    );
    if (!checked.ok) throw problemsError(checked.problems);
    await c.query('UPDATE lab_tests SET result = $2, resulted_at = $3 WHERE id = $1', [
      id,
      checked.value.result,
      checked.value.resultedAt,
    ]);
    await recordAudit(c, request, {
      action: 'update',
      entity: 'lab_test',
      entityId: id,
      place: placeOf(current),
      detail: { result: checked.value.result },
    });
    return withOutcome(c, me, request, id, { symptomatic, epidemiologicalLink, foundBy });
  });
}

/** One page of tests; the listing is audited with its filters. */
export async function listTests(pool: Pool, me: Principal, request: FastifyRequest, q: TestFilters) {
  const rows = await testRows(pool, me, q);
  recordRead(pool, request, {
    action: 'list',
    entity: 'lab_test',
    detail: {
      person: q.person,
      unit: q.unit,
      result: q.result,
      from: q.from,
      to: q.to,
      count: rows.length,
    },
  });
  const page = pageOf(rows, q.limit, (r) => [r.sampledAt.toISOString(), r.id]);
  return { items: page.items.map(testOut), next: page.next };
}

/** A pooled sample of people inside the jurisdiction, all of one province. */
export async function createTestPool(pool: Pool, me: Principal, request: FastifyRequest, body: PoolInput) {
  const checked = checkPoolInput(body, new Date().toISOString());
  if (!checked.ok) throw problemsError(checked.problems);
  const input = checked.value;
  return inTransaction(pool, async (c) => {
    const members = await poolCandidates(c, me, input.memberIds);
    if (members.length < input.memberIds.length) {
      throw new AppError(
        400,
        'member_not_found',
        'Có người trong mẫu gộp không tìm thấy hoặc ở ngoài địa bàn của bạn',
        'memberIds',
      );
    }
    const distinct = (values: (string | null)[]) => [...new Set(values)];
    const provinces = distinct(members.map((m) => m.provinceCode));
    if (provinces.length > 1) {
      throw badInput('Những người trong một mẫu gộp phải cùng một tỉnh', 'memberIds', 'member_provinces');
    }
    // The pool belongs to the smallest unit holding all its members.
    const units = distinct(members.map((m) => m.unitCode));
    const districts = distinct(members.map((m) => m.districtCode));
    const unitCode =
      units.length === 1 ? units[0] : districts.length === 1 && districts[0] ? districts[0] : provinces[0];
    const row = await queryOne<{ id: string }>(
      c,
      sql`INSERT INTO lab_tests (province_code, unit_code, kind, performer, site, sampled_at, result, created_by)
          VALUES (${provinces[0]}, ${unitCode}, 'rt_pcr_pool', 'health_worker', ${input.site}, ${input.sampledAt},
                  'pending', ${me.accountId})
          RETURNING id`,
    );
    await c.query(
      `INSERT INTO lab_test_pool_members (pool_id, person_id, province_code, unit_code, status)
       SELECT $1, p.id, p.province_code, p.unit_code, 'pending' FROM persons p WHERE p.id = ANY($2::uuid[])`,
      [row!.id, input.memberIds],
    );
    await recordAudit(c, request, {
      action: 'create',
      entity: 'lab_test_pool',
      entityId: row!.id,
      place: { unitCode, provinceCode: provinces[0]! },
      detail: { memberIds: input.memberIds },
    });
    return poolOut(c, me, (await poolInScope(c, me, row!.id))!);
  });
}

/**
 * The result of a pending pool. Positive: each member needs an individual RT-PCR and joins the
 * worklist, unless already retested since the pool was sampled.
 */
export async function recordPoolResult(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  body: PoolResultInput,
) {
  return inTransaction(pool, async (c) => {
    const current = await poolInScope(c, me, id, true);
    if (!current) throw notFound(POOL_NOT_FOUND);
    if (current.result !== 'pending') {
      throw new AppError(409, 'pool_resulted', 'Mẫu gộp này đã có kết quả', 'result');
    }
    // The time rules of a single test apply; the pool's own id stands in for its person.
    const checked = checkTestInput(
      {
        personId: id,
        kind: 'rt_pcr_pool',
        performer: 'health_worker',
        sampledAt: current.sampledAt.toISOString(),
        resultedAt: body.resultedAt,
        result: body.result,
      },
      new Date().toISOString(),
    );
    if (!checked.ok) throw problemsError(checked.problems);
    await c.query('UPDATE lab_tests SET result = $2, resulted_at = $3 WHERE id = $1', [
      id,
      body.result,
      checked.value.resultedAt,
    ]);
    // Positive: each member needs an individual RT-PCR; until then they are the worklist.
    await c.query(
      `UPDATE lab_test_pool_members SET status = CASE $2 WHEN 'negative' THEN 'negative'
                                                          WHEN 'positive' THEN 'retest_pending'
                                                          ELSE 'invalid' END
        WHERE pool_id = $1`,
      [id, body.result],
    );
    if (body.result === 'positive') {
      // A member already retested since the pool was sampled is resolved at once.
      await resolveRetests(
        c,
        sql`SELECT t.id, t.person_id, t.kind, t.result, t.sampled_at FROM lab_tests t
             JOIN lab_test_pool_members m ON m.person_id = t.person_id AND m.pool_id = ${id}
            WHERE t.kind = 'rt_pcr' AND t.result IN ('positive', 'negative')
              AND t.sampled_at >= ${current.sampledAt}`,
      );
    }
    await recordAudit(c, request, {
      action: 'update',
      entity: 'lab_test_pool',
      entityId: id,
      place: placeOf(current),
      detail: { result: body.result },
    });
    const resulted = (await poolInScope(c, me, id))!;
    const confirmation = confirmationOf({
      kind: 'rt_pcr_pool',
      performer: 'health_worker',
      result: body.result,
      resultDate: resultDay(resulted),
      symptomatic: false,
      epidemiologicalLink: false,
    });
    return { ...(await poolOut(c, me, resulted)), confirmation };
  });
}

/** A pool with the members the caller may see; the reading is audited. */
export async function poolDetail(pool: Pool, me: Principal, request: FastifyRequest, id: string) {
  const row = await poolInScope(pool, me, id);
  if (!row) throw notFound(POOL_NOT_FOUND);
  recordRead(pool, request, {
    action: 'read',
    entity: 'lab_test_pool',
    entityId: id,
    place: placeOf(row),
  });
  return poolOut(pool, me, row);
}

/** One page of the retest worklist; the listing is audited. */
export async function retestWorklist(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  q: { unit?: string; cursor?: string; limit: number },
) {
  const rows = await worklistRows(pool, me, q);
  recordRead(pool, request, {
    action: 'list',
    entity: 'lab_test_worklist',
    detail: { unit: q.unit, count: rows.length },
  });
  const page = pageOf(rows, q.limit, (r) => [r.poolResultedAt.toISOString(), r.poolId, r.personId]);
  return {
    items: page.items.map((r) => ({
      ...r,
      poolSampledAt: r.poolSampledAt.toISOString(),
      poolResultedAt: r.poolResultedAt.toISOString(),
      status: 'retest_pending',
    })),
    next: page.next,
  };
}

/** The test as the API shows it, with what its result means (and the case it opened). */
async function withOutcome(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
  id: string,
  judgement: Judgement,
) {
  await resolveRetests(
    c,
    sql`SELECT id, person_id, kind, result, sampled_at FROM lab_tests WHERE id = ${id}`,
  );
  const row = (await testInScope(c, me, id))!;
  return { ...testOut(row), ...(await caseFromResult(c, me, request, factsOf(row, judgement))) };
}

function factsOf(row: TestRow, judgement: Judgement): ResultFacts {
  return {
    testId: row.id,
    personId: row.personId!,
    kind: row.kind as ResultFacts['kind'],
    performer: row.performer as ResultFacts['performer'],
    result: row.result as ResultFacts['result'],
    sampledAt: row.sampledAt,
    resultedAt: row.resultedAt,
    ...judgement,
  };
}
