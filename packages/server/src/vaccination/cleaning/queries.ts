import { CCCD_PROVINCES, VACCINATION_POLICIES } from '@tuyendau/domain';
import type { Pool, PoolClient } from '../../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../../db/sql.ts';

/** What person_reviews.kind holds (schema.ts): the problems a record can have. */
export const PROBLEM_KINDS = [
  'invalid_id',
  'missing_id',
  'impossible_date',
  'dose_sequence',
  'duplicate_name',
  'duplicate_phone',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const PROBLEM_STATUSES = ['open', 'corrected', 'merged', 'confirmed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** A condition over a persons row aliased `p`: which people a search looks at. */
export type PersonFilter = SQL;

/** The first day a Covid-19 dose could be given in Vietnam (the first policy of schedule.ts). */
const CAMPAIGN_START = VACCINATION_POLICIES[0].effectiveFrom;

/**
 * An adult's record without an identity number is one to complete (CV 2262/BYT-CNTT, rules
 * R4.4.5). The card is issued from 14 (Luật Căn cước công dân 2014, Điều 19), but the lists of
 * 12–17 year-olds were made from schools and guardians, so only adults are asked for it here.
 */
const ID_CARD_AGE = 18;

/** A phone shared by more people than this is a family's or a station's, not a duplicate's. */
const PHONE_GROUP_MAX = 5;

/** The current doses of a person that count: not superseded, not rejected by a reviewer. */
const COUNTING_DOSE = sql`d.superseded_by IS NULL AND d.review_status <> 'rejected'`;

/**
 * Two records may be one person unless both carry an identity number and the numbers differ
 * (two numbers, two people: persons/queries.ts likelyDuplicates says the same).
 */
const SAME_PERSON_POSSIBLE = sql`(a.id_number IS NULL OR b.id_number IS NULL OR a.id_number = b.id_number)`;

/** A found problem, as it goes into person_reviews. */
export interface FoundProblem {
  personId: string;
  unitCode: string;
  kind: ProblemKind;
  otherPersonId: string | null;
  detail: string;
}

const vnDate = (column: string) => sql.raw(`to_char(${column}, 'DD/MM/YYYY')`);

/**
 * The problems of the people `filter` selects that SQL alone words: a vaccinated adult without an
 * identity number; a counting dose before birth, before the campaign, after today
 * or after death; a dose number without the one before it, or given no later than it, or flagged
 * by the rules for its order or interval and still pending; two living records with the same
 * folded name, birth date and commune, or the same phone (a small group), that may be one person.
 * Pairs name the lower id as the person. One statement; merged records are never looked at.
 */
export async function problemsFound(
  db: Pool | PoolClient,
  provinceCode: string,
  filter: PersonFilter,
  today: string,
): Promise<FoundProblem[]> {
  return query<FoundProblem>(
    db,
    sql`WITH people AS MATERIALIZED (
          SELECT p.id, p.unit_code, p.province_code, p.birth_date, p.deceased_on, p.id_number, p.phone,
                 p.name_folded
            FROM persons p
           WHERE p.province_code = ${provinceCode} AND p.merged_into IS NULL AND ${filter}
        ),
        doses AS MATERIALIZED (
          SELECT d.person_id, d.dose_number, d.given_on, d.flags, d.review_status,
                 lag(d.dose_number) OVER w AS prev_number, lag(d.given_on) OVER w AS prev_on
            FROM vaccine_doses d JOIN people p ON p.id = d.person_id
           WHERE d.province_code = ${provinceCode} AND ${COUNTING_DOSE}
          WINDOW w AS (PARTITION BY d.person_id ORDER BY d.dose_number)
        ),
        missing AS (
          SELECT p.id AS "personId", p.unit_code AS "unitCode", 'missing_id' AS kind, NULL::uuid AS "otherPersonId",
                 'Người từ 18 tuổi đã tiêm nhưng chưa có số CCCD/CMND' AS detail
            FROM people p
           WHERE p.id_number IS NULL AND p.birth_date <= ${today}::date - ${`${ID_CARD_AGE} years`}::interval
             AND EXISTS (SELECT 1 FROM doses d WHERE d.person_id = p.id)
        ),
        dates AS (
          SELECT p.id AS "personId", p.unit_code AS "unitCode", 'impossible_date' AS kind, NULL::uuid AS "otherPersonId",
                 string_agg(
                   'Mũi ' || d.dose_number || ' ghi ngày ' || ${vnDate('d.given_on')} ||
                   CASE WHEN d.given_on < p.birth_date THEN ', trước ngày sinh ' || ${vnDate('p.birth_date')}
                        WHEN d.given_on < ${CAMPAIGN_START}::date
                          THEN ', trước khi bắt đầu tiêm chủng COVID-19 (' || ${vnDate(`date '${CAMPAIGN_START}'`)} || ')'
                        WHEN d.given_on > ${today}::date THEN ', sau ngày hôm nay'
                        ELSE ', sau ngày mất ' || ${vnDate('p.deceased_on')} END,
                   '; ' ORDER BY d.dose_number) AS detail
            FROM people p JOIN doses d ON d.person_id = p.id
           WHERE d.given_on < p.birth_date OR d.given_on < ${CAMPAIGN_START}::date OR d.given_on > ${today}::date
              OR d.given_on > p.deceased_on
           GROUP BY p.id, p.unit_code
        ),
        sequence AS (
          SELECT p.id AS "personId", p.unit_code AS "unitCode", 'dose_sequence' AS kind, NULL::uuid AS "otherPersonId",
                 string_agg(
                   CASE WHEN d.dose_number > 1 AND d.prev_number IS DISTINCT FROM d.dose_number - 1
                          THEN 'Có mũi ' || d.dose_number || ' nhưng không có mũi ' || (d.dose_number - 1)
                        WHEN d.prev_on IS NOT NULL AND d.given_on <= d.prev_on
                          THEN 'Mũi ' || d.dose_number || ' (' || ${vnDate('d.given_on')} || ') không sau mũi '
                               || d.prev_number || ' (' || ${vnDate('d.prev_on')} || ')'
                        WHEN 'sequence' = ANY(d.flags)
                          THEN 'Mũi ' || d.dose_number || ': số thứ tự không khớp với các mũi đã có'
                        ELSE 'Mũi ' || d.dose_number || ': khoảng cách với mũi trước ngắn hơn quy định' END,
                   '; ' ORDER BY d.dose_number) AS detail
            FROM people p JOIN doses d ON d.person_id = p.id
           WHERE (d.dose_number > 1 AND d.prev_number IS DISTINCT FROM d.dose_number - 1)
              OR (d.prev_on IS NOT NULL AND d.given_on <= d.prev_on)
              OR (d.review_status = 'pending' AND d.flags && ARRAY['sequence', 'interval_too_short']::text[])
           GROUP BY p.id, p.unit_code
        ),
        same_name AS (
          SELECT p.id, p.unit_code, p.id_number,
                 first_value(p.id) OVER g AS first_id, first_value(p.id_number) OVER g AS first_number,
                 count(*) OVER (PARTITION BY p.unit_code, p.name_folded, p.birth_date) AS n
            FROM people p
          WINDOW g AS (PARTITION BY p.unit_code, p.name_folded, p.birth_date ORDER BY p.id)
        ),
        names AS (
          SELECT a.first_id AS "personId", a.unit_code AS "unitCode", 'duplicate_name' AS kind, a.id AS "otherPersonId",
                 'Trùng họ tên, ngày sinh và xã với một người khác' AS detail
            FROM same_name a CROSS JOIN LATERAL (SELECT a.first_number AS id_number) b
           WHERE a.n > 1 AND a.id <> a.first_id AND ${SAME_PERSON_POSSIBLE}
        ),
        same_phone AS (
          SELECT p.id, p.unit_code, p.id_number, p.name_folded, p.birth_date,
                 first_value(p.id) OVER g AS first_id, count(*) OVER (PARTITION BY p.phone) AS n
            FROM people p
           WHERE p.phone IS NOT NULL
          WINDOW g AS (PARTITION BY p.phone ORDER BY p.id)
        ),
        phones AS (
          SELECT f.id AS "personId", f.unit_code AS "unitCode", 'duplicate_phone' AS kind, a.id AS "otherPersonId",
                 'Trùng số điện thoại với một người khác' AS detail
            FROM same_phone a JOIN same_phone f ON f.id = a.first_id
           CROSS JOIN LATERAL (SELECT f.id_number) b(id_number)
           WHERE a.n BETWEEN 2 AND ${PHONE_GROUP_MAX} AND a.id <> a.first_id AND ${SAME_PERSON_POSSIBLE}
             AND NOT (a.unit_code = f.unit_code AND a.name_folded = f.name_folded AND a.birth_date = f.birth_date)
        )
        SELECT * FROM missing UNION ALL SELECT * FROM dates UNION ALL SELECT * FROM sequence
        UNION ALL SELECT * FROM names UNION ALL SELECT * FROM phones`,
  );
}

/** Identity numbers whose shape the domain's check may refuse (cccd.ts, mirrored for SQL). */
export interface IdCandidate {
  personId: string;
  unitCode: string;
  idType: string | null;
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/**
 * The people whose identity number fails the rules of packages/domain identity/cccd.ts, found in
 * SQL (the same patterns, the same province list); the service words each through checkIdNumber,
 * which stays the authority (cleaning.test.ts holds the two to the same answers).
 */
export async function idCandidates(
  db: Pool | PoolClient,
  provinceCode: string,
  filter: PersonFilter,
): Promise<IdCandidate[]> {
  const prefixes = Object.keys(CCCD_PROVINCES);
  return query<IdCandidate>(
    db,
    sql`SELECT p.id AS "personId", p.unit_code AS "unitCode", p.id_type AS "idType", p.id_number AS "idNumber",
               p.birth_date AS "birthDate", p.sex
          FROM persons p
          CROSS JOIN LATERAL (SELECT coalesce(p.id_type, CASE WHEN p.id_number ~ '^\\d{12}$' THEN 'cccd'
                                                              WHEN p.id_number ~ '^\\d{9}$' THEN 'cmnd9'
                                                              WHEN p.id_number ~ '^[A-Za-z]\\d+$' THEN 'passport' END) AS t) k
         WHERE p.province_code = ${provinceCode} AND p.merged_into IS NULL AND p.id_number IS NOT NULL AND ${filter}
           AND CASE k.t
                 -- CASE, not OR: the digits are read as numbers only once they are known to be digits.
                 WHEN 'cccd' THEN CASE WHEN p.id_number !~ '^\\d{12}$' THEN true
                   ELSE left(p.id_number, 3) <> ALL(${sql.param(prefixes)}::text[])
                     OR (substr(p.id_number, 4, 1)::int % 2 = 0) <> (p.sex = 'male')
                     OR 1900 + 100 * (substr(p.id_number, 4, 1)::int / 2) <> extract(year FROM p.birth_date)::int / 100 * 100
                     OR substr(p.id_number, 5, 2)::int <> extract(year FROM p.birth_date)::int % 100 END
                 WHEN 'cmnd9' THEN p.id_number !~ '^\\d{9}$'
                 WHEN 'cmnd12' THEN p.id_number !~ '^\\d{12}$'
                 WHEN 'passport' THEN p.id_number !~ '^[A-Z]\\d{7,8}$'
                 ELSE true END`,
  );
}

/**
 * Adds the problems found to the queue: a new one opens; one already there stays as a person left
 * it (confirmed is never raised again, merged belongs to its merge) except a correction that did
 * not cure it, which opens again. Returns how many were opened.
 */
export async function openProblems(
  db: Pool | PoolClient,
  provinceCode: string,
  found: FoundProblem[],
): Promise<number> {
  if (found.length === 0) return 0;
  const rows = await query<{ n: number }>(
    db,
    sql`WITH ins AS (
          INSERT INTO person_reviews AS r (province_code, unit_code, person_id, kind, other_person_id, detail)
          SELECT ${provinceCode}, f.unit_code, f.person_id, f.kind, f.other_person_id, f.detail
            FROM unnest(${sql.param(found.map((f) => f.unitCode))}::text[], ${sql.param(found.map((f) => f.personId))}::uuid[],
                        ${sql.param(found.map((f) => f.kind))}::text[], ${sql.param(found.map((f) => f.otherPersonId))}::uuid[],
                        ${sql.param(found.map((f) => f.detail))}::text[])
                 AS f(unit_code, person_id, kind, other_person_id, detail)
          ON CONFLICT (person_id, kind, province_code, other_person_id) DO UPDATE
             SET status = 'open', detail = excluded.detail, resolved_by = NULL, resolved_at = NULL
           WHERE r.status = 'corrected'
          RETURNING 1)
        SELECT count(*)::int AS n FROM ins`,
  );
  return rows[0].n;
}

/** The child unit a unit code (`alias`.unit_code, units joined as u) falls in: a district's for a province of the 2021 tree, else itself. */
function childOf(chosenIsProvince: boolean, alias: string): SQL {
  const unit = sql.raw(`${alias}.unit_code`);
  return chosenIsProvince ? sql`coalesce(u.district_code, ${unit})` : unit;
}

const ACTIVE_UNITS = sql`units u ON u.tree = (SELECT value FROM settings WHERE key = 'unit_tree')`;

export interface CountRow {
  unitCode: string;
  toVerify: number;
  verified: number;
  kinds: Record<string, number>;
}

/**
 * Per child unit of the chosen unit (`where` is its scope over a unit and a province column):
 * people with an open problem (to verify), people whose problems are all closed (verified), and
 * the open problems by kind. Grouped per commune first (hash aggregates over the reviews), then
 * the hundred-odd communes mapped to their child unit.
 */
export async function countsByUnit(
  db: Pool | PoolClient,
  where: (unit: SQL, province: SQL) => SQL,
  chosenIsProvince: boolean,
): Promise<CountRow[]> {
  const inside = where(sql`r.unit_code`, sql`r.province_code`);
  return query<CountRow>(
    db,
    sql`WITH per_person AS (
          SELECT r.unit_code, bool_or(r.status = 'open') AS open
            FROM person_reviews r WHERE ${inside} GROUP BY r.unit_code, r.person_id
        ),
        per_unit AS (
          SELECT x.unit_code, count(*) FILTER (WHERE x.open) AS to_verify, count(*) FILTER (WHERE NOT x.open) AS verified
            FROM per_person x GROUP BY x.unit_code
        ),
        per_kind AS (
          SELECT r.unit_code, r.kind, count(*) AS n
            FROM person_reviews r WHERE ${inside} AND r.status = 'open' GROUP BY r.unit_code, r.kind
        ),
        kinds AS (
          SELECT k.child, jsonb_object_agg(k.kind, k.n) AS kinds
            FROM (SELECT ${childOf(chosenIsProvince, 'k')} AS child, k.kind, sum(k.n)::int AS n
                    FROM per_kind k LEFT JOIN ${ACTIVE_UNITS} AND u.code = k.unit_code
                   GROUP BY 1, 2) k
           GROUP BY k.child
        ),
        counts AS (
          SELECT ${childOf(chosenIsProvince, 'x')} AS child, sum(x.to_verify)::int AS to_verify,
                 sum(x.verified)::int AS verified
            FROM per_unit x LEFT JOIN ${ACTIVE_UNITS} AND u.code = x.unit_code
           GROUP BY 1
        )
        SELECT c.child AS "unitCode", c.to_verify AS "toVerify", c.verified, coalesce(k.kinds, '{}'::jsonb) AS kinds
          FROM counts c LEFT JOIN kinds k ON k.child = c.child`,
    'cleaning_counts*',
  );
}

/** A problem of the list with the one or two people it is about. */
export interface ProblemRow {
  id: string;
  provinceCode: string;
  unitCode: string;
  kind: ProblemKind;
  detail: string | null;
  status: ProblemStatus;
  createdAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  personId: string;
  otherPersonId: string | null;
  person: ProblemPerson;
  other: ProblemPerson | null;
}

export interface ProblemPerson {
  id: string;
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  unitCode: string;
  unitName: string | null;
  mergedInto: string | null;
  doses: number;
}

const personJson = (alias: string) =>
  sql.raw(`CASE WHEN ${alias}.id IS NOT NULL THEN json_build_object(
    'id', ${alias}.id, 'fullName', ${alias}.full_name, 'birthDate', ${alias}.birth_date, 'sex', ${alias}.sex,
    'idNumber', ${alias}.id_number, 'phone', ${alias}.phone, 'address', ${alias}.address,
    'unitCode', ${alias}.unit_code, 'unitName', ${alias}u.name, 'mergedInto', ${alias}.merged_into,
    'doses', (SELECT count(*)::int FROM vaccine_doses d WHERE d.person_id = ${alias}.id
               AND d.province_code = ${alias}.province_code AND d.superseded_by IS NULL AND d.review_status <> 'rejected'))
  END`);

const PROBLEM_SELECT = sql`SELECT r.id, r.province_code AS "provinceCode", r.unit_code AS "unitCode", r.kind, r.detail,
       r.status, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
       to_char(r.resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "resolvedAt",
       a.full_name AS "resolvedByName", r.person_id AS "personId", r.other_person_id AS "otherPersonId",
       ${personJson('p')} AS person, ${personJson('o')} AS other
  FROM person_reviews r
  JOIN persons p ON p.id = r.person_id AND p.province_code = r.province_code
  LEFT JOIN units pu ON pu.tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND pu.code = p.unit_code
  LEFT JOIN persons o ON o.id = r.other_person_id AND o.province_code = r.province_code
  LEFT JOIN units ou ON ou.tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND ou.code = o.unit_code
  LEFT JOIN accounts a ON a.id = r.resolved_by`;

/** A problem is inside a scope when its unit, its person and the other person of a pair all are. */
function inside(where: (unit: SQL, province: SQL) => SQL): SQL {
  return sql`${where(sql`r.unit_code`, sql`r.province_code`)} AND ${where(sql`p.unit_code`, sql`p.province_code`)}
    AND (o.id IS NULL OR ${where(sql`o.unit_code`, sql`o.province_code`)})`;
}

export interface ProblemFilters {
  kind?: ProblemKind;
  status: ProblemStatus;
  after?: string;
  limit: number;
}

/**
 * One page of problems inside `where` (the chosen unit's scope), keyset on the id. Served by
 * person_reviews_open_idx for the open ones (province, unit, kind).
 */
export async function problemRows(
  db: Pool | PoolClient,
  where: (unit: SQL, province: SQL) => SQL,
  f: ProblemFilters,
): Promise<ProblemRow[]> {
  return query<ProblemRow>(
    db,
    sql`${PROBLEM_SELECT}
         WHERE ${inside(where)} AND r.status = ${f.status}
           ${f.kind ? sql`AND r.kind = ${f.kind}` : sql``}
           ${f.after ? sql`AND r.id > ${f.after}::uuid` : sql``}
         ORDER BY r.id LIMIT ${f.limit + 1}`,
    'cleaning_problems*',
  );
}

/** A problem inside the caller's jurisdiction (its person's unit), locked when about to close it. */
export async function problemInScope(
  db: Pool | PoolClient,
  where: (unit: SQL, province: SQL) => SQL,
  id: string,
  forUpdate = false,
): Promise<ProblemRow | undefined> {
  return queryOne<ProblemRow>(
    db,
    sql`${PROBLEM_SELECT}
         WHERE r.id = ${id} AND ${inside(where)}
         ${forUpdate ? sql`FOR UPDATE OF r` : sql``}`,
  );
}

/** The doses of some people, current and superseded, for the side-by-side comparison. */
export interface CompareDoseRow {
  id: string;
  personId: string;
  doseNumber: number;
  product: string;
  givenOn: string;
  site: string | null;
  synced: boolean;
  current: boolean;
  reviewStatus: string;
  mergedFrom: string | null;
}

export async function dosesOfPeople(
  db: Pool | PoolClient,
  provinceCode: string,
  ids: string[],
): Promise<CompareDoseRow[]> {
  return query<CompareDoseRow>(
    db,
    sql`SELECT d.id, d.person_id AS "personId", d.dose_number AS "doseNumber", d.product, d.given_on AS "givenOn",
               d.site, d.national_id IS NOT NULL AS synced, d.superseded_by IS NULL AS current,
               d.review_status AS "reviewStatus", d.merged_from AS "mergedFrom"
          FROM vaccine_doses d
         WHERE d.province_code = ${provinceCode} AND d.person_id = ANY(${sql.param(ids)}::uuid[])
         ORDER BY d.person_id, d.dose_number, d.created_at`,
  );
}

/** The live merge that absorbed `mergedId`, if any. */
export async function liveMergeOf(
  db: Pool | PoolClient,
  provinceCode: string,
  mergedId: string,
): Promise<{ id: string; survivorId: string; mergedAt: string } | undefined> {
  return queryOne(
    db,
    sql`SELECT m.id, m.survivor_id AS "survivorId",
               to_char(m.merged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "mergedAt"
          FROM person_merges m
         WHERE m.province_code = ${provinceCode} AND m.merged_id = ${mergedId} AND m.undone_at IS NULL`,
  );
}
