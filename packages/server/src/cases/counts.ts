import { Type } from 'typebox';
import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE, Scope } from '../auth/scope.ts';
import type { Pool } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';
import { AppError } from '../http/errors.ts';
import { DateString } from '../http/time.ts';
import { asJurisdiction } from '../persons/queries.ts';
import { casesInScope } from './queries.ts';

export const CountsQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 10 })),
  period: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')])),
  from: Type.Optional(DateString()),
  to: Type.Optional(DateString()),
});

export interface CountRow {
  period: string;
  cases: number;
  previous: number;
  /** cases / previous − 1; null when the previous period had none. */
  change: number | null;
}

type Period = 'day' | 'week' | 'month';

/**
 * The most periods one request may ask for: 13 months of days, 5 years of weeks, 10 years of
 * months. More than a chart shows, and a bound on what one request makes the database generate
 * (`period=day&from=1000-01-01` was 23 MB).
 */
export const MAX_PERIODS: Record<Period, number> = { day: 400, week: 260, month: 120 };
const PERIOD_WORDS: Record<Period, string> = { day: 'ngày', week: 'tuần', month: 'tháng' };

/**
 * New cases per day, ISO week or month in the unit's subtree, each with the period before it
 * ("in August, nearly twice July"). Periods without cases count as zero. Without `from`, the
 * series starts at the first case but shows at most the latest MAX_PERIODS; a `from` further back
 * than that is refused.
 */
export async function caseCounts(
  pool: Pool,
  me: Principal,
  q: { unit?: string; period?: Period; from?: string; to?: string },
): Promise<CountRow[]> {
  const period = q.period ?? 'week';
  const where = [casesInScope(me)];
  if (q.unit) {
    const u = await me.scope.unitInside(pool, q.unit, 'unit');
    where.push(new Scope(asJurisdiction(u)).covers(sql`c.unit_code`, sql`c.province_code`));
  }
  const inScope = sql.join(where, sql` AND `);
  const step = sql.raw(`'1 ${period}'::interval`);
  const unit = sql.raw(`'${period}'`);
  const cap = MAX_PERIODS[period];
  // The first period shown and the last; `first` is the one before, which only gives the first its change.
  const bounds = await queryOne<{ first: Date | null; last: Date | null; tooMany: boolean | null }>(
    pool,
    sql`WITH span AS (
          SELECT date_trunc(${unit}, COALESCE(${q.from ?? null}::date,
                   (SELECT min(c.detected_on) FROM cases c WHERE ${inScope}))) AS start,
                 date_trunc(${unit}, COALESCE(${q.to ?? null}::date,
                   (SELECT max(c.detected_on) FROM cases c WHERE ${inScope}))) AS last),
        bounds AS (
          SELECT ${q.from ? sql`start` : sql`greatest(start, last - ${sql.raw(String(cap - 1))} * ${step})`} - ${step} AS first,
                 last
            FROM span)
        SELECT first, last, first + ${sql.raw(String(cap))} * ${step} < last AS "tooMany" FROM bounds`,
  );
  if (bounds?.tooMany) {
    throw new AppError(
      400,
      'too_many_periods',
      `Mỗi lần chỉ xem được tối đa ${cap} ${PERIOD_WORDS[period]}: hãy chọn "từ ngày" gần hơn, hoặc xem theo tuần, theo tháng`,
      'from',
      undefined,
      { maxPeriods: cap },
    );
  }
  if (!bounds?.first || !bounds.last) return [];
  const { first, last } = bounds;
  return query<CountRow>(
    pool,
    sql`WITH periods AS (
          SELECT generate_series(${first}::timestamptz, ${last}::timestamptz, ${step}) AS p),
        counted AS (
          SELECT date_trunc(${unit}, c.detected_on) AS p, count(*)::int AS n FROM cases c
           WHERE ${inScope} AND c.detected_on >= ${first}::timestamptz AND c.detected_on < ${last}::timestamptz + ${step}
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

/**
 * The unit one level below a unit of `level` (null: the whole country) that holds the unit `cu`:
 * the province under the country, the district under a province (the commune itself in a tree
 * without districts), the commune under a district or a commune.
 */
export function childUnitOf(level: 'province' | 'district' | 'commune' | null): SQL {
  if (!level) return sql`cu.province_code`;
  return level === 'province' ? sql`COALESCE(cu.district_code, cu.code)` : sql`cu.code`;
}

export const CountsByUnitQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 10 })),
  period: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')])),
  on: Type.Optional(DateString()),
});

/**
 * New cases of one period (the one containing `on`, else the latest with cases) for each unit
 * one level below `unit` (or below the viewer's own unit), with the period before.
 */
export async function caseCountsByUnit(
  pool: Pool,
  me: Principal,
  q: { unit?: string; period?: Period; on?: string },
) {
  const period = q.period ?? 'week';
  const parent = q.unit ? await me.scope.unitInside(pool, q.unit, 'unit') : me.unit;
  const where = [casesInScope(me)];
  if (q.unit && parent)
    where.push(new Scope(asJurisdiction(parent as never)).covers(sql`c.unit_code`, sql`c.province_code`));
  const child = childUnitOf(parent?.level ?? null);
  const step = sql.raw(`'1 ${period}'::interval`);
  const unit = sql.raw(`'${period}'`);
  return query<{
    unitCode: string;
    unitName: string;
    period: string;
    cases: number;
    previous: number;
    change: number | null;
  }>(
    pool,
    sql`WITH target AS (
          SELECT date_trunc(${unit}, COALESCE(${q.on ?? null}::date, (SELECT max(c.detected_on) FROM cases c
                 WHERE ${sql.join(where, sql` AND `)}))) AS p),
        counted AS (
          SELECT ${child} AS code,
                 count(*) FILTER (WHERE c.detected_on >= target.p AND c.detected_on < target.p + ${step})::int AS cases,
                 count(*) FILTER (WHERE c.detected_on < target.p)::int AS previous
            FROM cases c, target, units cu
           WHERE ${sql.join(where, sql` AND `)} AND cu.tree = ${ACTIVE_TREE} AND cu.code = c.unit_code
             AND c.detected_on >= target.p - ${step} AND c.detected_on < target.p + ${step}
           GROUP BY 1)
        SELECT counted.code AS "unitCode", u.name AS "unitName", to_char(target.p, 'YYYY-MM-DD') AS period,
               counted.cases, counted.previous,
               CASE WHEN counted.previous > 0 THEN round(counted.cases::numeric / counted.previous - 1, 3)::float END AS change
          FROM counted CROSS JOIN target
          LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = counted.code
         ORDER BY counted.cases DESC, counted.code`,
  );
}
