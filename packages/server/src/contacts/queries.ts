import type { PolicyRef } from '@tuyendau/domain';
import type { Principal } from '../auth/principal.ts';
import { Scope } from '../auth/scope.ts';
import type { Pool, PoolClient } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';
import { decodeCursor, pageOf } from '../http/pagination.ts';
import { todayInVietnam } from '../http/time.ts';
import { asJurisdiction } from '../persons/queries.ts';
import { quarantinePolicies } from './policy.ts';

/** A contact is seen by the contact's own commune and by the commune of the case that exposed them. */
export function contactsInScope(me: Principal): SQL {
  return sql`(${me.scope.covers(sql`k.unit_code`, sql`k.province_code`)}
           OR ${me.scope.covers(sql`k.case_unit_code`, sql`k.case_province_code`)})`;
}

export const CONTACT_COLUMNS = sql`k.id, k.case_id AS "caseId", k.person_id AS "personId", p.full_name AS "personName",
  p.birth_date AS "birthDate", p.sex, k.unit_code AS "unitCode", k.degree, k.exposure_date AS "exposureDate",
  k.setting, k.vaccination, k.quarantine_place AS "quarantinePlace", k.quarantine_start AS "quarantineStart",
  k.quarantine_end AS "quarantineEnd", k.policy_code AS "policyCode", k.resulting_case_id AS "resultingCaseId",
  k.via_contact_id AS "viaContactId", k.doses, k.last_dose_on AS "lastDoseOn"`;

export interface ContactRow {
  id: string;
  caseId: string;
  personId: string;
  personName: string;
  birthDate: string;
  sex: string;
  unitCode: string;
  degree: number;
  exposureDate: string;
  setting: string;
  vaccination: string;
  quarantinePlace: string | null;
  quarantineStart: string | null;
  quarantineEnd: string | null;
  policyCode: string | null;
  resultingCaseId: string | null;
  viaContactId: string | null;
  doses: number | null;
  lastDoseOn: string | null;
}

/** The API shape: the quarantine order with the document it comes from and its UNCONFIRMED points. */
export function contactOut(row: ContactRow, policies: Record<string, PolicyRef>) {
  const { quarantinePlace, quarantineStart, quarantineEnd, policyCode, ...rest } = row;
  return {
    ...rest,
    quarantine:
      quarantinePlace && quarantineStart && quarantineEnd
        ? {
            place: quarantinePlace,
            start: quarantineStart,
            end: quarantineEnd,
            days: Math.round((Date.parse(quarantineEnd) - Date.parse(quarantineStart)) / 86_400_000),
            policy: (policyCode ? policies[policyCode] : undefined) ?? { code: policyCode, source: null },
          }
        : null,
  };
}

/**
 * Contacts the viewer may see, latest exposure first: a contact belongs to its own commune and to
 * the case's. Keyset over a UNION ALL of two index scans (the contact's place, then the case's place
 * for contacts living elsewhere), each in index order, so a page reads a page, not the province.
 */
export async function contactRows(db: Pool | PoolClient, me: Principal, where: SQL[], limit = 1000) {
  const own = me.scope.covers(sql`k.unit_code`, sql`k.province_code`);
  const ofCase = me.scope.covers(sql`k.case_unit_code`, sql`k.case_province_code`);
  // Said outright (it follows from the rest) so that the small partial index of such contacts serves it.
  const elsewhere = sql`(k.case_unit_code <> k.unit_code OR k.case_province_code <> k.province_code)`;
  const branch = (scope: SQL) =>
    sql`(SELECT k.* FROM contacts k WHERE ${sql.join([scope, ...where], sql` AND `)}
          ORDER BY k.exposure_date DESC, k.id DESC LIMIT ${limit})`;
  return query<ContactRow>(
    db,
    sql`SELECT ${CONTACT_COLUMNS}
          FROM (${branch(own)} UNION ALL ${branch(sql`${ofCase} AND ${elsewhere} AND NOT ${own}`)}) k
          JOIN persons p ON p.id = k.person_id AND p.province_code = k.province_code
         ORDER BY k.exposure_date DESC, k.id DESC LIMIT ${limit}`,
    'contact_rows*',
  );
}

export async function contactsOfCase(db: Pool | PoolClient, me: Principal, caseId: string) {
  return (await contactRows(db, me, [sql`k.case_id = ${caseId}`])).map((r) =>
    contactOut(r, quarantinePolicies()),
  );
}

export interface ContactFilters {
  unit?: string;
  case?: string;
  status?: string;
  /** With status=quarantined: in quarantine on this day instead of today. */
  on?: string;
  cursor?: string;
  limit: number;
}

/** Longer than any quarantine order of any policy version (the longest: 21 days, CĐ 600/CĐ-BCĐ). */
export const QUARANTINE_HORIZON_DAYS = 60;

/**
 * A contact in quarantine on a day: the order covers it (start on or before, release after) and
 * the person had not become a case by then. A quarantine counts from the exposure: the bounds on
 * exposure_date let the (…, exposure_date) indexes serve.
 */
export function quarantinedOn(day: SQL): SQL {
  return sql`k.quarantine_start <= ${day} AND k.quarantine_end > ${day}
    AND k.exposure_date <= ${day} AND k.exposure_date > ${day} - ${QUARANTINE_HORIZON_DAYS}::int
    AND (k.resulting_case_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM cases rc WHERE rc.id = k.resulting_case_id AND rc.detected_on <= ${day}))`;
}

/** One page of the contacts inside the jurisdiction, latest exposure first. */
export async function contactPage(pool: Pool, me: Principal, q: ContactFilters) {
  const where: SQL[] = [];
  if (q.unit) {
    const u = await me.scope.unitInside(pool, q.unit, 'unit');
    where.push(new Scope(asJurisdiction(u)).covers(sql`k.unit_code`, sql`k.province_code`));
  }
  if (q.case) where.push(sql`k.case_id = ${q.case}`);
  const today = todayInVietnam();
  if (q.status === 'quarantined' && q.on) {
    where.push(quarantinedOn(sql`${q.on}::date`));
  } else if (q.status === 'quarantined') {
    // No quarantine lasts QUARANTINE_HORIZON_DAYS: the bound lets the list stop at old exposures.
    where.push(
      sql`k.resulting_case_id IS NULL AND k.quarantine_end > ${today}::date
          AND k.exposure_date > ${today}::date - ${QUARANTINE_HORIZON_DAYS}::int`,
    );
  }
  if (q.status === 'released')
    where.push(sql`k.resulting_case_id IS NULL AND k.quarantine_end <= ${today}::date`);
  if (q.status === 'positive') where.push(sql`k.resulting_case_id IS NOT NULL`);
  const after = decodeCursor(q.cursor, ['date', 'uuid']);
  if (after) where.push(sql`(k.exposure_date, k.id) < (${after[0]}::date, ${after[1]}::uuid)`);
  const rows = await contactRows(pool, me, where, q.limit + 1);
  const page = pageOf(rows, q.limit, (r) => [r.exposureDate, r.id]);
  return { items: page.items.map((r) => contactOut(r, quarantinePolicies())), next: page.next };
}

/** The day a person last recovered from COVID-19 on or before a date (it shortens a quarantine). */
export async function lastRecovery(db: Pool | PoolClient, personId: string, onOrBefore: string) {
  const row = await queryOne<{ on: string | null }>(
    db,
    sql`SELECT max(outcome_on) AS on FROM cases WHERE person_id = ${personId} AND status = 'recovered'
         AND outcome_on <= ${onOrBefore}::date`,
  );
  return row?.on ?? null;
}
