import { Type } from 'typebox';
import type { Principal } from '../auth/principal.ts';
import { Scope } from '../auth/scope.ts';
import type { Pool } from '../db/pool.ts';
import { likeContaining, query, type SQL, sql } from '../db/sql.ts';
import { decodeCursor, pageOf } from '../http/pagination.ts';
import { DateString } from '../http/time.ts';
import { asJurisdiction } from '../persons/queries.ts';
import { CASE_COLUMNS, CASE_FROM, type CaseRow, caseOut, casesInScope } from './queries.ts';

export const CaseFilters = {
  unit: Type.Optional(Type.String({ maxLength: 10 })),
  from: Type.Optional(DateString()),
  to: Type.Optional(DateString()),
  status: Type.Optional(Type.String({ maxLength: 30 })),
  severity: Type.Optional(Type.String({ maxLength: 30 })),
  carePlace: Type.Optional(Type.String({ maxLength: 30 })),
  cluster: Type.Optional(Type.String({ format: 'uuid' })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  /** Under care on this day (detected on or before it, no outcome yet); `carePlace` is then the place on it. */
  activeOn: Type.Optional(DateString()),
};

export interface CaseFilterValues {
  unit?: string;
  from?: string;
  to?: string;
  status?: string;
  severity?: string;
  carePlace?: string;
  cluster?: string;
  q?: string;
  activeOn?: string;
}

/** The WHERE conditions of a filtered case list, jurisdiction first. */
export async function caseConditions(pool: Pool, me: Principal, f: CaseFilterValues): Promise<SQL[]> {
  const where = [casesInScope(me)];
  if (f.unit) {
    const u = await me.scope.unitInside(pool, f.unit, 'unit');
    where.push(new Scope(asJurisdiction(u)).covers(sql`c.unit_code`, sql`c.province_code`));
  }
  if (f.from) where.push(sql`c.detected_on >= ${f.from}`);
  if (f.to) where.push(sql`c.detected_on <= ${f.to}`);
  if (f.status) where.push(sql`c.status = ${f.status}`);
  if (f.severity) where.push(sql`c.severity = ${f.severity}`);
  if (f.activeOn) {
    where.push(
      sql`c.detected_on <= ${f.activeOn}::date AND (c.outcome_on IS NULL OR c.outcome_on > ${f.activeOn}::date)`,
    );
  }
  if (f.carePlace && f.activeOn) {
    // The place on that day: the last one recorded on or before it (as the situation panel counts).
    where.push(sql`COALESCE((SELECT e.value FROM case_events e
                              WHERE e.case_id = c.id AND e.kind = 'care' AND e.occurred_on <= ${f.activeOn}::date
                              ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1), c.care_place) = ${f.carePlace}`);
  } else if (f.carePlace) where.push(sql`c.care_place = ${f.carePlace}`);
  if (f.cluster) where.push(sql`c.cluster_id = ${f.cluster}`);
  if (f.q?.trim()) where.push(sql`p.name_folded LIKE ${likeContaining(sql`lower(unaccent(${f.q.trim()}))`)}`);
  return where;
}

/** Newest first, keyset-paged on (detected_on, id). */
export async function caseRows(
  pool: Pool,
  where: SQL[],
  after: [string, string] | undefined,
  limit: number,
): Promise<CaseRow[]> {
  const conditions = after
    ? [...where, sql`(c.detected_on, c.id) < (${after[0]}::date, ${after[1]}::uuid)`]
    : where;
  return query<CaseRow>(
    pool,
    sql`SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE ${sql.join(conditions, sql` AND `)}
         ORDER BY c.detected_on DESC, c.id DESC LIMIT ${limit}`,
    'case_page*',
  );
}

/** One page of the filtered case list. */
export async function casePage(
  pool: Pool,
  me: Principal,
  filters: CaseFilterValues,
  cursor: string | undefined,
  limit: number,
) {
  const where = await caseConditions(pool, me, filters);
  const rows = await caseRows(pool, where, decodeCursor(cursor, ['date', 'uuid']), limit + 1);
  const page = pageOf(rows, limit, (r) => [r.detectedOn, r.id]);
  return { items: page.items.map(caseOut), next: page.next };
}
