import type { AgeGroup } from '@tuyendau/domain';
import type { Pool, PoolClient } from '../../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../../db/sql.ts';

/** A coverage target: a rate (in tenths of a percent) to reach by a deadline, for a unit, group and dose. */
export interface TargetRow {
  id: string;
  provinceCode: string;
  unitCode: string;
  ageGroup: AgeGroup;
  dose: number;
  targetPermille: number;
  deadline: string;
  note: string | null;
  setAt: string;
}

/** The official target population of a unit and group. */
export interface PopulationTargetRow {
  provinceCode: string;
  unitCode: string;
  ageGroup: AgeGroup;
  population: number;
  source: string | null;
  setAt: string;
}

const TARGET_COLUMNS = sql`t.id, t.province_code AS "provinceCode", t.unit_code AS "unitCode", t.age_group AS "ageGroup",
  t.dose, t.target_permille AS "targetPermille", to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.note,
  to_char(t.set_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS "setAt"`;

/** Targets of a province set on any of `units` (coverage: the unit, its ancestors and its children). */
export async function targetsOfUnits(
  db: Pool | PoolClient,
  provinceCode: string,
  units: string[],
): Promise<TargetRow[]> {
  return query<TargetRow>(
    db,
    sql`SELECT ${TARGET_COLUMNS} FROM vaccination_targets t
         WHERE t.province_code = ${provinceCode} AND t.unit_code = ANY(${sql.param(units)}::text[])
         ORDER BY t.unit_code, t.age_group, t.dose, t.deadline`,
    'vaccination_targets_of_units',
  );
}

/** `column` is one of `codes`; null codes: any unit (the whole province). */
function unitIn(column: SQL, codes: string[] | null): SQL {
  return codes === null ? sql`TRUE` : sql`${column} = ANY(${sql.param(codes)}::text[])`;
}

/**
 * Targets of a province set on the units `inside` (null: all of the province) or on the units
 * `above` them.
 */
export async function targetList(
  db: Pool | PoolClient,
  provinceCode: string,
  units: { inside: string[] | null; above: string[] },
  filters: { ageGroup?: AgeGroup; dose?: number },
): Promise<TargetRow[]> {
  const conditions = [
    sql`t.province_code = ${provinceCode}`,
    sql`(${unitIn(sql`t.unit_code`, units.inside)} OR t.unit_code = ANY(${sql.param(units.above)}::text[]))`,
  ];
  if (filters.ageGroup) conditions.push(sql`t.age_group = ${filters.ageGroup}`);
  if (filters.dose) conditions.push(sql`t.dose = ${filters.dose}`);
  return query<TargetRow>(
    db,
    sql`SELECT ${TARGET_COLUMNS} FROM vaccination_targets t
         WHERE ${sql.join(conditions, sql` AND `)}
         ORDER BY t.unit_code, t.age_group, t.dose, t.deadline LIMIT 5000`,
  );
}

export async function targetById(db: Pool | PoolClient, id: string): Promise<TargetRow | undefined> {
  return queryOne<TargetRow>(db, sql`SELECT ${TARGET_COLUMNS} FROM vaccination_targets t WHERE t.id = ${id}`);
}

/** The target of a unit, group, dose and deadline (the key a second target may not repeat). */
export async function targetByKey(
  db: Pool | PoolClient,
  key: { provinceCode: string; unitCode: string; ageGroup: AgeGroup; dose: number; deadline: string },
): Promise<TargetRow | undefined> {
  return queryOne<TargetRow>(
    db,
    sql`SELECT ${TARGET_COLUMNS} FROM vaccination_targets t
         WHERE t.province_code = ${key.provinceCode} AND t.unit_code = ${key.unitCode}
           AND t.age_group = ${key.ageGroup} AND t.dose = ${key.dose} AND t.deadline = ${key.deadline}`,
  );
}

export async function insertTarget(
  c: PoolClient,
  t: Omit<TargetRow, 'id' | 'setAt'>,
  setBy: string,
): Promise<TargetRow> {
  const row = await queryOne<{ id: string }>(
    c,
    sql`INSERT INTO vaccination_targets (province_code, unit_code, age_group, dose, target_permille, deadline, note, set_by)
        VALUES (${t.provinceCode}, ${t.unitCode}, ${t.ageGroup}, ${t.dose}, ${t.targetPermille}, ${t.deadline},
                ${t.note}, ${setBy})
        RETURNING id`,
  );
  return (await targetById(c, row!.id))!;
}

export async function updateTarget(
  c: PoolClient,
  id: string,
  change: { targetPermille: number; deadline: string; note: string | null },
  setBy: string,
): Promise<TargetRow> {
  await c.query(
    `UPDATE vaccination_targets SET target_permille = $2, deadline = $3, note = $4, set_by = $5, set_at = now()
      WHERE id = $1`,
    [id, change.targetPermille, change.deadline, change.note, setBy],
  );
  return (await targetById(c, id))!;
}

export async function deleteTarget(c: PoolClient, id: string): Promise<void> {
  await c.query('DELETE FROM vaccination_targets WHERE id = $1', [id]);
}

const POPULATION_COLUMNS = sql`p.province_code AS "provinceCode", p.unit_code AS "unitCode", p.age_group AS "ageGroup",
  p.population, p.source,
  to_char(p.set_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS "setAt"`;

/** Official populations of a province on the units `inside` (null: all of the province). */
export async function populationTargetList(
  db: Pool | PoolClient,
  provinceCode: string,
  inside: string[] | null,
  ageGroup?: AgeGroup,
): Promise<PopulationTargetRow[]> {
  return query<PopulationTargetRow>(
    db,
    sql`SELECT ${POPULATION_COLUMNS} FROM population_targets p
         WHERE p.province_code = ${provinceCode} AND ${unitIn(sql`p.unit_code`, inside)}
           ${ageGroup ? sql`AND p.age_group = ${ageGroup}` : sql``}
         ORDER BY p.unit_code, p.age_group LIMIT 5000`,
  );
}

export async function populationTargetOf(
  db: Pool | PoolClient,
  provinceCode: string,
  unitCode: string,
  ageGroup: AgeGroup,
): Promise<PopulationTargetRow | undefined> {
  return queryOne<PopulationTargetRow>(
    db,
    sql`SELECT ${POPULATION_COLUMNS} FROM population_targets p
         WHERE p.province_code = ${provinceCode} AND p.unit_code = ${unitCode} AND p.age_group = ${ageGroup}`,
  );
}

export async function upsertPopulationTarget(
  c: PoolClient,
  row: Omit<PopulationTargetRow, 'setAt'>,
  setBy: string,
): Promise<PopulationTargetRow> {
  await c.query(
    `INSERT INTO population_targets (province_code, unit_code, age_group, population, source, set_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (unit_code, age_group, province_code)
     DO UPDATE SET population = EXCLUDED.population, source = EXCLUDED.source, set_by = EXCLUDED.set_by, set_at = now()`,
    [row.provinceCode, row.unitCode, row.ageGroup, row.population, row.source, setBy],
  );
  return (await populationTargetOf(c, row.provinceCode, row.unitCode, row.ageGroup))!;
}

export async function deletePopulationTarget(
  c: PoolClient,
  provinceCode: string,
  unitCode: string,
  ageGroup: AgeGroup,
): Promise<void> {
  await c.query(
    'DELETE FROM population_targets WHERE province_code = $1 AND unit_code = $2 AND age_group = $3',
    [provinceCode, unitCode, ageGroup],
  );
}
