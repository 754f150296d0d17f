import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE, type Scope } from '../auth/scope.ts';
import { childUnitOf } from '../cases/counts.ts';
import { tierName } from '../cases/queries.ts';
import { QUARANTINE_HORIZON_DAYS, quarantinedOn } from '../contacts/queries.ts';
import type { Pool } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';

const VN_TIME = 'Asia/Ho_Chi_Minh';

/** The first instant of a calendar day in Vietnam. */
const startOf = (day: SQL) => sql`((${day})::timestamp AT TIME ZONE ${VN_TIME})`;

/**
 * The part of the country a figure counts: the caller's jurisdiction, or a unit inside it.
 * `level` is the level of that unit (null: the whole country), `code` its code.
 */
export interface Area {
  scope: Scope;
  code: string | null;
  level: 'province' | 'district' | 'commune' | null;
}

/** The day of the newest case, test and contact of the area, none after `today`. */
export async function latestData(pool: Pool, area: Area, today: string) {
  const { scope } = area;
  return queryOne<{ cases: string | null; tests: string | null; contacts: string | null }>(
    pool,
    sql`SELECT
          (SELECT max(c.detected_on) FROM cases c
            WHERE ${scope.covers(sql`c.unit_code`, sql`c.province_code`)} AND c.detected_on <= ${today}::date)::text AS cases,
          (SELECT (max(t.sampled_at) AT TIME ZONE ${VN_TIME})::date FROM lab_tests t
            WHERE ${scope.covers(sql`t.unit_code`, sql`t.province_code`)}
              AND t.sampled_at < ${startOf(sql`${today}::date + 1`)})::text AS tests,
          (SELECT max(k.exposure_date) FROM contacts k
            WHERE ${scope.covers(sql`k.unit_code`, sql`k.province_code`)} AND k.exposure_date <= ${today}::date)::text AS contacts`,
    'situation_latest*',
  );
}

export interface NewCasesRow {
  code: string;
  name: string | null;
  today: number;
  last7: number;
  previous7: number;
}

/**
 * New cases per unit one level below the area: on the day, in the 7 days ending on it and in the 7
 * days before those. Every child unit is listed, those without cases with zeros.
 */
export async function newCasesByChild(pool: Pool, area: Area, day: string): Promise<NewCasesRow[]> {
  const child = childUnitOf(area.level);
  const children = !area.level
    ? sql`u.level = 'province'`
    : area.level === 'commune'
      ? sql`u.code = ${area.code}`
      : sql`u.parent_code = ${area.code}`;
  return query<NewCasesRow>(
    pool,
    sql`WITH counted AS (
          SELECT ${child} AS code,
                 count(*) FILTER (WHERE c.detected_on = ${day}::date)::int AS today,
                 count(*) FILTER (WHERE c.detected_on > ${day}::date - 7)::int AS last7,
                 count(*) FILTER (WHERE c.detected_on <= ${day}::date - 7)::int AS previous7
            FROM cases c JOIN units cu ON cu.tree = ${ACTIVE_TREE} AND cu.code = c.unit_code
           WHERE ${area.scope.covers(sql`c.unit_code`, sql`c.province_code`)}
             AND c.detected_on > ${day}::date - 14 AND c.detected_on <= ${day}::date
           GROUP BY 1),
        children AS (SELECT u.code, u.name FROM units u WHERE u.tree = ${ACTIVE_TREE} AND ${children})
        SELECT COALESCE(ch.code, k.code) AS code, ch.name,
               COALESCE(k.today, 0) AS today, COALESCE(k.last7, 0) AS last7, COALESCE(k.previous7, 0) AS previous7
          FROM children ch FULL JOIN counted k ON k.code = ch.code
         ORDER BY COALESCE(k.last7, 0) DESC, COALESCE(k.today, 0) DESC, ch.name, 1`,
    'situation_new_cases*',
  );
}

/**
 * Cases under care on the day (detected on or before it, no outcome yet on it) by their place of
 * care on that day: the last place recorded on or before it.
 */
export async function activeCasesByPlace(pool: Pool, area: Area, day: string) {
  return query<{ place: string; name: string | null; cases: number }>(
    pool,
    sql`WITH active AS (
          SELECT c.province_code,
                 COALESCE((SELECT e.value FROM case_events e
                            WHERE e.case_id = c.id AND e.kind = 'care' AND e.occurred_on <= ${day}::date
                            ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1), c.care_place) AS place
            FROM cases c
           WHERE ${area.scope.covers(sql`c.unit_code`, sql`c.province_code`)}
             AND c.detected_on <= ${day}::date AND (c.outcome_on IS NULL OR c.outcome_on > ${day}::date)),
        counted AS (SELECT place, province_code, count(*) AS n FROM active GROUP BY 1, 2)
        SELECT place, max(name) AS name, sum(n)::int AS cases
          FROM (SELECT k.place, ${tierName(sql`k.place`, sql`k.province_code`)} AS name, k.n FROM counted k) named
         GROUP BY place ORDER BY cases DESC, place`,
    'situation_active_cases*',
  );
}

/**
 * Contacts in quarantine on the day by place, and those whose quarantine started or ends that day.
 * A contact belongs to its own place and to its case's (as in the contact list): two index scans,
 * the second over the few living elsewhere than their case.
 */
export async function quarantineOn(pool: Pool, area: Area, day: string) {
  const own = area.scope.covers(sql`k.unit_code`, sql`k.province_code`);
  const ofCase = area.scope.covers(sql`k.case_unit_code`, sql`k.case_province_code`);
  const elsewhere = sql`(k.case_unit_code <> k.unit_code OR k.case_province_code <> k.province_code)`;
  const inQuarantine = quarantinedOn(sql`${day}::date`);
  return query<{ place: string | null; contacts: number; started: number; ending: number }>(
    pool,
    sql`SELECT k.quarantine_place AS place, count(*)::int AS contacts,
               count(*) FILTER (WHERE k.quarantine_start = ${day}::date)::int AS started,
               count(*) FILTER (WHERE k.quarantine_end = ${day}::date + 1)::int AS ending
          FROM (SELECT k.quarantine_place, k.quarantine_start, k.quarantine_end FROM contacts k
                 WHERE ${own} AND ${inQuarantine}
                UNION ALL
                SELECT k.quarantine_place, k.quarantine_start, k.quarantine_end FROM contacts k
                 WHERE ${ofCase} AND ${elsewhere} AND NOT ${own} AND ${inQuarantine}) k
         GROUP BY 1 ORDER BY contacts DESC`,
    'situation_quarantine*',
  );
}

export interface ActiveClusterRow {
  id: string;
  name: string;
  unitName: string | null;
  openedOn: string;
  cases: number;
  last7: number;
  lastCaseOn: string | null;
  total: number;
}

/**
 * Clusters open on the day (opened on or before, not closed by then), those with the most cases in
 * the 7 days ending on it first; cases counted as of the day and only those the viewer may see.
 */
export async function activeClusters(
  pool: Pool,
  me: Principal,
  area: Area,
  day: string,
  limit: number,
): Promise<ActiveClusterRow[]> {
  const visible = me.scope.covers(sql`c.unit_code`, sql`c.province_code`);
  return query<ActiveClusterRow>(
    pool,
    sql`SELECT k.id, k.name, u.name AS "unitName", k.opened_on::text AS "openedOn",
               s.cases, s.last7, s.last::text AS "lastCaseOn", count(*) OVER ()::int AS total
          FROM clusters k
          LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = k.unit_code
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS cases, count(*) FILTER (WHERE c.detected_on > ${day}::date - 7)::int AS last7,
                   max(c.detected_on) AS last
              FROM cases c WHERE c.cluster_id = k.id AND c.detected_on <= ${day}::date AND ${visible}) s
         WHERE ${area.scope.covers(sql`k.unit_code`, sql`k.province_code`)}
           AND k.opened_on <= ${day}::date AND (k.closed_on IS NULL OR k.closed_on > ${day}::date)
         ORDER BY s.last7 DESC, s.last DESC NULLS LAST, k.opened_on DESC, k.id
         LIMIT ${limit}`,
    'situation_clusters*',
  );
}

/** Tests sampled in the 7 days ending on the day and the 7 before, by kind and result. */
export async function testsByKind(pool: Pool, area: Area, day: string) {
  const recent = sql`t.sampled_at >= ${startOf(sql`${day}::date - 6`)}`;
  return query<{
    kind: string;
    tests: number;
    positive: number;
    negative: number;
    previousTests: number;
    previousPositive: number;
    previousNegative: number;
  }>(
    pool,
    sql`SELECT t.kind,
               count(*) FILTER (WHERE ${recent})::int AS tests,
               count(*) FILTER (WHERE ${recent} AND t.result = 'positive')::int AS positive,
               count(*) FILTER (WHERE ${recent} AND t.result = 'negative')::int AS negative,
               count(*) FILTER (WHERE NOT ${recent})::int AS "previousTests",
               count(*) FILTER (WHERE NOT ${recent} AND t.result = 'positive')::int AS "previousPositive",
               count(*) FILTER (WHERE NOT ${recent} AND t.result = 'negative')::int AS "previousNegative"
          FROM lab_tests t
         WHERE ${area.scope.covers(sql`t.unit_code`, sql`t.province_code`)}
           AND t.sampled_at >= ${startOf(sql`${day}::date - 13`)} AND t.sampled_at < ${startOf(sql`${day}::date + 1`)}
         GROUP BY t.kind ORDER BY tests DESC, t.kind`,
    'situation_tests*',
  );
}

/* ------------------------------------------------------------------ the commune's work of a day */

/** Rows of a work list carry the size of the whole list (the list itself is cut at a limit). */
interface Counted {
  total: number;
}

/** Tests sampled on or before the day whose result is still pending, oldest first. */
export async function pendingResults(pool: Pool, area: Area, day: string, limit: number) {
  return query<
    Counted & {
      id: string;
      kind: string;
      personId: string | null;
      personName: string | null;
      sampledAt: string;
    }
  >(
    pool,
    sql`SELECT t.id, t.kind, t.person_id AS "personId", p.full_name AS "personName",
               to_char(t.sampled_at AT TIME ZONE ${VN_TIME}, 'YYYY-MM-DD"T"HH24:MI:SS+07:00') AS "sampledAt",
               count(*) OVER ()::int AS total
          FROM lab_tests t LEFT JOIN persons p ON p.id = t.person_id AND p.province_code = t.province_code
         WHERE ${area.scope.covers(sql`t.unit_code`, sql`t.province_code`)}
           AND t.result = 'pending' AND t.sampled_at < ${startOf(sql`${day}::date + 1`)}
         ORDER BY t.sampled_at, t.id LIMIT ${limit}`,
    'work_pending*',
  );
}

/**
 * Members of positive pools still waiting for their individual retest, of pools resulted on or
 * before the day, oldest pool result first.
 */
export async function retestsDue(pool: Pool, area: Area, day: string, limit: number) {
  return query<
    Counted & { poolId: string; personId: string; personName: string; poolResultedAt: string | null }
  >(
    pool,
    sql`SELECT m.pool_id AS "poolId", m.person_id AS "personId", p.full_name AS "personName",
               to_char(pl.resulted_at AT TIME ZONE ${VN_TIME}, 'YYYY-MM-DD"T"HH24:MI:SS+07:00') AS "poolResultedAt",
               count(*) OVER ()::int AS total
          FROM lab_test_pool_members m
          JOIN lab_tests pl ON pl.id = m.pool_id AND pl.province_code = m.province_code
          JOIN persons p ON p.id = m.person_id
         WHERE ${area.scope.covers(sql`m.unit_code`, sql`m.province_code`)} AND m.status = 'retest_pending'
           AND pl.resulted_at < ${startOf(sql`${day}::date + 1`)}
         ORDER BY pl.resulted_at, m.pool_id, m.person_id LIMIT ${limit}`,
    'work_retests*',
  );
}

/** One quarantine regime of a policy version: the contacts whose order it gave, and its test days. */
export interface Regime {
  policyCode: string;
  place: string;
  days: number;
  testDays: readonly number[];
}

/**
 * Contacts living in the area whose quarantine ends on the day or the next (released on it), or
 * whose regime tests them on the day (day 0 is the exposure) and who have no sample taken that day.
 * The regime of an order is found by its policy, place and length.
 */
export async function quarantineWork(
  pool: Pool,
  area: Area,
  day: string,
  regimes: readonly Regime[],
  limit: number,
) {
  const d = sql`${day}::date`;
  const col = <K extends keyof Regime>(k: K, f: (v: Regime[K]) => unknown) =>
    sql.param(regimes.map((r) => f(r[k])));
  return query<
    Counted & {
      id: string;
      personId: string;
      personName: string;
      caseId: string;
      place: string | null;
      quarantineStart: string;
      quarantineEnd: string;
      day: number;
      testDue: boolean;
    }
  >(
    pool,
    sql`WITH regimes AS (
          SELECT * FROM unnest(${col('policyCode', String)}::text[], ${col('place', String)}::text[],
                               ${col('days', Number)}::int[], ${col('testDays', (t) => t.join(','))}::text[])
                   AS r(code, place, days, test_days)),
        due AS (
          SELECT k.id, k.person_id, k.case_id, k.province_code, k.quarantine_place, k.quarantine_start, k.quarantine_end,
                 (${d} - k.quarantine_start) AS day,
                 COALESCE((${d} - k.quarantine_start) = ANY(string_to_array(r.test_days, ',')::int[]), FALSE)
                   AND NOT EXISTS (
                     SELECT 1 FROM lab_tests t WHERE t.person_id = k.person_id
                        AND t.sampled_at >= ${startOf(d)} AND t.sampled_at < ${startOf(sql`${d} + 1`)}) AS test_due
            FROM contacts k
            LEFT JOIN regimes r ON r.code = k.policy_code AND r.place = k.quarantine_place
                               AND r.days = k.quarantine_end - k.quarantine_start
           WHERE ${area.scope.covers(sql`k.unit_code`, sql`k.province_code`)}
             AND k.quarantine_start <= ${d} AND k.quarantine_end >= ${d}
             AND k.exposure_date <= ${d} AND k.exposure_date > ${d} - ${QUARANTINE_HORIZON_DAYS}::int
             AND (k.resulting_case_id IS NULL OR NOT EXISTS (
                   SELECT 1 FROM cases rc WHERE rc.id = k.resulting_case_id AND rc.detected_on <= ${d})))
        SELECT due.id, due.person_id AS "personId", p.full_name AS "personName", due.case_id AS "caseId",
               due.quarantine_place AS place, due.quarantine_start::text AS "quarantineStart",
               due.quarantine_end::text AS "quarantineEnd", due.day, due.test_due AS "testDue",
               count(*) OVER ()::int AS total
          FROM due JOIN persons p ON p.id = due.person_id AND p.province_code = due.province_code
         WHERE due.quarantine_end <= ${d} + 1 OR due.test_due
         ORDER BY due.quarantine_end, p.name_folded, due.id LIMIT ${limit}`,
    'work_quarantine*',
  );
}

/** Cases of the area detected in the `days` days ending on the day, newest first. */
export async function recentCases(pool: Pool, area: Area, day: string, days: number, limit: number) {
  return query<
    Counted & {
      id: string;
      personId: string;
      personName: string;
      detectedOn: string;
      severity: string;
      carePlace: string;
      carePlaceName: string | null;
    }
  >(
    pool,
    sql`SELECT c.id, c.person_id AS "personId", p.full_name AS "personName", c.detected_on::text AS "detectedOn",
               c.severity, c.care_place AS "carePlace", ${tierName(sql`c.care_place`, sql`c.province_code`)} AS "carePlaceName",
               count(*) OVER ()::int AS total
          FROM cases c JOIN persons p ON p.id = c.person_id AND p.province_code = c.province_code
         WHERE ${area.scope.covers(sql`c.unit_code`, sql`c.province_code`)}
           AND c.detected_on > ${day}::date - ${days}::int AND c.detected_on <= ${day}::date
         ORDER BY c.detected_on DESC, c.created_at DESC, c.id LIMIT ${limit}`,
    'work_new_cases*',
  );
}

/**
 * Cases under care on the day that have had no contact recorded for 24 hours since they were
 * recorded, as it stood at the end of the day (or now, for today). Only cases detected in the
 * `days` days ending on the day: tracing later orders no quarantine that is not over already.
 */
export async function untracedCases(pool: Pool, area: Area, day: string, days: number, limit: number) {
  const asOf = sql`least(now(), ${startOf(sql`${day}::date + 1`)})`;
  return query<
    Counted & { id: string; personId: string; personName: string; detectedOn: string; createdAt: string }
  >(
    pool,
    sql`SELECT c.id, c.person_id AS "personId", p.full_name AS "personName", c.detected_on::text AS "detectedOn",
               to_char(c.created_at AT TIME ZONE ${VN_TIME}, 'YYYY-MM-DD"T"HH24:MI:SS+07:00') AS "createdAt",
               count(*) OVER ()::int AS total
          FROM cases c JOIN persons p ON p.id = c.person_id AND p.province_code = c.province_code
         WHERE ${area.scope.covers(sql`c.unit_code`, sql`c.province_code`)}
           AND c.detected_on > ${day}::date - ${days}::int AND c.detected_on <= ${day}::date
           AND (c.outcome_on IS NULL OR c.outcome_on > ${day}::date)
           AND c.created_at <= ${asOf} - interval '24 hours'
           AND NOT EXISTS (SELECT 1 FROM contacts k WHERE k.case_id = c.id AND k.created_at <= ${asOf})
         ORDER BY c.created_at, c.id LIMIT ${limit}`,
    'work_untraced*',
  );
}

export interface VaccinationBacklogRow {
  code: string;
  name: string | null;
  /** Current doses without the national platform's id (ma_mui_tiem). */
  unsyncedDoses: number;
  /** The day the oldest of them was given. */
  oldestOn: string | null;
  /** People with an open data-quality review (invalid CCCD, impossible dates, likely duplicates…). */
  personsToVerify: number;
}

/**
 * The vaccination backlog per unit one level below the area, as it stands now: doses not yet on
 * the national platform (superseded and rejected doses left out; the partial backlog index) with
 * the oldest one's day, and the people to verify. Every child unit is listed, zeros included.
 */
export async function vaccinationBacklogByChild(pool: Pool, area: Area): Promise<VaccinationBacklogRow[]> {
  const child = childUnitOf(area.level);
  const children = !area.level
    ? sql`u.level = 'province'`
    : area.level === 'commune'
      ? sql`u.code = ${area.code}`
      : sql`u.parent_code = ${area.code}`;
  return query<VaccinationBacklogRow>(
    pool,
    sql`WITH doses AS (
          SELECT v.province_code, v.unit_code, count(*)::int AS n, min(v.given_on) AS oldest
            FROM vaccine_doses v
           WHERE ${area.scope.covers(sql`v.unit_code`, sql`v.province_code`)}
             AND v.national_id IS NULL AND v.superseded_by IS NULL AND v.review_status <> 'rejected'
           GROUP BY 1, 2),
        reviews AS (
          SELECT r.unit_code, count(DISTINCT r.person_id)::int AS n
            FROM person_reviews r
           WHERE ${area.scope.covers(sql`r.unit_code`, sql`r.province_code`)} AND r.status = 'open'
           GROUP BY 1),
        counted AS (
          SELECT ${child} AS code, sum(d.n)::int AS unsynced, min(d.oldest) AS oldest, 0 AS verify
            FROM doses d JOIN units cu ON cu.tree = ${ACTIVE_TREE} AND cu.code = d.unit_code GROUP BY 1
          UNION ALL
          SELECT ${child}, 0, NULL, sum(r.n)::int
            FROM reviews r JOIN units cu ON cu.tree = ${ACTIVE_TREE} AND cu.code = r.unit_code GROUP BY 1),
        summed AS (
          SELECT code, sum(unsynced)::int AS unsynced, min(oldest) AS oldest, sum(verify)::int AS verify
            FROM counted GROUP BY 1),
        children AS (SELECT u.code, u.name FROM units u WHERE u.tree = ${ACTIVE_TREE} AND ${children})
        SELECT COALESCE(ch.code, k.code) AS code, ch.name,
               COALESCE(k.unsynced, 0) AS "unsyncedDoses", k.oldest::text AS "oldestOn",
               COALESCE(k.verify, 0) AS "personsToVerify"
          FROM children ch FULL JOIN summed k ON k.code = ch.code
         ORDER BY COALESCE(k.unsynced, 0) DESC, COALESCE(k.verify, 0) DESC, ch.name, 1`,
    'situation_vaccination_backlog*',
  );
}
