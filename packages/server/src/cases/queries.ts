import type { NegativeTest, VaccinationStatus } from '@tuyendau/domain';
import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE } from '../auth/scope.ts';
import type { Pool, PoolClient } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';

export interface CaseRow {
  id: string;
  personId: string;
  personName: string;
  birthDate: string;
  sex: string;
  unitCode: string;
  unitName: string;
  provinceCode: string;
  detectedOn: string;
  foundBy: string;
  clusterId: string | null;
  clusterName: string | null;
  status: string;
  severity: string;
  carePlace: string;
  /** The name of the care tier (care tiers are data); null for home and facility. */
  carePlaceName: string | null;
  outcomeOn: string | null;
  outcomeCriterion: string | null;
  sourceCaseId: string | null;
  sourceContactId: string | null;
  confirmTestId: string | null;
  reinfection: boolean;
  note: string | null;
}

/** The name of a care tier of a province (its own row, else the national default); NULL for other values. */
export function tierName(code: SQL, province: SQL): SQL {
  return sql`(SELECT t.name FROM care_tiers t WHERE t.code = ${code} AND t.province_code IN (${province}, '00')
               ORDER BY t.province_code = '00' LIMIT 1)`;
}

export const CASE_COLUMNS = sql`c.id, c.person_id AS "personId", p.full_name AS "personName", p.birth_date AS "birthDate",
  p.sex, c.unit_code AS "unitCode", u.name AS "unitName", c.province_code AS "provinceCode",
  c.detected_on AS "detectedOn", c.found_by AS "foundBy", c.cluster_id AS "clusterId", cl.name AS "clusterName",
  c.status, c.severity, c.care_place AS "carePlace", ${tierName(sql`c.care_place`, sql`c.province_code`)} AS "carePlaceName",
  c.outcome_on AS "outcomeOn",
  c.outcome_criterion AS "outcomeCriterion", c.source_case_id AS "sourceCaseId",
  c.source_contact_id AS "sourceContactId", c.confirm_test_id AS "confirmTestId", c.reinfection, c.note`;

export const CASE_FROM = sql`cases c JOIN persons p ON p.id = c.person_id
  LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = c.unit_code
  LEFT JOIN clusters cl ON cl.id = c.cluster_id`;

/** A case belongs to the commune of its person's residence at detection. */
export function casesInScope(me: Principal): SQL {
  return me.scope.covers(sql`c.unit_code`, sql`c.province_code`);
}

export async function caseInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
  forUpdate = false,
): Promise<CaseRow | undefined> {
  return queryOne<CaseRow>(
    db,
    sql`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = ${id} AND ${casesInScope(me)}
        ${forUpdate ? sql`FOR UPDATE OF c` : sql``}`,
  );
}

export function caseOut(row: CaseRow) {
  const { provinceCode: _p, ...rest } = row;
  return rest;
}

/** A case's history: severity, care place and outcome changes, oldest first. */
export async function caseEvents(db: Pool | PoolClient, caseId: string) {
  return query(
    db,
    sql`SELECT e.occurred_on AS "on", e.kind, e.value,
               CASE WHEN e.kind = 'care' THEN ${tierName(sql`e.value`, sql`e.province_code`)} END AS "valueName",
               e.detail, e.override_reason AS "overrideReason"
          FROM case_events e WHERE e.case_id = ${caseId}
         ORDER BY e.occurred_on, e.id`,
  );
}

/** The vaccination status recorded on a contact (what is known of a case's person when traced). */
export async function contactVaccination(
  db: Pool | PoolClient,
  contactId: string,
): Promise<VaccinationStatus | undefined> {
  const row = await queryOne<{ vaccination: VaccinationStatus }>(
    db,
    sql`SELECT vaccination FROM contacts WHERE id = ${contactId}`,
  );
  return row?.vaccination;
}

/** The person's negative individual tests sampled on or after a day (exit tests of an isolation). */
export async function negativeTestsSince(
  db: Pool | PoolClient,
  personId: string,
  from: string,
): Promise<NegativeTest[]> {
  return query<NegativeTest>(
    db,
    sql`SELECT (t.sampled_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS "on", t.kind
          FROM lab_tests t WHERE t.person_id = ${personId} AND t.result = 'negative'
           AND t.sampled_at >= ${from}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
         ORDER BY t.sampled_at`,
  );
}
