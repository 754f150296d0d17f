import { Type } from 'typebox';
import type { Principal } from '../auth/principal.ts';
import { Scope } from '../auth/scope.ts';
import type { Pool } from '../db/pool.ts';
import { query, sql } from '../db/sql.ts';
import { asJurisdiction } from '../persons/queries.ts';
import { casesInScope } from './queries.ts';

export const CountsQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 10 })),
  period: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')])),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
});

export interface CountRow {
  period: string;
  cases: number;
  previous: number;
  /** cases / previous − 1; null when the previous period had none. */
  change: number | null;
}

/**
 * New cases per day, ISO week or month in the unit's subtree, each with the period before it
 * ("in August, nearly twice July"). Periods without cases count as zero.
 */
export async function caseCounts(
  pool: Pool,
  me: Principal,
  q: { unit?: string; period?: 'day' | 'week' | 'month'; from?: string; to?: string },
): Promise<CountRow[]> {
  const period = q.period ?? 'week';
  const where = [casesInScope(me)];
  if (q.unit) {
    const u = await me.scope.unitInside(pool, q.unit, 'unit');
    where.push(new Scope(asJurisdiction(u)).covers(sql`c.unit_code`, sql`c.province_code`));
  }
  const step = sql.raw(`'1 ${period}'::interval`);
  const unit = sql.raw(`'${period}'`);
  return query<CountRow>(
    pool,
    sql`WITH bounds AS (
          SELECT date_trunc(${unit}, COALESCE(${q.from ?? null}::date, min(c.detected_on))) - ${step} AS first,
                 date_trunc(${unit}, COALESCE(${q.to ?? null}::date, max(c.detected_on))) AS last
            FROM cases c WHERE ${sql.join(where, sql` AND `)}),
        periods AS (
          SELECT generate_series(first, last, ${step}) AS p FROM bounds WHERE first IS NOT NULL),
        counted AS (
          SELECT date_trunc(${unit}, c.detected_on) AS p, count(*)::int AS n FROM cases c, bounds
           WHERE ${sql.join(where, sql` AND `)} AND c.detected_on >= bounds.first AND c.detected_on < bounds.last + ${step}
           GROUP BY 1),
        series AS (
          SELECT periods.p, COALESCE(counted.n, 0) AS cases,
                 lag(COALESCE(counted.n, 0)) OVER (ORDER BY periods.p) AS previous
            FROM periods LEFT JOIN counted USING (p))
        SELECT to_char(p, 'YYYY-MM-DD') AS period, cases, previous,
               CASE WHEN previous > 0 THEN round(cases::numeric / previous - 1, 3)::float END AS change
          FROM series WHERE previous IS NOT NULL ORDER BY p`,
  );
}
