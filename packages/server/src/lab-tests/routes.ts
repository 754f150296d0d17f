import {
  checkPoolInput,
  checkTestInput,
  confirmationOf,
  FOUND_BY,
  PoolInput,
  TEST_RESULTS,
  TestInput,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../audit/audit.ts';
import { type Principal, refSource } from '../auth/principal.ts';
import { Scope } from '../auth/scope.ts';
import { inTransaction, type PoolClient } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { AppError, badInput, notFound, problemsError } from '../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, PageQuery, pageOf } from '../http/pagination.ts';
import { runImport } from '../imports/pipeline.ts';
import { acceptUploads, ImportQuery } from '../imports/upload.ts';
import { asJurisdiction, personInScope, personsInScope } from '../persons/queries.ts';
import { caseFromResult, type ResultFacts, resultDay } from './confirm.ts';
import { resultsImport } from './import.ts';
import {
  poolInScope,
  poolOut,
  resolveRetests,
  TEST_COLUMNS,
  TEST_FROM,
  type TestRow,
  testInScope,
  testOut,
  testsInScope,
} from './queries.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** What a result needs besides the test itself to judge it, and how a confirmed case was found. */
const JudgementFields = {
  symptomatic: Type.Optional(Type.Boolean()),
  epidemiologicalLink: Type.Optional(Type.Boolean()),
  foundBy: Type.Optional(Type.Enum(FOUND_BY)),
};
type Judgement = {
  symptomatic?: boolean;
  epidemiologicalLink?: boolean;
  foundBy?: (typeof FOUND_BY)[number];
};

const TestBody = Type.Object(
  { ...TestInput.properties, ...JudgementFields },
  { additionalProperties: false },
);
const ResultBody = Type.Object(
  { result: Type.Enum(TEST_RESULTS), resultedAt: Type.String(), ...JudgementFields },
  { additionalProperties: false },
);
const PoolResultBody = Type.Object(
  { result: Type.Enum(['positive', 'negative', 'invalid'] as const), resultedAt: Type.String() },
  { additionalProperties: false },
);

const TestFilters = Type.Object({
  person: Type.Optional(Type.String({ format: 'uuid' })),
  unit: Type.Optional(Type.String({ maxLength: 10 })),
  result: Type.Optional(Type.Enum(TEST_RESULTS)),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  ...PageQuery,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VN_TIME = 'Asia/Ho_Chi_Minh';

export const labTestRoutes: Capability = async (app, { pool }) => {
  await acceptUploads(app);

  app.post(
    '/tests',
    { config: { access: 'case.write' }, schema: { tags: ['tests'], body: TestBody } },
    async (request, reply) => {
      const me = principal(request);
      const { symptomatic, epidemiologicalLink, foundBy, ...body } = request.body as TestInput & Judgement;
      if (body.kind === 'rt_pcr_pool') {
        throw badInput('Mẫu gộp được đăng ký qua /tests/pools', 'kind', 'pool_kind');
      }
      const checked = checkTestInput(body, new Date().toISOString());
      if (!checked.ok) throw problemsError(checked.problems);
      const input = checked.value;
      const { status, out } = await inTransaction(pool, async (c) => {
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
          const existing = await queryOne<TestRow>(
            c,
            sql`SELECT ${TEST_COLUMNS} FROM ${TEST_FROM} WHERE t.external_ref = ${input.externalRef}
                 AND t.ref_source = ${refSource(me)} AND t.province_code = ${person.provinceCode} AND t.person_id = ${input.personId} AND ${testsInScope(me)}`,
          );
          if (!existing) {
            throw new AppError(
              409,
              'duplicate_external_ref',
              'Mã xét nghiệm này đã được dùng',
              'externalRef',
            );
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
          detail: { personId: input.personId, kind: input.kind, result: input.result },
        });
        const out = await withOutcome(c, me, request, row.id, { symptomatic, epidemiologicalLink, foundBy });
        return { status: 201, out };
      });
      return reply.code(status).send(out);
    },
  );

  app.patch(
    '/tests/:id',
    { config: { access: 'case.write' }, schema: { tags: ['tests'], params: IdParams, body: ResultBody } },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const { symptomatic, epidemiologicalLink, foundBy, ...body } = request.body as {
        result: TestRow['result'];
        resultedAt: string;
      } & Judgement;
      return inTransaction(pool, async (c) => {
        const current = await testInScope(c, me, id, true);
        if (!current) throw notFound('Không tìm thấy xét nghiệm này hoặc xét nghiệm ở ngoài địa bàn của bạn');
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
          detail: { result: checked.value.result },
        });
        return withOutcome(c, me, request, id, { symptomatic, epidemiologicalLink, foundBy });
      });
    },
  );

  app.get(
    '/tests',
    { config: { access: 'case.read' }, schema: { tags: ['tests'], querystring: TestFilters } },
    async (request) => {
      const me = principal(request);
      const q = request.query as {
        person?: string;
        unit?: string;
        result?: string;
        from?: string;
        to?: string;
        cursor?: string;
        limit?: number;
      };
      const limit = q.limit ?? DEFAULT_LIMIT;
      const where: SQL[] = [testsInScope(me)];
      if (q.unit) {
        const u = await me.scope.unitInside(pool, q.unit, 'unit');
        where.push(new Scope(asJurisdiction(u)).covers(sql`t.unit_code`, sql`t.province_code`));
      }
      if (q.person) where.push(sql`t.person_id = ${q.person}`);
      if (q.result) where.push(sql`t.result = ${q.result}`);
      if (q.from) where.push(sql`t.sampled_at >= (${q.from}::date::timestamp AT TIME ZONE ${VN_TIME})`);
      if (q.to) where.push(sql`t.sampled_at < ((${q.to}::date + 1)::timestamp AT TIME ZONE ${VN_TIME})`);
      const after = decodeCursor(q.cursor, 2);
      if (after) {
        const [at, id] = after;
        if (
          typeof at !== 'string' ||
          Number.isNaN(Date.parse(at)) ||
          typeof id !== 'string' ||
          !UUID.test(id)
        ) {
          throw badInput('Con trỏ phân trang (cursor) không hợp lệ', 'cursor', 'invalid_cursor');
        }
        where.push(sql`(t.sampled_at, t.id) < (${at}::timestamptz, ${id}::uuid)`);
      }
      const rows = await query<TestRow>(
        pool,
        sql`SELECT ${TEST_COLUMNS} FROM ${TEST_FROM} WHERE ${sql.join(where, sql` AND `)}
             ORDER BY t.sampled_at DESC, t.id DESC LIMIT ${limit + 1}`,
      );
      await recordAudit(pool, request, {
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
      const page = pageOf(rows, limit, (r) => [r.sampledAt.toISOString(), r.id]);
      return { items: page.items.map(testOut), next: page.next };
    },
  );

  app.post(
    '/tests/pools',
    { config: { access: 'case.write' }, schema: { tags: ['tests'], body: PoolInput } },
    async (request, reply) => {
      const me = principal(request);
      const checked = checkPoolInput(request.body as PoolInput, new Date().toISOString());
      if (!checked.ok) throw problemsError(checked.problems);
      const input = checked.value;
      const out = await inTransaction(pool, async (c) => {
        const members = await query<{
          id: string;
          unitCode: string;
          provinceCode: string;
          districtCode: string | null;
        }>(
          c,
          sql`SELECT p.id, p.unit_code AS "unitCode", p.province_code AS "provinceCode", u.district_code AS "districtCode"
                FROM persons p LEFT JOIN units u ON u.tree = (SELECT value FROM settings WHERE key = 'unit_tree')
                 AND u.code = p.unit_code
               WHERE p.id = ANY(${sql.param(input.memberIds)}::uuid[]) AND ${personsInScope(me)}
               FOR UPDATE OF p`,
        );
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
          units.length === 1
            ? units[0]
            : districts.length === 1 && districts[0]
              ? districts[0]
              : provinces[0];
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
          detail: { memberIds: input.memberIds },
        });
        return poolOut(c, me, (await poolInScope(c, me, row!.id))!);
      });
      return reply.code(201).send(out);
    },
  );

  app.patch(
    '/tests/pools/:id',
    { config: { access: 'case.write' }, schema: { tags: ['tests'], params: IdParams, body: PoolResultBody } },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const body = request.body as { result: 'positive' | 'negative' | 'invalid'; resultedAt: string };
      return inTransaction(pool, async (c) => {
        const current = await poolInScope(c, me, id, true);
        if (!current) throw notFound('Không tìm thấy mẫu gộp này hoặc mẫu gộp ở ngoài địa bàn của bạn');
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
    },
  );

  app.get(
    '/tests/pools/:id',
    { config: { access: 'case.read' }, schema: { tags: ['tests'], params: IdParams } },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const row = await poolInScope(pool, me, id);
      if (!row) throw notFound('Không tìm thấy mẫu gộp này hoặc mẫu gộp ở ngoài địa bàn của bạn');
      await recordAudit(pool, request, { action: 'read', entity: 'lab_test_pool', entityId: id });
      return poolOut(pool, me, row);
    },
  );

  app.get(
    '/tests/worklist',
    {
      config: { access: 'case.read' },
      schema: {
        tags: ['tests'],
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 10 })), ...PageQuery }),
      },
    },
    async (request) => {
      const me = principal(request);
      const q = request.query as { unit?: string; cursor?: string; limit?: number };
      const limit = q.limit ?? DEFAULT_LIMIT;
      const where: SQL[] = [
        sql`m.status = 'retest_pending'`,
        me.scope.covers(sql`m.unit_code`, sql`m.province_code`),
      ];
      if (me.unit) where.push(sql`m.province_code = ${me.unit.provinceCode}`);
      if (q.unit) {
        const u = await me.scope.unitInside(pool, q.unit, 'unit');
        where.push(new Scope(asJurisdiction(u)).covers(sql`m.unit_code`, sql`m.province_code`));
      }
      const after = decodeCursor(q.cursor, 3);
      if (after) {
        const [at, poolId, personId] = after;
        if (
          typeof at !== 'string' ||
          Number.isNaN(Date.parse(at)) ||
          ![poolId, personId].every((v) => typeof v === 'string' && UUID.test(v))
        ) {
          throw badInput('Con trỏ phân trang (cursor) không hợp lệ', 'cursor', 'invalid_cursor');
        }
        where.push(
          sql`(pl.resulted_at, m.pool_id, m.person_id) > (${at}::timestamptz, ${poolId}::uuid, ${personId}::uuid)`,
        );
      }
      const rows = await query<{
        poolId: string;
        personId: string;
        fullName: string;
        birthDate: string;
        unitCode: string;
        unitName: string | null;
        poolSampledAt: Date;
        poolResultedAt: Date;
      }>(
        pool,
        sql`SELECT m.pool_id AS "poolId", m.person_id AS "personId", p.full_name AS "fullName",
                   p.birth_date AS "birthDate", m.unit_code AS "unitCode", u.name AS "unitName",
                   pl.sampled_at AS "poolSampledAt", pl.resulted_at AS "poolResultedAt"
              FROM lab_test_pool_members m
              JOIN lab_tests pl ON pl.id = m.pool_id
              JOIN persons p ON p.id = m.person_id
              LEFT JOIN units u ON u.tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND u.code = m.unit_code
             WHERE ${sql.join(where, sql` AND `)}
             ORDER BY pl.resulted_at, m.pool_id, m.person_id
             LIMIT ${limit + 1}`,
      );
      await recordAudit(pool, request, {
        action: 'list',
        entity: 'lab_test_worklist',
        detail: { unit: q.unit, count: rows.length },
      });
      const page = pageOf(rows, limit, (r) => [r.poolResultedAt.toISOString(), r.poolId, r.personId]);
      return {
        items: page.items.map((r) => ({
          ...r,
          poolSampledAt: r.poolSampledAt.toISOString(),
          poolResultedAt: r.poolResultedAt.toISOString(),
          status: 'retest_pending',
        })),
        next: page.next,
      };
    },
  );

  app.post(
    '/tests/import',
    {
      config: { access: 'case.write' },
      schema: { tags: ['tests'], querystring: ImportQuery, consumes: ['multipart/form-data'] },
    },
    async (request) => {
      const me = principal(request);
      const { partial = false } = request.query as { partial?: boolean };
      return runImport(pool, request, me, resultsImport(request), partial);
    },
  );
};

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
