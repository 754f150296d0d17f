import type { Pool, PoolClient } from '../../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../../db/sql.ts';

/**
 * The village of an address: its last part after a comma ("Số 12, tổ dân phố 3" → "tổ dân phố 3",
 * "Bản Nà Bó" → "Bản Nà Bó"). Addresses of a household first, else the person's own.
 */
const ADDRESS = sql`coalesce(nullif(btrim(h.address), ''), nullif(btrim(p.address), ''), '')`;
const VILLAGE = sql`btrim(regexp_replace(${ADDRESS}, '^.*,', ''))`;
/** The house number an address starts with ("Số 12, …" → 12), so that a village is walked 2 before 10. */
const HOUSE = sql`coalesce(substring(${ADDRESS} from '^\\D*(\\d{1,9})')::int, 2147483647)`;

/** The residents of a commune who may be on a door-to-door list on a day: not merged, not gone, old enough. */
function residents(q: { provinceCode: string; unitCode: string; asOf: string; minAge: number }): SQL {
  return sql`p.province_code = ${q.provinceCode} AND p.unit_code = ${q.unitCode}
    AND p.merged_into IS NULL
    AND (p.deceased_on IS NULL OR p.deceased_on > ${q.asOf}::date)
    AND (p.left_on IS NULL OR p.left_on > ${q.asOf}::date)
    AND p.birth_date <= (${q.asOf}::date - make_interval(years => ${q.minAge}::int))::date`;
}

/**
 * A person and the address of their household in the same commune (the equality lets the planner
 * read the commune's households by their unit index instead of the province's).
 */
const PERSONS_FROM = sql`persons p
  LEFT JOIN households h ON h.id = p.household_id AND h.province_code = p.province_code
                        AND h.unit_code = p.unit_code`;

export interface VillageRow {
  village: string;
  persons: number;
}

/** The villages of a commune (the last part of the addresses) with their residents, for the picker. */
export async function villagesOf(
  db: Pool,
  q: { provinceCode: string; unitCode: string; asOf: string; minAge: number },
): Promise<VillageRow[]> {
  return query<VillageRow>(
    db,
    sql`SELECT ${VILLAGE} AS village, count(*)::int AS persons
          FROM ${PERSONS_FROM}
         WHERE ${residents(q)}
         GROUP BY 1 ORDER BY 1`,
    'door_villages',
  );
}

/** A dose as the list shows it: the current, not rejected ones (what counts). */
export interface DoorDoseRow {
  doseNumber: number;
  kind: string;
  product: string;
  givenOn: string;
  source: string;
}

export interface DoorMarkRow {
  id: string;
  mark: string;
  onDate: string | null;
  until: string | null;
  reason: string | null;
  doseId: string | null;
  markedAt: string;
  markedBy: string | null;
}

export interface DoorPersonRow {
  id: string;
  fullName: string;
  birthDate: string;
  sex: string;
  phone: string | null;
  householdId: string | null;
  address: string;
  village: string;
  /** The household the person is listed under: the household's id, else the person's own. */
  hkey: string;
  house: number;
  doses: DoorDoseRow[];
  lastMark: DoorMarkRow | null;
}

export interface DoorPageQuery {
  provinceCode: string;
  unitCode: string;
  asOf: string;
  minAge: number;
  village?: string;
  /** The last household of the previous chunk: (village, house number, address, hkey). */
  after?: [string, number, string, string];
  /** How many households to read. */
  households: number;
  /** One person only (the card a mark just changed). */
  personId?: string;
}

/**
 * The residents of the next `households` households of a commune (or a village of it), village by
 * village and house by house, each with their current doses and their latest door mark: one statement for a chunk (the
 * person's dose index and the marks' person index serve the two lateral reads).
 */
export async function doorPeople(db: Pool | PoolClient, q: DoorPageQuery): Promise<DoorPersonRow[]> {
  const where: SQL[] = [residents(q)];
  if (q.village !== undefined) where.push(sql`${VILLAGE} = ${q.village}`);
  if (q.personId) where.push(sql`p.id = ${q.personId}::uuid`);
  const after = q.after
    ? sql`WHERE (village, house, address, hkey) >
             (${q.after[0]}::text, ${q.after[1]}::int, ${q.after[2]}::text, ${q.after[3]}::uuid)`
    : sql``;
  return query<DoorPersonRow>(
    db,
    sql`WITH people AS (
          SELECT p.id, p.full_name, p.birth_date, p.sex, p.phone, p.household_id,
                 ${ADDRESS} AS address, ${VILLAGE} AS village, ${HOUSE} AS house,
                 coalesce(p.household_id, p.id) AS hkey
            FROM ${PERSONS_FROM}
           WHERE ${sql.join(where, sql` AND `)}
        ), chunk AS (
          SELECT DISTINCT village, house, address, hkey FROM people ${after}
           ORDER BY village, house, address, hkey LIMIT ${q.households}
        )
        SELECT pe.id, pe.full_name AS "fullName", pe.birth_date AS "birthDate", pe.sex, pe.phone,
               pe.household_id AS "householdId", pe.address, pe.village, pe.house, pe.hkey,
               coalesce(ds.doses, '[]'::json) AS doses, mk.mark AS "lastMark"
          FROM people pe
          JOIN chunk USING (village, house, address, hkey)
          LEFT JOIN LATERAL (
            SELECT json_agg(json_build_object('doseNumber', d.dose_number, 'kind', d.kind,
                     'product', d.product, 'givenOn', d.given_on, 'source', d.source)
                     ORDER BY d.given_on, d.dose_number) AS doses
              FROM vaccine_doses d
             WHERE d.person_id = pe.id AND d.province_code = ${q.provinceCode}
               AND d.superseded_by IS NULL AND d.review_status <> 'rejected'
          ) ds ON TRUE
          LEFT JOIN LATERAL (
            SELECT json_build_object('id', m.id, 'mark', m.mark, 'onDate', m.on_date, 'until', m.until,
                     'reason', m.reason, 'doseId', m.dose_id,
                     'markedAt', to_char(m.marked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                     'markedBy', a.full_name) AS mark
              FROM door_marks m LEFT JOIN accounts a ON a.id = m.marked_by
             WHERE m.person_id = pe.id AND m.province_code = ${q.provinceCode}
             ORDER BY m.marked_at DESC, m.id DESC LIMIT 1
          ) mk ON TRUE
         ORDER BY pe.village, pe.house, pe.address, pe.hkey, pe.birth_date, pe.id`,
    'door_people*',
  );
}

/** The person a mark is for, inside the jurisdiction, locked for the mark's transaction. */
export interface MarkPersonRow {
  id: string;
  fullName: string;
  birthDate: string;
  unitCode: string;
  provinceCode: string;
  deceasedOn: string | null;
  leftOn: string | null;
  mergedInto: string | null;
}

export async function markPersonInScope(
  db: PoolClient,
  scope: { covers(unitCode: SQL, provinceCode: SQL): SQL },
  id: string,
): Promise<MarkPersonRow | undefined> {
  return queryOne<MarkPersonRow>(
    db,
    sql`SELECT p.id, p.full_name AS "fullName", p.birth_date AS "birthDate", p.unit_code AS "unitCode",
               p.province_code AS "provinceCode", p.deceased_on AS "deceasedOn", p.left_on AS "leftOn",
               p.merged_into AS "mergedInto"
          FROM persons p
         WHERE p.id = ${id} AND ${scope.covers(sql`p.unit_code`, sql`p.province_code`)}
         FOR UPDATE OF p`,
  );
}

/** The latest day a current, counting dose of the person was given (a death cannot precede it). */
export async function lastDoseOn(db: PoolClient, person: MarkPersonRow): Promise<string | null> {
  const row = await queryOne<{ last: string | null }>(
    db,
    sql`SELECT max(given_on) AS last FROM vaccine_doses
         WHERE person_id = ${person.id} AND province_code = ${person.provinceCode}
           AND superseded_by IS NULL AND review_status <> 'rejected'`,
  );
  return row?.last ?? null;
}

export interface NewMark {
  id: string;
  provinceCode: string;
  unitCode: string;
  personId: string;
  mark: string;
  doseId: string | null;
  reason: string | null;
  until: string | null;
  onDate: string | null;
  markedBy: string;
}

export async function insertMark(db: PoolClient, m: NewMark): Promise<void> {
  await db.query(
    `INSERT INTO door_marks (id, province_code, unit_code, person_id, mark, dose_id, reason, until, on_date, marked_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [m.id, m.provinceCode, m.unitCode, m.personId, m.mark, m.doseId, m.reason, m.until, m.onDate, m.markedBy],
  );
}

/** A person no longer a resident from a day: moved away or died (the coverage triggers follow). */
export async function setGone(
  db: PoolClient,
  person: MarkPersonRow,
  column: 'left_on' | 'deceased_on',
  on: string,
  by: string,
): Promise<void> {
  await db.query(
    `UPDATE persons SET ${column} = $3, updated_at = now(), updated_by = $4
      WHERE id = $1 AND province_code = $2`,
    [person.id, person.provinceCode, on, by],
  );
}
