import type { Pool, PoolClient } from '../../db/pool.ts';
import { queryOne, type SQL, sql } from '../../db/sql.ts';

/**
 * The two counts a conclusion quotes about data quality, inside a unit (`where` is its scope
 * condition over a unit and a province column): current doses not yet on the national platform
 * (no `ma_mui_tiem`; superseded and rejected doses left out), and people with an open review.
 */
export async function backlogCounts(
  db: Pool | PoolClient,
  where: (unit: SQL, province: SQL) => SQL,
): Promise<{ unsyncedDoses: number; personsToVerify: number }> {
  const row = await queryOne<{ unsyncedDoses: number; personsToVerify: number }>(
    db,
    sql`SELECT (SELECT count(*) FROM vaccine_doses v
                 WHERE ${where(sql`v.unit_code`, sql`v.province_code`)}
                   AND v.national_id IS NULL AND v.superseded_by IS NULL AND v.review_status <> 'rejected')::int
                 AS "unsyncedDoses",
               (SELECT count(DISTINCT r.person_id) FROM person_reviews r
                 WHERE ${where(sql`r.unit_code`, sql`r.province_code`)} AND r.status = 'open')::int AS "personsToVerify"`,
  );
  return row ?? { unsyncedDoses: 0, personsToVerify: 0 };
}
