import path from 'node:path';
import { SERVER_ROOT } from '../config.ts';
import { copyCsv } from '../db/copy.ts';
import { inTransaction, type Pool } from '../db/pool.ts';

const DATA = path.join(SERVER_ROOT, 'data/reference');

/** The published lists of units this repository ships, with the dates each was in force. */
export const UNIT_TREES = {
  // GSO list in force 01/11/2021; no change touched the five demo provinces until the 2025 reform.
  '2021': { validFrom: '2021-11-01', validTo: '2025-06-30' },
  // Two tiers from 01/07/2025 (UBTVQH resolutions 1654–1687/NQ-UBTVQH15; GSO 915, 1027/CTK-CSCL).
  '2025': { validFrom: '2025-07-01', validTo: null },
} as const;
export type UnitTree = keyof typeof UNIT_TREES;

export const DEFAULT_TREE: UnitTree = '2021';

/**
 * Loads both unit trees with their populations from the CSV files in data/reference, once.
 * Returns false when they were already there.
 */
export async function loadReferenceUnits(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM units');
  if (rows[0].n > 0) return false;
  await inTransaction(pool, async (c) => {
    const f = (p: string) => path.join(DATA, p);
    await c.query(`CREATE TEMP TABLE ref_p21 (code text, name text, short_name text, type text) ON COMMIT DROP;
      CREATE TEMP TABLE ref_d21 (code text, name text, short_name text, type text, province_code text) ON COMMIT DROP;
      CREATE TEMP TABLE ref_c21 (code text, name text, short_name text, type text, district_code text, province_code text) ON COMMIT DROP;
      CREATE TEMP TABLE ref_pop (code text, population int) ON COMMIT DROP;
      CREATE TEMP TABLE ref_pop_d (code text, name text, province_code text, population int, urban int, rural int, census int) ON COMMIT DROP;
      CREATE TEMP TABLE ref_pop_c (code text, name text, district_code text, province_code text, population int, urban int, rural int, units text, flag text) ON COMMIT DROP;
      CREATE TEMP TABLE ref_pop_p (code text, name text, population int, urban int, rural int) ON COMMIT DROP;
      CREATE TEMP TABLE ref_p25 (code text, name text, short_name text, type text, area numeric, population int, predecessors text) ON COMMIT DROP;
      CREATE TEMP TABLE ref_c25 (code text, name text, short_name text, type text, province_code text, area numeric, population int) ON COMMIT DROP;`);
    await copyCsv(c, 'ref_p21', ['code', 'name', 'short_name', 'type'], f('units-2021/provinces.csv'));
    await copyCsv(
      c,
      'ref_d21',
      ['code', 'name', 'short_name', 'type', 'province_code'],
      f('units-2021/districts.csv'),
    );
    await copyCsv(
      c,
      'ref_c21',
      ['code', 'name', 'short_name', 'type', 'district_code', 'province_code'],
      f('units-2021/communes.csv'),
    );
    await copyCsv(
      c,
      'ref_pop_p',
      ['code', 'name', 'population', 'urban', 'rural'],
      f('population-2019/provinces.csv'),
    );
    await copyCsv(
      c,
      'ref_pop_d',
      ['code', 'name', 'province_code', 'population', 'urban', 'rural', 'census'],
      f('population-2019/districts.csv'),
    );
    await copyCsv(
      c,
      'ref_pop_c',
      ['code', 'name', 'district_code', 'province_code', 'population', 'urban', 'rural', 'units', 'flag'],
      f('population-2019/communes.csv'),
    );
    await copyCsv(
      c,
      'ref_p25',
      ['code', 'name', 'short_name', 'type', 'area', 'population', 'predecessors'],
      f('units-2025/provinces.csv'),
    );
    await copyCsv(
      c,
      'ref_c25',
      ['code', 'name', 'short_name', 'type', 'province_code', 'area', 'population'],
      f('units-2025/communes.csv'),
    );
    const t21 = UNIT_TREES['2021'];
    const t25 = UNIT_TREES['2025'];
    await c.query(
      `INSERT INTO units (tree, code, level, name, short_name, type, parent_code, province_code, district_code,
                          population, name_folded, valid_from, valid_to)
       SELECT '2021', p.code, 'province', p.name, p.short_name, p.type, NULL, p.code, NULL, pop.population,
              lower(unaccent(p.name)), $1::date, $2::date
         FROM ref_p21 p LEFT JOIN ref_pop_p pop USING (code)
       UNION ALL
       SELECT '2021', d.code, 'district', d.name, d.short_name, d.type, d.province_code, d.province_code, d.code,
              pop.population, lower(unaccent(d.name)), $1, $2
         FROM ref_d21 d LEFT JOIN ref_pop_d pop USING (code)
       UNION ALL
       SELECT '2021', cm.code, 'commune', cm.name, cm.short_name, cm.type, cm.district_code, cm.province_code,
              cm.district_code, pop.population, lower(unaccent(cm.name)), $1, $2
         FROM ref_c21 cm LEFT JOIN ref_pop_c pop USING (code)
       UNION ALL
       SELECT '2025', p.code, 'province', p.name, p.short_name, p.type, NULL, p.code, NULL, p.population,
              lower(unaccent(p.name)), $3::date, NULL::date
         FROM ref_p25 p
       UNION ALL
       SELECT '2025', cm.code, 'commune', cm.name, cm.short_name, cm.type, cm.province_code, cm.province_code, NULL,
              cm.population, lower(unaccent(cm.name)), $3, NULL
         FROM ref_c25 cm`,
      [t21.validFrom, t21.validTo, t25.validFrom],
    );
    await c.query(`INSERT INTO settings (key, value) VALUES ('unit_tree', $1) ON CONFLICT (key) DO NOTHING`, [
      DEFAULT_TREE,
    ]);
  });
  return true;
}
