import type { Principal } from '../../auth/principal.ts';
import { Scope } from '../../auth/scope.ts';
import type { Pool, PoolClient } from '../../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../../db/sql.ts';
import { decodeCursor } from '../../http/pagination.ts';
import { asJurisdiction } from '../../persons/queries.ts';

/** A dose as stored, with the names of who recorded and who reviewed it. */
export interface DoseRow {
  id: string;
  personId: string;
  provinceCode: string;
  unitCode: string;
  doseNumber: number;
  kind: string;
  product: string;
  lot: string | null;
  givenOn: string;
  site: string | null;
  nationalId: string | null;
  flags: string[];
  reviewStatus: string;
  reviewNote: string | null;
  reviewedAt: string | null;
  reviewedByName: string | null;
  supersededBy: string | null;
  source: string;
  createdAt: string;
  /** created_at to the microsecond, for keyset cursors (a Date would cut it to milliseconds). */
  createdKey: string;
  createdByName: string | null;
}

const ISO = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const ISO_MICRO = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

const DOSE_COLUMNS = sql`d.id, d.person_id AS "personId", d.province_code AS "provinceCode", d.unit_code AS "unitCode",
  d.dose_number AS "doseNumber", d.kind, d.product, d.lot, d.given_on AS "givenOn", d.site,
  d.national_id AS "nationalId", d.flags, d.review_status AS "reviewStatus", d.review_note AS "reviewNote",
  ${ISO('d.reviewed_at')} AS "reviewedAt", r.full_name AS "reviewedByName", d.superseded_by AS "supersededBy",
  d.source, ${ISO('d.created_at')} AS "createdAt", ${ISO_MICRO('d.created_at')} AS "createdKey",
  w.full_name AS "createdByName"`;

const DOSE_FROM = sql`vaccine_doses d
  LEFT JOIN accounts r ON r.id = d.reviewed_by
  LEFT JOIN accounts w ON w.id = d.created_by`;

/** Every dose of a person, current and superseded, in dose order (the person's unique index serves it). */
export async function dosesOfPerson(
  db: Pool | PoolClient,
  person: { id: string; provinceCode: string },
): Promise<DoseRow[]> {
  return query<DoseRow>(
    db,
    sql`SELECT ${DOSE_COLUMNS} FROM ${DOSE_FROM}
         WHERE d.person_id = ${person.id} AND d.province_code = ${person.provinceCode}
         ORDER BY d.dose_number, d.created_at, d.id`,
    'doses_of_person',
  );
}

/** What the rule check needs of a person's current doses. */
export interface DoseFactsRow {
  id: string;
  personId: string;
  doseNumber: number;
  kind: string;
  product: string;
  givenOn: string;
  reviewStatus: string;
}

/** The current doses (not superseded) of some persons, for the rule check: one statement for a page. */
export async function currentDosesOf(db: Pool | PoolClient, personIds: string[]): Promise<DoseFactsRow[]> {
  if (personIds.length === 0) return [];
  return query<DoseFactsRow>(
    db,
    sql`SELECT d.id, d.person_id AS "personId", d.dose_number AS "doseNumber", d.kind, d.product,
               d.given_on AS "givenOn", d.review_status AS "reviewStatus"
          FROM vaccine_doses d
         WHERE d.person_id = ANY(${sql.param(personIds)}::uuid[]) AND d.superseded_by IS NULL`,
    'current_doses_of',
  );
}

/** The person a dose is recorded for, as the rules and the scope need them. */
export interface DosePersonRow {
  id: string;
  fullName: string;
  birthDate: string;
  unitCode: string;
  provinceCode: string;
  deceasedOn: string | null;
  mergedInto: string | null;
}

/** A person inside the caller's jurisdiction, locked when writing their doses (one writer per person). */
export async function dosePersonInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
  forUpdate = false,
): Promise<DosePersonRow | undefined> {
  return queryOne<DosePersonRow>(
    db,
    sql`SELECT p.id, p.full_name AS "fullName", p.birth_date AS "birthDate", p.unit_code AS "unitCode",
               p.province_code AS "provinceCode", p.deceased_on AS "deceasedOn", p.merged_into AS "mergedInto"
          FROM persons p
         WHERE p.id = ${id} AND ${me.scope.covers(sql`p.unit_code`, sql`p.province_code`)}
         ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`,
  );
}

/**
 * A dose inside the jurisdiction: its person lives there now, or it was recorded there (a commune
 * reviews what it recorded even after the person moved away). Its person comes along.
 */
export async function doseInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
  forUpdate = false,
): Promise<(DoseRow & { person: DosePersonRow }) | undefined> {
  return queryOne<DoseRow & { person: DosePersonRow }>(
    db,
    sql`SELECT ${DOSE_COLUMNS},
               json_build_object('id', p.id, 'fullName', p.full_name, 'birthDate', p.birth_date,
                 'unitCode', p.unit_code, 'provinceCode', p.province_code, 'deceasedOn', p.deceased_on,
                 'mergedInto', p.merged_into) AS person
          FROM ${DOSE_FROM}
          JOIN persons p ON p.id = d.person_id AND p.province_code = d.province_code
         WHERE d.id = ${id}
           AND (${me.scope.covers(sql`p.unit_code`, sql`p.province_code`)}
                OR ${me.scope.covers(sql`d.unit_code`, sql`d.province_code`)})
         ${forUpdate ? sql`FOR UPDATE OF d, p` : sql``}`,
  );
}

/** Another current dose of the province already carrying this national platform id. */
export async function doseWithNationalId(
  db: PoolClient,
  provinceCode: string,
  nationalId: string,
  except?: string,
): Promise<string | undefined> {
  const row = await queryOne<{ id: string }>(
    db,
    sql`SELECT id FROM vaccine_doses
         WHERE national_id = ${nationalId} AND province_code = ${provinceCode}
           ${except ? sql`AND id <> ${except}` : sql``}`,
  );
  return row?.id;
}

/** Why each dose was corrected (the reason is kept in the audit log of the correction). */
export async function correctionReasons(db: Pool, doseIds: string[]): Promise<Map<string, string>> {
  if (doseIds.length === 0) return new Map();
  const rows = await query<{ id: string; reason: string | null }>(
    db,
    sql`SELECT DISTINCT ON (entity_id) entity_id AS id, detail->>'reason' AS reason
          FROM audit_events
         WHERE entity = 'vaccine_dose' AND action = 'correct' AND entity_id = ANY(${sql.param(doseIds)}::text[])
         ORDER BY entity_id, id DESC`,
  );
  return new Map(rows.filter((r) => r.reason).map((r) => [r.id, r.reason!]));
}

export interface ReviewRow extends DoseRow {
  fullName: string;
  birthDate: string;
}

export interface ReviewFilters {
  unit?: string;
  cursor?: string;
  limit: number;
}

/**
 * Flagged doses waiting for a reviewer, recorded inside the jurisdiction (or the unit asked for),
 * oldest first: up to limit + 1 rows. The partial index of pending doses serves it.
 */
export async function pendingDoseRows(pool: Pool, me: Principal, q: ReviewFilters): Promise<ReviewRow[]> {
  const where: SQL[] = [
    sql`d.review_status = 'pending'`,
    sql`d.superseded_by IS NULL`,
    me.scope.covers(sql`d.unit_code`, sql`d.province_code`),
  ];
  if (q.unit) {
    const u = await me.scope.unitInside(pool, q.unit, 'unit');
    where.push(new Scope(asJurisdiction(u)).covers(sql`d.unit_code`, sql`d.province_code`));
  }
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']);
  if (after) {
    const [at, id] = after;
    where.push(sql`(d.created_at, d.id) > (${at}::timestamptz, ${id}::uuid)`);
  }
  return query<ReviewRow>(
    pool,
    sql`SELECT ${DOSE_COLUMNS}, p.full_name AS "fullName", p.birth_date AS "birthDate"
          FROM ${DOSE_FROM}
          JOIN persons p ON p.id = d.person_id AND p.province_code = d.province_code
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY d.created_at, d.id LIMIT ${q.limit + 1}`,
    'dose_reviews*',
  );
}
