/**
 * The dose rules of `checkDose` (packages/domain vaccination/schedule.ts), written as SQL over a
 * whole import at once: the import must not call checkDose row by row in Node. The policy and
 * product tables are the domain's, turned into VALUES lists, so a change of policy reaches both.
 *
 * Checks applied (each a DoseFlag code of the domain; a flagged dose is recorded 'pending'):
 * - before_campaign: given before the first policy's start (08/03/2021);
 * - product_age: age at the dose outside the product's age range (minAge, maxAgeExclusive);
 * - sequence: dose number N while the person has not N − 1 other doses on or before that day;
 * - too_young: a primary dose below the policy's primaryMinAge, a booster below its minAge;
 * - interval_too_short: a primary dose sooner than the product's interval after the previous
 *   primary dose; a booster sooner than the policy's months after the previous dose (5 months
 *   under 18 for mũi 3 where the policy says so);
 * - booster_not_allowed: a booster before the primary series is complete, a third booster, or a
 *   booster the policy of its day does not have yet;
 * - mixed_paediatric: under 12, a primary dose of another product than the previous one.
 * Not applied: additional_window (a file cannot say a dose is an additional one: doses beyond
 * the primary series are boosters) and unknown_product (an unknown product is a refused row).
 * `import.int.test.ts` compares these flags with checkDose on generated dose histories.
 */
import { VACCINATION_POLICIES, VACCINE_PRODUCTS } from '@tuyendau/domain';
import { type SQL, sql } from '../../db/sql.ts';

const literal = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`;

/** The policies as rows: from, until (exclusive), ages and months. The first also covers earlier days. */
export const POLICY_ROWS: SQL = sql.raw(
  `(VALUES ${VACCINATION_POLICIES.map((p, i) => {
    const until = VACCINATION_POLICIES[i + 1]?.effectiveFrom;
    return `(${[
      `${i === 0 ? "'-infinity'" : literal(p.effectiveFrom)}::date`,
      `${until ? literal(until) : "'infinity'"}::date`,
      p.primaryMinAge,
      literal(p.booster3?.minAge),
      literal(p.booster3?.adultMinMonths),
      literal(p.booster3?.under18MinMonths ?? p.booster3?.adultMinMonths),
      literal(p.booster4?.minAge),
      literal(p.booster4?.minMonths),
    ].join(', ')})`;
  }).join(
    ', ',
  )}) AS pol(from_day, until_day, primary_min_age, b3_min_age, b3_months, b3_u18_months, b4_min_age, b4_months)`,
);

/** The products as rows: code, primary doses, interval in days, youngest age, oldest (exclusive). */
export const PRODUCT_ROWS: SQL = sql.raw(
  `(VALUES ${VACCINE_PRODUCTS.map(
    (p) =>
      `(${[literal(p.code), p.primaryDoses, p.primaryIntervalDays, p.minAge, literal(p.maxAgeExclusive ?? null)].join(', ')})`,
  ).join(', ')}) AS prod(code, primary_doses, interval_days, min_age, max_age)`,
);

const CAMPAIGN_START = literal(VACCINATION_POLICIES[0].effectiveFrom);

/**
 * The new doses of `fresh` (row_no, person_id, province_code, birth_date, dose_number, given_on,
 * product) judged with the current doses their people already have: one row per new dose with
 * its kind ('primary' or 'booster') and its flags (codes, empty when clean).
 */
export function judgedDoses(fresh: SQL): SQL {
  return sql`
    WITH f AS MATERIALIZED (${fresh}),
    seq AS (
      SELECT f.row_no, f.person_id, f.birth_date, f.dose_number, f.given_on, f.product, NULL::text AS kind
        FROM f
      UNION ALL
      SELECT NULL, e.person_id, NULL, e.dose_number, e.given_on, e.product, e.kind
        FROM vaccine_doses e
       WHERE e.superseded_by IS NULL AND e.review_status <> 'rejected'
         AND (e.person_id, e.province_code) IN (SELECT DISTINCT person_id, province_code FROM f)
    ),
    -- The primary series is the first dose's product's (Abdala: three doses).
    series AS (
      SELECT s.*, first_value(s.product) OVER (PARTITION BY s.person_id ORDER BY s.given_on, s.dose_number) AS first_product,
             count(*) OVER (PARTITION BY s.person_id ORDER BY s.given_on RANGE UNBOUNDED PRECEDING) - 1 AS before_n
        FROM seq s
    ),
    typed AS (
      SELECT s.*, fp.primary_doses AS series_doses,
             coalesce(s.kind, CASE WHEN s.dose_number <= coalesce(fp.primary_doses, 2) THEN 'primary' ELSE 'booster' END) AS k
        FROM series s
        LEFT JOIN (SELECT code, primary_doses FROM ${PRODUCT_ROWS}) fp ON fp.code = s.first_product
    ),
    ordered AS (
      SELECT t.*,
             lag(t.given_on) OVER (PARTITION BY t.person_id ORDER BY t.given_on, t.dose_number) AS last_given,
             lag(t.given_on) OVER (PARTITION BY t.person_id, t.k ORDER BY t.given_on, t.dose_number) AS last_same_kind_given,
             lag(t.product) OVER (PARTITION BY t.person_id, t.k ORDER BY t.given_on, t.dose_number) AS last_same_kind_product,
             count(*) FILTER (WHERE t.k = 'booster') OVER w AS boosters_before,
             count(*) FILTER (WHERE t.k = 'primary') OVER w AS primaries_before
        FROM typed t
      WINDOW w AS (PARTITION BY t.person_id ORDER BY t.given_on, t.dose_number ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    )
    SELECT o.row_no, o.k AS kind,
           array_remove(ARRAY[
             CASE WHEN o.given_on < ${sql.raw(CAMPAIGN_START)}::date THEN 'before_campaign' END,
             CASE WHEN o.age < prod.min_age OR o.age >= prod.max_age THEN 'product_age' END,
             CASE WHEN o.dose_number <> o.before_n + 1 THEN 'sequence' END,
             CASE WHEN o.k = 'primary' AND o.age < pol.primary_min_age THEN 'too_young' END,
             CASE WHEN o.k = 'primary' AND o.given_on < o.last_same_kind_given + prod.interval_days THEN 'interval_too_short' END,
             CASE WHEN o.k = 'primary' AND o.age < 12 AND o.last_same_kind_product <> o.product THEN 'mixed_paediatric' END,
             CASE WHEN o.k = 'booster' AND (o.boosters_before > 1 OR o.primaries_before < coalesce(o.series_doses, 2)
                    OR (o.boosters_before = 0 AND pol.b3_min_age IS NULL) OR (o.boosters_before = 1 AND pol.b4_min_age IS NULL))
                  THEN 'booster_not_allowed' END,
             CASE WHEN o.k = 'booster' AND o.boosters_before <= 1 AND o.primaries_before >= coalesce(o.series_doses, 2)
                    AND o.age < CASE o.boosters_before WHEN 0 THEN pol.b3_min_age ELSE pol.b4_min_age END
                  THEN 'too_young' END,
             CASE WHEN o.k = 'booster' AND o.boosters_before <= 1 AND o.primaries_before >= coalesce(o.series_doses, 2)
                    AND o.given_on < o.last_given + make_interval(months => CASE o.boosters_before
                          WHEN 0 THEN CASE WHEN o.age < 18 THEN pol.b3_u18_months ELSE pol.b3_months END
                          ELSE pol.b4_months END)
                  THEN 'interval_too_short' END
           ], NULL) AS flags
      FROM (SELECT x.*, extract(year FROM age(x.given_on, x.birth_date))::int AS age FROM ordered x WHERE x.row_no IS NOT NULL) o
      JOIN ${PRODUCT_ROWS} ON prod.code = o.product
      JOIN ${POLICY_ROWS} ON o.given_on >= pol.from_day AND o.given_on < pol.until_day`;
}
