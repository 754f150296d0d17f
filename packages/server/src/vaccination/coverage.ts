import { AGE_GROUPS, type AgeGroup } from '@tuyendau/domain';
import type { Pool, PoolClient } from '../db/pool.ts';
import { query, sql } from '../db/sql.ts';
import type { UnitDirectory } from '../units/directory.ts';

/**
 * Coverage for a unit and its child units on an as-of day (issue 9 §3): per age group (age in
 * completed years on the day) and dose N (people with a dose numbered N or more given on or before
 * the day, not superseded or rejected), vaccinated over population. People count where they live,
 * as long as they lived there on the day (not dead, not gone, not merged into another record).
 *
 * Read from two derived tables kept exact by triggers (migration 0010):
 * - dose_cells: per unit and birth month, the living residents and the sorted days each reached
 *   dose 1..4; `width_bucket(day, r3)` counts those with dose 3 by the day (a binary search).
 * - vaccination_status: a row per person, for what cells cannot answer: the birth months an age
 *   limit cuts through on that day (18th birthday on the day counts as 18), and people no longer
 *   resident who still were on the day.
 * The age bands below are disjoint, so each group is a sum of bands.
 */

/** Bands of age on the day: [0,5) [5,12) [12,18) [18,50) [50,65) [65,∞). */
const BAND_LIMITS = [5, 12, 18, 50, 65] as const;
const GROUP_BANDS: Record<AgeGroup, number[]> = {
  '18+': [3, 4, 5],
  '12-17': [2],
  '5-11': [1],
  '50+': [4, 5],
  '65+': [5],
};
export const DOSES = [1, 2, 3, 4] as const;

export interface CoverageRow {
  unitCode: string;
  unitName: string;
  ageGroup: AgeGroup;
  dose: number;
  vaccinated: number;
  /** The official target population when one is set for the unit and group, else the registry's. */
  population: number;
  /** vaccinated / population (0..1), null when the population is 0. */
  rate: number | null;
  /** Living residents of the group in the registry on the day. */
  registryPopulation: number;
  /** Whether `population` is the official target. */
  populationIsTarget: boolean;
  /** People with dose N-1 but not dose N on the day (drop-out); null for dose 1. */
  dropOut: number | null;
}

/** `day` minus `years` as PostgreSQL computes `date - interval 'n years'` (29/02 → 28/02). */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const year = y - years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/** counts[band] = [residents, with dose 1, 2, 3, 4] */
type BandCounts = number[][];
const emptyBands = (): BandCounts => Array.from({ length: 6 }, () => [0, 0, 0, 0, 0]);

function add(into: BandCounts, band: number, values: number[]): void {
  for (let i = 0; i < 5; i++) into[band][i] += values[i];
}

/**
 * Coverage rows for `unitCode` (first) and each of its child units, on `asOf`. The unit must be
 * inside the caller's jurisdiction (checked by the caller).
 */
export async function coverage(
  db: Pool | PoolClient,
  units: UnitDirectory,
  unitCode: string,
  asOf: string,
): Promise<CoverageRow[]> {
  const unit = units.get(unitCode);
  if (!unit) return [];
  const province = unit.provinceCode;
  const children = units.children(unit.code);
  const cuts = BAND_LIMITS.map((k) => yearsBefore(asOf, k));
  const cutMonths = cuts.map(monthOf);
  const isProvince = unit.level === 'province';
  // The units whose cells are read: the children, and the unit itself unless it is the province
  // (a district's own cells also hold anyone registered at the district itself).
  const cellUnits = [...(isProvince ? [] : [unit.code]), ...children.map((c) => c.code)];

  // In parallel on a pool; one after the other on a client (a transaction runs one query at a time).
  const [cells, exact, targets] = await run(db, [
    () =>
      query<{ unit: string; band: number; n: string; v1: string; v2: string; v3: string; v4: string }>(
        db,
        sql`SELECT c.unit_code AS unit,
                 CASE WHEN c.birth_month > ${cutMonths[0]}::date THEN 0
                      WHEN c.birth_month > ${cutMonths[1]}::date THEN 1
                      WHEN c.birth_month > ${cutMonths[2]}::date THEN 2
                      WHEN c.birth_month > ${cutMonths[3]}::date THEN 3
                      WHEN c.birth_month > ${cutMonths[4]}::date THEN 4 ELSE 5 END AS band,
                 sum(c.n) AS n,
                 sum(width_bucket(${asOf}::date, c.r1)) AS v1, sum(width_bucket(${asOf}::date, c.r2)) AS v2,
                 sum(width_bucket(${asOf}::date, c.r3)) AS v3, sum(width_bucket(${asOf}::date, c.r4)) AS v4
            FROM dose_cells c
           WHERE c.province_code = ${province} AND c.unit_code = ANY(${sql.param(cellUnits)}::text[])
             AND c.birth_month <> ALL(${sql.param(cutMonths)}::date[])
           GROUP BY 1, 2`,
        'coverage_cells',
      ),
    () =>
      query<{
        unit: string;
        district: string | null;
        band: number;
        n: string;
        v1: string;
        v2: string;
        v3: string;
        v4: string;
      }>(
        db,
        sql`SELECT s.unit_code AS unit, s.district_code AS district,
                 CASE WHEN s.birth_date > ${cuts[0]}::date THEN 0
                      WHEN s.birth_date > ${cuts[1]}::date THEN 1
                      WHEN s.birth_date > ${cuts[2]}::date THEN 2
                      WHEN s.birth_date > ${cuts[3]}::date THEN 3
                      WHEN s.birth_date > ${cuts[4]}::date THEN 4 ELSE 5 END AS band,
                 count(*) AS n,
                 count(*) FILTER (WHERE s.d1 <= ${asOf}::date) AS v1, count(*) FILTER (WHERE s.d2 <= ${asOf}::date) AS v2,
                 count(*) FILTER (WHERE s.d3 <= ${asOf}::date) AS v3, count(*) FILTER (WHERE s.d4 <= ${asOf}::date) AS v4
            FROM vaccination_status s
           WHERE s.province_code = ${province} AND s.counted
             AND ((s.gone_on IS NULL AND s.birth_month = ANY(${sql.param(cutMonths)}::date[])) OR s.gone_on > ${asOf}::date)
             AND (${isProvince} OR s.unit_code = ${unit.code} OR s.district_code = ${unit.code})
             AND s.birth_date <= ${asOf}::date
           GROUP BY 1, 2, 3`,
        'coverage_exact',
      ),
    () =>
      query<{ unit: string; group: AgeGroup; population: number }>(
        db,
        sql`SELECT unit_code AS unit, age_group AS "group", population FROM population_targets
           WHERE province_code = ${province} AND unit_code = ANY(${sql.param([unit.code, ...children.map((c) => c.code)])}::text[])`,
        'coverage_targets',
      ),
  ]);

  const own = emptyBands();
  const perChild = new Map(children.map((c) => [c.code, emptyBands()]));
  const fromChildren = emptyBands();
  for (const r of cells) {
    const values = [r.n, r.v1, r.v2, r.v3, r.v4].map(Number);
    if (r.unit === unit.code) add(own, r.band, values);
    else {
      const child = perChild.get(r.unit);
      if (child) add(child, r.band, values);
      add(fromChildren, r.band, values);
    }
  }
  for (const r of exact) {
    const values = [r.n, r.v1, r.v2, r.v3, r.v4].map(Number);
    add(own, r.band, values);
    // The child a person counts in: their commune, or (from a province of the 2021 tree) their district.
    const child = perChild.get(r.unit) ?? (isProvince && r.district ? perChild.get(r.district) : undefined);
    if (child) add(child, r.band, values);
  }
  // A province has no cells of its own: its figures are its children's (plus the exact rows above).
  if (isProvince) for (let b = 0; b < 6; b++) add(own, b, fromChildren[b]);

  const target = new Map(targets.map((t) => [`${t.unit}|${t.group}`, t.population]));
  const out: CoverageRow[] = [];
  const emit = (code: string, name: string, bands: BandCounts) => {
    for (const ageGroup of AGE_GROUPS) {
      const sum = [0, 0, 0, 0, 0];
      for (const b of GROUP_BANDS[ageGroup]) for (let i = 0; i < 5; i++) sum[i] += bands[b][i];
      const official = target.get(`${code}|${ageGroup}`);
      const population = official ?? sum[0];
      for (const dose of DOSES) {
        out.push({
          unitCode: code,
          unitName: name,
          ageGroup,
          dose,
          vaccinated: sum[dose],
          population,
          rate: population > 0 ? sum[dose] / population : null,
          registryPopulation: sum[0],
          populationIsTarget: official !== undefined,
          dropOut: dose === 1 ? null : sum[dose - 1] - sum[dose],
        });
      }
    }
  };
  emit(unit.code, unit.name, own);
  for (const c of children) emit(c.code, c.name, perChild.get(c.code)!);
  return out;
}

/** Runs the queries in parallel on a pool, one after the other on a client (one query at a time). */
async function run<const T extends readonly (() => Promise<unknown>)[]>(
  db: Pool | PoolClient,
  queries: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  type Out = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  if (!('release' in db)) return (await Promise.all(queries.map((q) => q()))) as Out;
  const out: unknown[] = [];
  for (const q of queries) out.push(await q());
  return out as Out;
}
