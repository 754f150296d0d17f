import { FIXED_CARE_PLACES } from '@tuyendau/domain';
import { ACTIVE_TREE } from '../auth/scope.ts';
import type { Pool, PoolClient } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';

/** The province code of the national default tiers (QĐ 4111/QĐ-BYT three tiers, migration 0006). */
export const NATIONAL_DEFAULT = '00';

export interface CareTier {
  code: string;
  name: string;
  tier: number;
  active: boolean;
  /** A row of the province itself; false: the national default applies. */
  own: boolean;
}

/**
 * The care tiers in force in each province of `provinces` (a query returning province codes), code
 * by code: the province's own row (a rename, a retirement, a tier of its own), else the national
 * default row. Retired tiers are listed too (active false), so past care places keep their names.
 */
export function effectiveCareTiers(provinces: SQL): SQL {
  return sql`SELECT DISTINCT ON (p.province_code, t.code) p.province_code, t.code, t.name, t.tier, t.active,
                    t.province_code <> ${NATIONAL_DEFAULT} AS own
               FROM (${provinces}) AS p(province_code)
               JOIN care_tiers t ON t.province_code IN (p.province_code, ${NATIONAL_DEFAULT})
              ORDER BY p.province_code, t.code, t.province_code = ${NATIONAL_DEFAULT}`;
}

/** SQL condition: `code` is a place a new care event or case of `province` may name (fixed, or an active tier). */
export function carePlaceAllowed(code: SQL, province: SQL): SQL {
  return sql`(${code} = ANY(${sql.param([...FIXED_CARE_PLACES])}::text[]) OR (
    SELECT t.active FROM care_tiers t WHERE t.code = ${code} AND t.province_code IN (${province}, ${NATIONAL_DEFAULT})
     ORDER BY t.province_code = ${NATIONAL_DEFAULT} LIMIT 1) IS TRUE)`;
}

/** The tiers in force in one province, by tier then name. */
export async function careTiersOf(db: Pool | PoolClient, provinceCode: string): Promise<CareTier[]> {
  return query<CareTier>(
    db,
    sql`SELECT e.code, e.name, e.tier, e.active, e.own
          FROM (${effectiveCareTiers(sql`SELECT ${provinceCode}::text`)}) e
         ORDER BY e.tier, e.name, e.code`,
  );
}

/** One tier in force in a province (its own row or the default), or undefined. */
export async function careTierOf(
  db: Pool | PoolClient,
  provinceCode: string,
  code: string,
): Promise<CareTier | undefined> {
  return queryOne<CareTier>(
    db,
    sql`SELECT e.code, e.name, e.tier, e.active, e.own
          FROM (${effectiveCareTiers(sql`SELECT ${provinceCode}::text`)}) e WHERE e.code = ${code}`,
  );
}

/** Whether a province code names a province of the active unit tree. */
export async function provinceExists(db: Pool | PoolClient, provinceCode: string): Promise<boolean> {
  const row = await queryOne(
    db,
    sql`SELECT 1 FROM units WHERE tree = ${ACTIVE_TREE} AND level = 'province' AND code = ${provinceCode}`,
  );
  return row !== undefined;
}

/** Adds or changes the province's own row of a tier (the national default rows are never touched here). */
export async function upsertCareTier(
  c: PoolClient,
  provinceCode: string,
  tier: { code: string; name: string; tier: number; active: boolean },
): Promise<void> {
  await c.query(
    `INSERT INTO care_tiers (province_code, code, name, tier, active) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (province_code, code) DO UPDATE SET name = EXCLUDED.name, tier = EXCLUDED.tier, active = EXCLUDED.active`,
    [provinceCode, tier.code, tier.name, tier.tier, tier.active],
  );
}
