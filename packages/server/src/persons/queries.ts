import { maskTail, normalizePhone } from '@tuyendau/domain';
import type { Principal } from '../auth/principal.ts';
import type { JurisdictionUnit } from '../auth/scope.ts';
import { ACTIVE_TREE, Scope } from '../auth/scope.ts';
import { CASE_COLUMNS, CASE_FROM, type CaseRow, casesInScope } from '../cases/queries.ts';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { likeContaining, query, queryOne, type SQL, sql } from '../db/sql.ts';
import { decodeCursor, encodeCursor } from '../http/pagination.ts';

export interface PersonRow {
  id: string;
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  idType: string | null;
  idNumber: string | null;
  phone: string | null;
  unitCode: string;
  unitName: string;
  provinceCode: string;
  address: string | null;
  householdId: string | null;
  flags: string[];
  createdAt: string;
  updatedAt: string;
  nameFolded: string;
}

// Times as ISO text made by PostgreSQL: the driver would parse a Date only for it to be printed again.
const ISO_CREATED = sql.raw(`to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const ISO_UPDATED = sql.raw(`to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export const PERSON_COLUMNS = sql`p.id, p.full_name AS "fullName", p.birth_date AS "birthDate", p.sex,
  p.id_type AS "idType", p.id_number AS "idNumber", p.phone, p.unit_code AS "unitCode", u.name AS "unitName",
  p.province_code AS "provinceCode", p.address, p.household_id AS "householdId", p.flags,
  ${ISO_CREATED} AS "createdAt", ${ISO_UPDATED} AS "updatedAt", p.name_folded AS "nameFolded"`;

export const PERSON_FROM = sql`persons p LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = p.unit_code`;

/** The condition that keeps persons inside the principal's jurisdiction. */
export function personsInScope(p: Principal): SQL {
  return p.scope.covers(sql`p.unit_code`, sql`p.province_code`);
}

/** A person as the API shows it; identity numbers and phones masked unless the role needs them. */
export function personOut(row: PersonRow, viewer: Principal) {
  const full = viewer.permissions.includes('person.identity');
  return {
    id: row.id,
    fullName: row.fullName,
    birthDate: row.birthDate,
    sex: row.sex,
    idType: row.idType,
    idNumber: row.idNumber && !full ? maskTail(row.idNumber, 3) : row.idNumber,
    phone: row.phone && !full ? maskTail(row.phone, 3) : row.phone,
    unitCode: row.unitCode,
    unitName: row.unitName,
    address: row.address,
    householdId: row.householdId,
    flags: row.flags,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Why a registered person may be the one being registered again. */
export type DuplicateReason = 'name_birth_unit' | 'phone';

/**
 * People inside the viewer's jurisdiction who may be `input` registered again: the same folded
 * name, birth date and commune, or the same phone; never someone whose identity number differs
 * from the one given (two numbers, two people). The same identity number is refused outright
 * (identity_numbers). Served by persons_unit_name_idx and persons_phone_idx.
 */
export async function likelyDuplicates(
  db: Pool | PoolClient,
  viewer: Principal,
  input: {
    fullName: string;
    birthDate: string;
    unitCode: string;
    phone: string | null;
    idNumber: string | null;
  },
  limit = 5,
): Promise<(PersonRow & { reasons: DuplicateReason[] })[]> {
  const sameName = sql`(p.unit_code = ${input.unitCode} AND p.name_folded = lower(unaccent(${input.fullName}))
                        AND p.birth_date = ${input.birthDate}::date)`;
  const samePhone = input.phone ? sql`p.phone = ${input.phone}` : sql`false`;
  const otherNumber = input.idNumber
    ? sql`AND (p.id_number IS NULL OR p.id_number = ${input.idNumber})`
    : sql``;
  return query<PersonRow & { reasons: DuplicateReason[] }>(
    db,
    sql`SELECT ${PERSON_COLUMNS},
               array_remove(ARRAY[CASE WHEN ${sameName} THEN 'name_birth_unit' END,
                                  CASE WHEN ${samePhone} THEN 'phone' END], NULL) AS reasons
          FROM ${PERSON_FROM}
         WHERE (${sameName} OR ${samePhone}) AND ${personsInScope(viewer)} ${otherNumber}
         ORDER BY ${sameName} DESC, p.name_folded, p.id LIMIT ${limit}`,
    'person_duplicates*',
  );
}

export async function personInScope(
  db: Pool | PoolClient,
  viewer: Principal,
  id: string,
  forUpdate = false,
): Promise<PersonRow | undefined> {
  return queryOne<PersonRow>(
    db,
    sql`SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM}
         WHERE p.id = ${id} AND ${personsInScope(viewer)} ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`,
  );
}

export interface PersonDetailRow extends Omit<PersonRow, 'unitName'> {
  householdAddress: string | null;
  members: { id: string; fullName: string; birthDate: string; sex: string }[];
}

/**
 * A person inside the viewer's jurisdiction with their household and its members (those the
 * viewer may see), in one prepared statement: the person page is the most read page there is.
 */
export async function personWithHousehold(
  db: Pool | PoolClient,
  viewer: Principal,
  id: string,
): Promise<PersonDetailRow | undefined> {
  const memberInScope = viewer.scope.covers(sql`m.unit_code`, sql`m.province_code`);
  return queryOne<PersonDetailRow>(
    db,
    sql`SELECT p.id, p.full_name AS "fullName", p.birth_date AS "birthDate", p.sex, p.id_type AS "idType",
               p.id_number AS "idNumber", p.phone, p.unit_code AS "unitCode", p.province_code AS "provinceCode",
               p.address, p.household_id AS "householdId", p.flags, ${ISO_CREATED} AS "createdAt",
               ${ISO_UPDATED} AS "updatedAt", p.name_folded AS "nameFolded", h.address AS "householdAddress",
               CASE WHEN p.household_id IS NULL THEN '[]'::json ELSE (
                 SELECT coalesce(json_agg(json_build_object('id', m.id, 'fullName', m.full_name,
                          'birthDate', m.birth_date, 'sex', m.sex) ORDER BY m.birth_date, m.id), '[]'::json)
                   FROM persons m
                  WHERE m.household_id = p.household_id AND m.province_code = p.province_code AND ${memberInScope})
               END AS members
          FROM persons p
          LEFT JOIN households h ON h.id = p.household_id AND h.province_code = p.province_code
         WHERE p.id = ${id} AND ${personsInScope(viewer)}`,
    'person_detail*',
  );
}

/** A unit as a jurisdiction, to filter lists by any unit inside the viewer's own. */
export function asJurisdiction(unit: {
  code: string;
  level: string;
  provinceCode: string;
  unitCodes?: string[] | null;
}): JurisdictionUnit {
  return {
    unitCodes: unit.unitCodes ?? undefined,
    code: unit.code,
    name: unit.code,
    level: unit.level as JurisdictionUnit['level'],
    provinceCode: unit.provinceCode,
    districtCode: unit.level === 'district' ? unit.code : null,
  };
}

/**
 * One page of people matching `term`, in name order, keyset-paged on (group, name, id).
 * Names that start with the term (how people type a name: surname first) come first: they are
 * one range of the name index, so even a common surname in a province of 500,000 is a short
 * index scan. Names that contain the term elsewhere follow, read only when the first group
 * runs out. Digits are looked up exactly as an identity number or a phone.
 */
/** How many names in order the dense probe reads before it concludes the term is rare. */
const PROBE_ROWS = 5000;

/**
 * The first `n` people in name order among `base` whose names satisfy `match` (a substring).
 * A common substring is found fastest by walking the name index and filtering; a rare one by the
 * trigram index and sorting the few matches. Planner estimates for substrings are poor, so decide
 * by measuring: probe the next PROBE_ROWS names; if the probe finds `n` matches (or reads all
 * there is), that is the answer, else gather the rare matches through the trigram index.
 */
async function containingInNameOrder(
  db: Pool,
  base: SQL[],
  match: SQL[],
  n: number,
  probeRows: number,
): Promise<PersonRow[]> {
  const and = (parts: SQL[]) => sql.join(parts, sql` AND `);
  const [probe] = await query<{ scanned: number; ids: string[] | null }>(
    db,
    sql`WITH s AS MATERIALIZED (
          SELECT p.id, p.name_folded FROM persons p WHERE ${and(base)} ORDER BY p.name_folded, p.id LIMIT ${probeRows})
        SELECT (SELECT count(*)::int FROM s) AS scanned,
               (SELECT array_agg(x.id ORDER BY x.name_folded, x.id)
                  FROM (SELECT p.id, p.name_folded FROM s p WHERE ${and(match)}
                         ORDER BY p.name_folded, p.id LIMIT ${n}) x) AS ids`,
    'person_search_probe*',
  );
  const ids = probe.ids ?? [];
  if (ids.length >= n || probe.scanned < probeRows) {
    if (!ids.length) return [];
    return query<PersonRow>(
      db,
      sql`SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE p.id = ANY(${sql.param(ids)}::uuid[])
           ORDER BY p.name_folded, p.id`,
      'persons_by_ids',
    );
  }
  return inTransaction(db, async (c) => {
    // Bitmap scans only: the trigram index finds the rare matches, then they are sorted.
    await c.query('SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off');
    return query<PersonRow>(
      c,
      sql`SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE ${and([...base, ...match])}
           ORDER BY p.name_folded, p.id LIMIT ${n}`,
    );
  });
}

export async function searchPersons(
  db: Pool,
  scope: SQL[],
  term: string,
  /** (group, folded name, id) of the last row shown, as decodeCursor checked it. */
  cursor: [number, string, string] | undefined,
  limit: number,
  /** Province-wide or wider lists walk a long name index: probe it (see containingInNameOrder). */
  opts: { broad: boolean; probeRows?: number } = { broad: false },
): Promise<{ items: PersonRow[]; next?: string }> {
  const digits = term.replace(/[\s.+-]/g, '');
  const select = (where: SQL[], n: number) =>
    query<PersonRow>(
      db,
      sql`SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM} WHERE ${sql.join([...scope, ...where], sql` AND `)}
           ORDER BY p.name_folded, p.id LIMIT ${n}`,
      'person_search*',
    );
  const after = (group: number) => {
    if (!cursor || cursor[0] !== group) return [];
    return [sql`(p.name_folded, p.id) > (${cursor[1]}, ${cursor[2]}::uuid)`];
  };
  let groups: { group: number; where: SQL[] }[];
  if (/^\d{6,}$/.test(digits)) {
    const phone = normalizePhone(term);
    groups = [
      { group: 0, where: [sql`(p.id_number = ${digits} ${phone ? sql`OR p.phone = ${phone}` : sql``})`] },
    ];
  } else if (term) {
    const folded = sql`lower(unaccent(${term}))`;
    const prefix = sql`(p.name_folded >= ${folded} AND p.name_folded < ${folded} || chr(1114111))`;
    groups = [
      { group: 0, where: [prefix] },
      { group: 1, where: [sql`p.name_folded LIKE ${likeContaining(folded)}`, sql`NOT ${prefix}`] },
    ];
  } else {
    groups = [{ group: 0, where: [] }];
  }
  const rows: (PersonRow & { group: number })[] = [];
  for (const { group, where } of groups) {
    if (cursor && cursor[0] > group) continue;
    const n = limit + 1 - rows.length;
    const found =
      group === 1 && opts.broad
        ? await containingInNameOrder(db, [...scope, ...after(group)], where, n, opts.probeRows ?? PROBE_ROWS)
        : await select([...where, ...after(group)], n);
    rows.push(...found.map((r) => ({ ...r, group })));
    if (rows.length > limit) break;
  }
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: encodeCursor([last.group, last.nameFolded, last.id]) };
}

/** One page of the people inside the jurisdiction (and the unit asked for) matching a name, number or phone. */
export async function findPersons(
  pool: Pool,
  me: Principal,
  { q, unit, cursor, limit }: { q?: string; unit?: string; cursor?: string; limit: number },
) {
  const filters = [personsInScope(me)];
  if (unit) {
    const u = await me.scope.unitInside(pool, unit, 'unit');
    filters.push(new Scope(asJurisdiction(u)).covers(sql`p.unit_code`, sql`p.province_code`));
  }
  const broad = !unit && (!me.unit || me.unit.level === 'province');
  const page = await searchPersons(
    pool,
    filters,
    q?.trim() ?? '',
    decodeCursor(cursor, ['int', 'text', 'uuid']),
    limit,
    { broad },
  );
  return { items: page.items.map((r) => personOut(r, me)), next: page.next };
}

/** How many of each kind of record the person page lists (the latest first). */
export const RECORDS_LIMIT = 50;

export interface PoolMembershipRow {
  poolId: string;
  sampledAt: string;
  resultedAt: string | null;
  result: string;
  memberStatus: string;
  retestId: string | null;
}

/** The pools a person was sampled in that the viewer may see, latest first. */
export async function poolMembershipsOfPerson(
  pool: Pool,
  viewer: Principal,
  personId: string,
): Promise<PoolMembershipRow[]> {
  return query<PoolMembershipRow>(
    pool,
    sql`SELECT t.id AS "poolId", ${isoTime(sql`t.sampled_at`)} AS "sampledAt",
               ${isoTime(sql`t.resulted_at`)} AS "resultedAt", t.result, m.status AS "memberStatus",
               m.retest_id AS "retestId"
          FROM lab_test_pool_members m
          JOIN lab_tests t ON t.id = m.pool_id AND t.province_code = m.province_code
         WHERE m.person_id = ${personId} AND ${viewer.scope.covers(sql`m.unit_code`, sql`m.province_code`)}
         ORDER BY t.sampled_at DESC, t.id DESC LIMIT ${RECORDS_LIMIT}`,
    'person_pools*',
  );
}

/** A person's cases that the viewer may see, latest first. */
export async function casesOfPerson(pool: Pool, viewer: Principal, personId: string): Promise<CaseRow[]> {
  return query<CaseRow>(
    pool,
    sql`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM}
         WHERE c.person_id = ${personId} AND ${casesInScope(viewer)}
         ORDER BY c.detected_on DESC, c.id DESC LIMIT ${RECORDS_LIMIT}`,
    'person_cases*',
  );
}

function isoTime(column: SQL): SQL {
  return sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export interface HouseholdRow {
  id: string;
  address: string | null;
  members: { id: string; fullName: string; birthDate: string }[];
}

/**
 * Households of one commune, newest first, with the members the viewer may see; `q` matches the
 * address or the name of a member (typed with or without diacritics).
 */
export async function householdsOfUnit(
  pool: Pool,
  viewer: Principal,
  unitCode: string,
  q: string | undefined,
  limit: number,
): Promise<HouseholdRow[]> {
  const memberInScope = viewer.scope.covers(sql`m.unit_code`, sql`m.province_code`);
  const folded = sql`lower(unaccent(${q ?? ''}))`;
  const match = q
    ? sql`AND (lower(unaccent(coalesce(h.address, ''))) LIKE ${likeContaining(folded)}
               OR EXISTS (SELECT 1 FROM persons m WHERE m.household_id = h.id AND m.province_code = h.province_code
                             AND m.unit_code = ${unitCode} AND m.name_folded LIKE ${likeContaining(folded)}))`
    : sql``;
  return query<HouseholdRow>(
    pool,
    sql`SELECT h.id, h.address,
               (SELECT coalesce(json_agg(json_build_object('id', m.id, 'fullName', m.full_name,
                          'birthDate', m.birth_date) ORDER BY m.birth_date, m.id), '[]'::json)
                  FROM persons m
                 WHERE m.household_id = h.id AND m.province_code = h.province_code AND ${memberInScope}) AS members
          FROM households h
         WHERE h.unit_code = ${unitCode} AND ${viewer.scope.covers(sql`h.unit_code`, sql`h.province_code`)} ${match}
         ORDER BY h.created_at DESC, h.id LIMIT ${limit}`,
    'households_of_unit*',
  );
}

/** Which of these cases the viewer may open (a contact may be seen through its own commune only). */
export async function visibleCaseIds(pool: Pool, viewer: Principal, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await query<{ id: string }>(
    pool,
    sql`SELECT c.id FROM cases c WHERE c.id = ANY(${sql.param(ids)}::uuid[]) AND ${casesInScope(viewer)}`,
  );
  return new Set(rows.map((r) => r.id));
}
