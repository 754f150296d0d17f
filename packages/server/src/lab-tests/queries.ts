import { type Principal, refSource } from '../auth/principal.ts';
import { Scope } from '../auth/scope.ts';
import type { Pool, PoolClient } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';
import { decodeCursor } from '../http/pagination.ts';
import { asJurisdiction, personsInScope } from '../persons/queries.ts';

export interface TestRow {
  id: string;
  personId: string | null;
  personName: string | null;
  kind: string;
  performer: string;
  site: string | null;
  sampledAt: Date;
  resultedAt: Date | null;
  result: string;
  poolId: string | null;
  unitCode: string;
  provinceCode: string;
}

export const TEST_COLUMNS = sql`t.id, t.person_id AS "personId", p.full_name AS "personName", t.kind, t.performer,
  t.site, t.sampled_at AS "sampledAt", t.resulted_at AS "resultedAt", t.result, t.pool_id AS "poolId",
  t.unit_code AS "unitCode", t.province_code AS "provinceCode"`;

export const TEST_FROM = sql`lab_tests t LEFT JOIN persons p ON p.id = t.person_id`;

/**
 * A test (and a pool) belongs to the commune of its person's residence; a pool to the smallest
 * unit holding all its members. The province is pinned as well, so that a commune's query
 * starts the (province_code, unit_code, sampled_at) index at the right place.
 */
export function testsInScope(me: Principal): SQL {
  const pin = me.unit ? sql` AND t.province_code = ${me.unit.provinceCode}` : sql``;
  return sql`${me.scope.covers(sql`t.unit_code`, sql`t.province_code`)}${pin}`;
}

export function testOut(row: TestRow) {
  return {
    id: row.id,
    personId: row.personId ?? undefined,
    personName: row.personName ?? undefined,
    kind: row.kind,
    performer: row.performer,
    site: row.site ?? undefined,
    sampledAt: row.sampledAt.toISOString(),
    resultedAt: row.resultedAt?.toISOString(),
    result: row.result,
    poolId: row.poolId ?? undefined,
    unitCode: row.unitCode,
  };
}

/** An individual test (not a pool) inside the jurisdiction. */
export async function testInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
  forUpdate = false,
): Promise<TestRow | undefined> {
  return queryOne<TestRow>(
    db,
    sql`SELECT ${TEST_COLUMNS} FROM ${TEST_FROM}
         WHERE t.id = ${id} AND t.kind <> 'rt_pcr_pool' AND ${testsInScope(me)}
         ${forUpdate ? sql`FOR UPDATE OF t` : sql``}`,
  );
}

export interface PoolRow {
  id: string;
  sampledAt: Date;
  resultedAt: Date | null;
  result: string;
  site: string | null;
  unitCode: string;
  provinceCode: string;
}

export async function poolInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
  forUpdate = false,
): Promise<PoolRow | undefined> {
  return queryOne<PoolRow>(
    db,
    sql`SELECT t.id, t.sampled_at AS "sampledAt", t.resulted_at AS "resultedAt", t.result, t.site,
               t.unit_code AS "unitCode", t.province_code AS "provinceCode"
          FROM lab_tests t
         WHERE t.id = ${id} AND t.kind = 'rt_pcr_pool' AND ${testsInScope(me)}
         ${forUpdate ? sql`FOR UPDATE OF t` : sql``}`,
  );
}

/** A pool as the API shows it, with the members the caller may see. */
export async function poolOut(db: Pool | PoolClient, me: Principal, row: PoolRow) {
  const members = await query<{
    personId: string;
    fullName: string;
    status: string;
    retestId: string | null;
  }>(
    db,
    sql`SELECT m.person_id AS "personId", p.full_name AS "fullName", m.status, m.retest_id AS "retestId"
          FROM lab_test_pool_members m JOIN persons p ON p.id = m.person_id
         WHERE m.pool_id = ${row.id} AND ${me.scope.covers(sql`m.unit_code`, sql`m.province_code`)}
         ORDER BY p.name_folded, m.person_id`,
  );
  return {
    id: row.id,
    sampledAt: row.sampledAt.toISOString(),
    resultedAt: row.resultedAt?.toISOString(),
    result: row.result,
    site: row.site ?? undefined,
    unitCode: row.unitCode,
    members: members.map((m) => ({ ...m, retestId: m.retestId ?? undefined })),
  };
}

/**
 * An individual RT-PCR result resolves the members of positive pools still waiting for it: the
 * member's status becomes retest_negative / retest_positive and the test points at the pool.
 * `tests` is a relation of (id, person_id, kind, result, sampled_at): one new test, or an import.
 */
export async function resolveRetests(c: PoolClient, tests: SQL): Promise<number> {
  const rows = await query<{ n: number }>(
    c,
    sql`WITH t AS (${tests}),
        resolved AS (
          SELECT DISTINCT ON (m.pool_id, m.person_id) m.pool_id, m.person_id, t.id AS test_id, t.result
            FROM t
            JOIN lab_test_pool_members m ON m.person_id = t.person_id AND m.status = 'retest_pending'
            JOIN lab_tests pool ON pool.id = m.pool_id AND pool.sampled_at <= t.sampled_at
           WHERE t.kind = 'rt_pcr' AND t.result IN ('positive', 'negative')
           ORDER BY m.pool_id, m.person_id, t.sampled_at, t.id),
        members AS (
          UPDATE lab_test_pool_members m SET status = 'retest_' || r.result, retest_id = r.test_id
            FROM resolved r WHERE m.pool_id = r.pool_id AND m.person_id = r.person_id
          RETURNING m.pool_id, m.retest_id),
        linked AS (
          UPDATE lab_tests lt SET pool_id = members.pool_id FROM members WHERE lt.id = members.retest_id
          RETURNING lt.id)
        SELECT count(*)::int AS n FROM members`,
  );
  return rows[0]?.n ?? 0;
}

/** The test a form already made: same reference from the same source, same person. */
export async function testByExternalRef(
  c: PoolClient,
  me: Principal,
  ref: { externalRef: string | null; personId: string; provinceCode: string },
): Promise<TestRow | undefined> {
  return queryOne<TestRow>(
    c,
    sql`SELECT ${TEST_COLUMNS} FROM ${TEST_FROM} WHERE t.external_ref = ${ref.externalRef}
         AND t.ref_source = ${refSource(me)} AND t.province_code = ${ref.provinceCode} AND t.person_id = ${ref.personId} AND ${testsInScope(me)}`,
  );
}

const VN_TIME = 'Asia/Ho_Chi_Minh';

export interface TestFilters {
  person?: string;
  unit?: string;
  result?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** The tests inside the jurisdiction matching the filters, latest sample first: up to limit + 1 rows. */
export async function testRows(pool: Pool, me: Principal, q: TestFilters): Promise<TestRow[]> {
  const where: SQL[] = [testsInScope(me)];
  if (q.unit) {
    const u = await me.scope.unitInside(pool, q.unit, 'unit');
    where.push(new Scope(asJurisdiction(u)).covers(sql`t.unit_code`, sql`t.province_code`));
  }
  if (q.person) where.push(sql`t.person_id = ${q.person}`);
  if (q.result) where.push(sql`t.result = ${q.result}`);
  if (q.from) where.push(sql`t.sampled_at >= (${q.from}::date::timestamp AT TIME ZONE ${VN_TIME})`);
  if (q.to) where.push(sql`t.sampled_at < ((${q.to}::date + 1)::timestamp AT TIME ZONE ${VN_TIME})`);
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']);
  if (after) {
    const [at, id] = after;
    where.push(sql`(t.sampled_at, t.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  return query<TestRow>(
    pool,
    sql`SELECT ${TEST_COLUMNS} FROM ${TEST_FROM} WHERE ${sql.join(where, sql` AND `)}
         ORDER BY t.sampled_at DESC, t.id DESC LIMIT ${q.limit + 1}`,
    'test_page*',
  );
}

export interface PoolCandidate {
  id: string;
  unitCode: string;
  provinceCode: string;
  districtCode: string | null;
}

/** The people of a new pool that are inside the jurisdiction, with their units, locked. */
export async function poolCandidates(c: PoolClient, me: Principal, memberIds: string[]) {
  return query<PoolCandidate>(
    c,
    sql`SELECT p.id, p.unit_code AS "unitCode", p.province_code AS "provinceCode", u.district_code AS "districtCode"
          FROM persons p LEFT JOIN units u ON u.tree = (SELECT value FROM settings WHERE key = 'unit_tree')
           AND u.code = p.unit_code
         WHERE p.id = ANY(${sql.param(memberIds)}::uuid[]) AND ${personsInScope(me)}
         FOR UPDATE OF p`,
  );
}

export interface WorklistRow {
  poolId: string;
  personId: string;
  fullName: string;
  birthDate: string;
  unitCode: string;
  unitName: string | null;
  poolSampledAt: Date;
  poolResultedAt: Date;
}

/** Members of positive pools waiting for their individual retest, oldest result first: up to limit + 1 rows. */
export async function worklistRows(
  pool: Pool,
  me: Principal,
  q: { unit?: string; cursor?: string; limit: number },
): Promise<WorklistRow[]> {
  const where: SQL[] = [
    sql`m.status = 'retest_pending'`,
    me.scope.covers(sql`m.unit_code`, sql`m.province_code`),
  ];
  if (me.unit) where.push(sql`m.province_code = ${me.unit.provinceCode}`);
  if (q.unit) {
    const u = await me.scope.unitInside(pool, q.unit, 'unit');
    where.push(new Scope(asJurisdiction(u)).covers(sql`m.unit_code`, sql`m.province_code`));
  }
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid', 'uuid']);
  if (after) {
    const [at, poolId, personId] = after;
    where.push(
      sql`(pl.resulted_at, m.pool_id, m.person_id) > (${at}::timestamptz, ${poolId}::uuid, ${personId}::uuid)`,
    );
  }
  return query<WorklistRow>(
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
         LIMIT ${q.limit + 1}`,
    'worklist*',
  );
}
