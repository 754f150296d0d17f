import { onForgetAll } from '../auth/principal-cache.ts';
import type { Pool } from '../db/pool.ts';
import type { UnitRow } from './queries.ts';

/**
 * The active unit tree in memory: 10,599 communes and their parents change once a year, not per
 * request. Reloaded when the active tree changes (a tree switch: the same NOTIFY that makes every
 * process forget its cached principals) and checked against `settings.unit_tree` every minute.
 */
export interface UnitDirectory {
  tree: string;
  get(code: string): UnitRow | undefined;
  children(code: string): UnitRow[];
  /** From the province down to the unit itself. */
  path(code: string): UnitRow[];
}

const CHECK_MS = 60_000;
const loaded = new WeakMap<Pool, { directory: Promise<UnitDirectory>; checkedAt: number }>();
const pools = new Set<WeakRef<Pool>>();

onForgetAll(() => {
  for (const ref of pools) {
    const pool = ref.deref();
    if (pool) loaded.delete(pool);
  }
});

async function load(pool: Pool): Promise<UnitDirectory> {
  const { rows } = await pool.query<UnitRow & { tree: string }>(
    `SELECT u.tree, u.code, u.name, u.short_name AS "shortName", u.type, u.level, u.parent_code AS "parentCode",
            u.province_code AS "provinceCode", u.population, u.valid_from AS "validFrom", u.valid_to AS "validTo"
       FROM units u WHERE u.tree = (SELECT value FROM settings WHERE key = 'unit_tree') ORDER BY u.code`,
  );
  const byCode = new Map<string, UnitRow>();
  const byParent = new Map<string, UnitRow[]>();
  for (const { tree: _tree, ...unit } of rows) {
    byCode.set(unit.code, unit);
    if (unit.parentCode) byParent.set(unit.parentCode, [...(byParent.get(unit.parentCode) ?? []), unit]);
  }
  return {
    tree: rows[0]?.tree ?? '',
    get: (code) => byCode.get(code),
    children: (code) => byParent.get(code) ?? [],
    path: (code) => {
      const out: UnitRow[] = [];
      for (let u = byCode.get(code); u; u = u.parentCode ? byCode.get(u.parentCode) : undefined)
        out.unshift(u);
      return out;
    },
  };
}

export async function unitDirectory(pool: Pool): Promise<UnitDirectory> {
  let entry = loaded.get(pool);
  if (entry && Date.now() - entry.checkedAt > CHECK_MS) {
    entry.checkedAt = Date.now();
    const { rows } = await pool.query<{ value: string }>(
      `SELECT value FROM settings WHERE key = 'unit_tree'`,
    );
    if (rows[0]?.value !== (await entry.directory).tree) entry = undefined;
  }
  if (!entry) {
    entry = { directory: load(pool), checkedAt: Date.now() };
    loaded.set(pool, entry);
    pools.add(new WeakRef(pool));
    entry.directory.catch(() => loaded.delete(pool));
  }
  return entry.directory;
}
