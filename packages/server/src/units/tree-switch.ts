import path from 'node:path';
import { forgetAll } from '../auth/principal-cache.ts';
import { SERVER_ROOT } from '../config.ts';
import { copyCsv } from '../db/copy.ts';
import { TABLES } from '../db/distribution.ts';
import type { Pool, PoolClient } from '../db/pool.ts';
import { UNIT_TREES, type UnitTree } from './reference.ts';

/**
 * Switching the active unit tree (`settings.unit_tree`) from the 2021 list to the 2025 list.
 *
 * Stored rows keep only the code of their unit (and their province), and the 2025 codes reuse the
 * 2021 code space, so the setting alone must never change: every place-bound row is remapped
 * through the published mapping (data/reference/mapping/) in the same transaction as the setting,
 * or nothing happens. A row whose old unit has no single new unit (a commune split over several new
 * communes, a district: the 2025 tree has none, a code the mapping does not resolve) cannot be
 * placed by a program: the switch lists it and is refused until someone has decided where it goes.
 *
 * Everything is set-based: the mapping is loaded with COPY into a temporary table, the new place
 * of every row of a table is computed by one statement into another temporary table, and each table
 * is then written by one statement per kind of change (moved to another province, updated in place).
 */

const MAPPING = path.join(SERVER_ROOT, 'data/reference/mapping');

/** The one switch the mapping supports. */
const FROM: UnitTree = '2021';
const TO: UnitTree = '2025';

/** Two columns that name a place: the code of its smallest unit and, beside it, its province. */
export interface PlaceColumns {
  /** The unit code column (or an array of unit codes, with `array`); absent: a province alone. */
  unit?: string;
  province?: string;
  array?: boolean;
  /**
   * What becomes of a code that has no single 2025 unit:
   * - `refuse`: data (where a person lives, where a case or a cluster was found): the switch is
   *   refused and the row listed, until an operator has placed it;
   * - `province`: history and bodies (audit events, where a moved person came from, agencies): the
   *   row keeps the new province, the smallest 2025 unit that surely contains the old place;
   * - `none`: an account's jurisdiction: the code is dropped and the account loses access (it fails
   *   closed; an administrator assigns a new unit).
   */
  unmapped: 'refuse' | 'province' | 'none';
}

export interface TablePlaces {
  /** The columns that identify a row, besides `province_code`. */
  key: string[];
  places: PlaceColumns[];
  /**
   * A parent through a foreign key (this column, province_code) → (parent id, province_code). A
   * table with no `province_code` place of its own takes its new province from the parent; one with
   * its own must land in the same province as its parent, or the switch is refused.
   */
  parent?: { table: string; column: string };
}

const HOME: PlaceColumns = { unit: 'unit_code', province: 'province_code', unmapped: 'refuse' };
const HISTORY: PlaceColumns = { unit: 'unit_code', province: 'province_code', unmapped: 'province' };

/**
 * Every place-bound column of the schema, declared once. Parents come before their children (the
 * order in which rows can be inserted). `units` is the trees themselves; `settings`, `sessions` and
 * `api_tokens` hold no place. The integration test fails when a column that names a place is missing.
 */
export const PLACES: Record<string, TablePlaces> = {
  // Distributed by province: a row whose province changes is deleted and inserted with the same id.
  households: { key: ['id'], places: [HOME] },
  persons: { key: ['id'], places: [HOME], parent: { table: 'households', column: 'household_id' } },
  person_moves: {
    key: ['id'],
    places: [HOME, { unit: 'from_unit_code', province: 'from_province_code', unmapped: 'province' }],
  },
  clusters: { key: ['id'], places: [HOME] },
  lockdown_zones: {
    key: ['id'],
    places: [{ unit: 'unit_codes', array: true, unmapped: 'refuse' }],
    parent: { table: 'clusters', column: 'cluster_id' },
  },
  lab_tests: { key: ['id'], places: [HOME], parent: { table: 'persons', column: 'person_id' } },
  lab_test_pool_members: {
    key: ['pool_id', 'person_id'],
    places: [HOME],
    parent: { table: 'lab_tests', column: 'pool_id' },
  },
  cases: { key: ['id'], places: [HOME], parent: { table: 'persons', column: 'person_id' } },
  case_events: { key: ['id'], places: [], parent: { table: 'cases', column: 'case_id' } },
  contacts: {
    key: ['id'],
    places: [HOME, { unit: 'case_unit_code', province: 'case_province_code', unmapped: 'refuse' }],
    parent: { table: 'persons', column: 'person_id' },
  },
  audit_events: {
    key: ['id'],
    places: [HISTORY, { unit: 'actor_unit_code', province: 'actor_province_code', unmapped: 'province' }],
  },
  // Vaccination (issue 9). Targets name a unit of their own: a district's target has no 2025 unit.
  vaccine_doses: { key: ['id'], places: [HOME], parent: { table: 'persons', column: 'person_id' } },
  door_marks: { key: ['id'], places: [HOME], parent: { table: 'persons', column: 'person_id' } },
  person_reviews: { key: ['id'], places: [HOME], parent: { table: 'persons', column: 'person_id' } },
  person_merges: { key: ['id'], places: [HOME], parent: { table: 'persons', column: 'survivor_id' } },
  dose_match_reviews: { key: ['id'], places: [HOME] },
  vaccination_targets: { key: ['id'], places: [HOME] },
  population_targets: { key: ['unit_code', 'age_group'], places: [HOME] },
  // An import's place is its account's unit when it ran: history.
  import_batches: { key: ['id'], places: [HISTORY] },
  import_rejections: {
    key: ['batch_id', 'row_no'],
    places: [],
    parent: { table: 'import_batches', column: 'batch_id' },
  },
  // Isolation, home care and capacity (issue 10): a facility and an episode are where they are.
  facilities: { key: ['id'], places: [HOME] },
  facility_states: { key: ['id'], places: [], parent: { table: 'facilities', column: 'facility_id' } },
  facility_days: {
    key: ['facility_id', 'day'],
    places: [],
    parent: { table: 'facilities', column: 'facility_id' },
  },
  care_episodes: { key: ['id'], places: [HOME], parent: { table: 'persons', column: 'person_id' } },
  care_stays: { key: ['id'], places: [], parent: { table: 'care_episodes', column: 'episode_id' } },
  monitoring_entries: {
    key: ['id'],
    places: [HOME],
    parent: { table: 'care_episodes', column: 'episode_id' },
  },
  care_alerts: { key: ['id'], places: [HOME], parent: { table: 'care_episodes', column: 'episode_id' } },
  recovery_certificates: {
    key: ['id'],
    places: [HOME],
    parent: { table: 'care_episodes', column: 'episode_id' },
  },
  hotline_requests: { key: ['id'], places: [HOME] },
  hotline_numbers: { key: ['unit_code', 'phone'], places: [HOME] },
  // Updated in place.
  identity_numbers: { key: ['id_number'], places: [], parent: { table: 'persons', column: 'person_id' } },
  agencies: { key: ['code'], places: [HISTORY] },
  accounts: { key: ['id'], places: [{ unit: 'unit_code', unmapped: 'none' }] },
  // '00' (the national default) stays; a province's own tiers follow it into its new province.
  care_tiers: { key: ['code'], places: [{ province: 'province_code', unmapped: 'refuse' }] },
};

/** Tables that hold no place of a row (units is the trees themselves). */
export const PLACELESS = ['units', 'settings', 'sessions', 'api_tokens', 'idempotency_keys'];

/**
 * Tables derived from the others by triggers (coverage figures): their triggers are off while the
 * rows are rewritten, and they are rebuilt whole from the remapped rows under the new tree.
 */
export const DERIVED = [
  'vaccination_status',
  'dose_cells',
  // The coverage cache's counters: moved by the rebuild itself (a province's new code gets its own).
  'vaccination_generations',
  'vaccination_pending',
];
const DERIVED_TRIGGERS: [table: string, trigger: string][] = [
  ['persons', 'persons_vaccination_insert'],
  ['persons', 'persons_vaccination_update'],
  ['persons', 'persons_vaccination_delete'],
  ['vaccine_doses', 'vaccine_doses_vaccination_insert'],
  ['vaccine_doses', 'vaccine_doses_vaccination_update'],
  ['vaccine_doses', 'vaccine_doses_vaccination_delete'],
];

export type UnmappedReason = 'partial' | 'ambiguous' | 'unresolved' | 'district' | 'unknown';

export interface ColumnCount {
  table: string;
  column: string;
  /** Rows with a code in this column (for an array: codes). */
  rows: number;
  /** Whose old unit has exactly one new unit. */
  mapped: number;
  /** Placed in their new province instead (history and agencies). */
  coarsened: number;
  /** That cannot be placed (data: the switch is refused; accounts: they lose access). */
  unmapped: number;
}

export interface UnmappedCode {
  table: string;
  column: string;
  code: string;
  name: string | null;
  level: string | null;
  reason: UnmappedReason;
  rows: number;
  /** The new communes the old unit went into (partly), when the mapping names them. */
  candidates: { code: string; name: string }[];
}

export interface Conflict {
  table: string;
  message: string;
  rows: number;
  examples: string[];
}

export interface TreeSwitchReport {
  from: string;
  to: string;
  outcome: 'already_active' | 'unsupported' | 'dry_run' | 'refused' | 'applied';
  counts: ColumnCount[];
  /** Rows that change province, per distributed table (moved: deleted and inserted, same id). */
  moves: { table: string; rows: number }[];
  /** Data rows that cannot be placed: any of them refuses the switch. */
  blocking: UnmappedCode[];
  /** History and agencies placed in their new province. */
  coarsened: UnmappedCode[];
  accountsLosingAccess: {
    username: string;
    unitCode: string;
    unitName: string | null;
    reason: UnmappedReason;
  }[];
  /** Rows the mapping places, but whose new places break a key or a foreign key. */
  conflicts: Conflict[];
  seconds: number;
}

export class TreeSwitchError extends Error {}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const newRows = (table: string) => q(`tsw_new_${table}`);

/** Whether rows of this table move (delete + insert) when their province changes. */
function moves(table: string): boolean {
  const c = TABLES[table];
  return c?.kind === 'distributed' && c.column === 'province_code';
}

function hasProvinceCode(d: TablePlaces): boolean {
  return !!d.parent || d.places.some((p) => p.province === 'province_code');
}

/**
 * Reports what switching the active tree to `target` would do (`apply: false`, nothing written), or
 * does it in one transaction (`apply: true`) when every data row can be placed. Run as the owner
 * of the database: the append-only audit log is remapped with its trigger disabled.
 */
export async function switchUnitTree(
  pool: Pool,
  target: string,
  opts: { apply: boolean; actor?: string },
): Promise<TreeSwitchReport> {
  if (!(target in UNIT_TREES)) {
    throw new TreeSwitchError(
      `Danh mục "${target}" không có. Các danh mục: ${Object.keys(UNIT_TREES).join(', ')}.`,
    );
  }
  checkDeclarations();
  const started = Date.now();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const setting = await client.query<{ value: string }>(
      `SELECT value FROM settings WHERE key = 'unit_tree'${opts.apply ? ' FOR UPDATE' : ''}`,
    );
    const active = setting.rows[0]?.value;
    if (!active) {
      throw new TreeSwitchError(
        'Cơ sở dữ liệu chưa có danh mục đơn vị hành chính: hãy chạy `npm run cli -- migrate` trước.',
      );
    }
    const report: TreeSwitchReport = {
      from: active,
      to: target,
      outcome: 'dry_run',
      counts: [],
      moves: [],
      blocking: [],
      coarsened: [],
      accountsLosingAccess: [],
      conflicts: [],
      seconds: 0,
    };
    const done = async (outcome: TreeSwitchReport['outcome']) => {
      await client.query(outcome === 'applied' ? 'COMMIT' : 'ROLLBACK');
      return { ...report, outcome, seconds: (Date.now() - started) / 1000 };
    };
    if (active === target) return await done('already_active');
    if (active !== FROM || target !== TO) return await done('unsupported');

    if (opts.apply) {
      await assertOwner(client);
      // Nobody writes a place-bound row between the check and the commit; readers go on reading
      // the old tree until the commit.
      await client.query(`SET LOCAL lock_timeout = '60s'`);
      await client.query(`LOCK TABLE ${Object.keys(PLACES).map(q).join(', ')} IN EXCLUSIVE MODE`);
    }
    // Fresh statistics, so no join below is planned as if a table were empty (a nested loop over
    // rows loaded since the last analyze takes minutes instead of seconds).
    await client.query(`ANALYZE ${Object.keys(PLACES).map(q).join(', ')}`);
    await loadMapping(client);
    for (const [table, d] of Object.entries(PLACES)) await client.query(newRowsStatement(table, d));
    await fillReport(client, report);

    if (!opts.apply) return await done('dry_run');
    if (report.blocking.length || report.conflicts.length) return await done('refused');
    await applySwitch(client, report, opts.actor ?? 'cli');
    return await done('applied');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Every table of the schema is either declared here or known to hold no place. */
function checkDeclarations(): void {
  const missing = Object.keys(TABLES).filter(
    (t) => !(t in PLACES) && !PLACELESS.includes(t) && !DERIVED.includes(t),
  );
  if (missing.length) {
    throw new TreeSwitchError(
      `Bảng ${missing.join(', ')} chưa khai báo cột địa bàn trong units/tree-switch.ts (PLACES): không chuyển danh mục.`,
    );
  }
  const seen = new Set<string>();
  for (const [table, d] of Object.entries(PLACES)) {
    if (d.parent && !seen.has(d.parent.table))
      throw new Error(`PLACES: ${d.parent.table} must precede ${table}`);
    seen.add(table);
  }
}

async function assertOwner(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ owner: boolean }>(
    `SELECT pg_has_role(c.relowner, 'MEMBER') AS owner FROM pg_class c WHERE c.oid = 'audit_events'::regclass`,
  );
  if (!rows[0]?.owner) {
    throw new TreeSwitchError(
      'Chuyển danh mục phải chạy bằng vai trò sở hữu cơ sở dữ liệu (npm run cli, DATABASE_URL của vai trò chủ sở hữu).',
    );
  }
}

/**
 * The mapping as one row per 2021 unit (`tsw_map`): its status and, when it maps fully, its one new
 * unit. A commune maps when every part of it went into the same new commune; a province always
 * maps; a district maps only for the five island districts without communes (their own row in the
 * mapping); everything else is listed with its reason.
 */
async function loadMapping(c: PoolClient): Promise<void> {
  await c.query(`
    CREATE TEMP TABLE tsw_communes (old_code text, old_name text, old_district_code text, old_province_code text,
      code_2025_03 text, name_2025_03 text, new_code text, new_name text, new_province_code text, overlap text,
      bridge text) ON COMMIT DROP;
    CREATE TEMP TABLE tsw_provinces (old_code text PRIMARY KEY, old_name text, new_code text, new_name text) ON COMMIT DROP;`);
  await copyCsv(
    c,
    'tsw_communes',
    [
      'old_code',
      'old_name',
      'old_district_code',
      'old_province_code',
      'code_2025_03',
      'name_2025_03',
      'new_code',
      'new_name',
      'new_province_code',
      'overlap',
      'bridge',
    ],
    path.join(MAPPING, 'communes-2021-to-2025.csv'),
  );
  await copyCsv(
    c,
    'tsw_provinces',
    ['old_code', 'old_name', 'new_code', 'new_name'],
    path.join(MAPPING, 'provinces-2021-to-2025.csv'),
  );
  await c.query(
    `CREATE TEMP TABLE tsw_map ON COMMIT DROP AS
     WITH pairs AS (
       -- The new unit as the 2025 tree has it: a code the tree lacks counts as unresolved.
       SELECT m.old_code, m.overlap, n.code AS new_code, n.name AS new_name, n.province_code AS new_province_code,
              (m.new_code IS NOT NULL AND n.code IS NULL) AS missing
         FROM tsw_communes m LEFT JOIN units n ON n.tree = $2 AND n.code = m.new_code AND n.level <> 'province'
     ), per_old AS (
       SELECT old_code, count(DISTINCT new_code) AS targets, bool_or(overlap = 'partial') AS partial,
              bool_or(missing) AS missing, min(new_code) AS new_code, min(new_name) AS new_name,
              min(new_province_code) AS new_province_code,
              coalesce(jsonb_agg(DISTINCT jsonb_build_object('code', new_code, 'name', new_name))
                         FILTER (WHERE new_code IS NOT NULL), '[]') AS candidates
         FROM pairs GROUP BY old_code
     )
     SELECT u.code AS old_code, u.name AS old_name, u.level, s.status,
            CASE WHEN s.status = 'full' THEN coalesce(o.new_code, np.code) END AS new_code,
            CASE WHEN s.status = 'full' THEN coalesce(o.new_name, np.name) END AS new_name,
            CASE WHEN s.status = 'full' THEN coalesce(o.new_province_code, np.code) END AS new_province_code,
            np.code AS fallback_province,
            coalesce(o.candidates, '[]') AS candidates
       FROM units u
       LEFT JOIN per_old o ON o.old_code = u.code
       LEFT JOIN tsw_provinces p ON p.old_code = u.province_code
       LEFT JOIN units np ON np.tree = $2 AND np.code = p.new_code AND np.level = 'province'
       CROSS JOIN LATERAL (SELECT CASE
            WHEN u.level = 'province' THEN CASE WHEN np.code IS NULL THEN 'unresolved' ELSE 'full' END
            WHEN o.old_code IS NULL THEN CASE WHEN u.level = 'district' THEN 'district' ELSE 'unresolved' END
            WHEN o.targets = 0 OR o.missing THEN 'unresolved'
            WHEN o.partial THEN 'partial'
            WHEN o.targets > 1 THEN 'ambiguous'
            ELSE 'full' END AS status) s
      WHERE u.tree = $1`,
    [FROM, TO],
  );
  await c.query('ALTER TABLE tsw_map ADD PRIMARY KEY (old_code); ANALYZE tsw_map; ANALYZE tsw_provinces');
}

/**
 * One statement per table: the key of every row, its old province, the new value of every place
 * column (`new_<column>`), `new_province_code`, and whether all its data places map (`mapped`).
 */
function newRowsStatement(table: string, d: TablePlaces): string {
  const select = d.key.map((k) => `x.${q(k)}`);
  const joins: string[] = [];
  const mapped: string[] = [];
  let rowProvince: string | null = null;
  if (hasProvinceCode(d)) select.push('x.province_code AS old_province_code');
  d.places.forEach((p, i) => {
    const m = `m${i}`;
    const pm = `p${i}`;
    const unit = p.unit ? `x.${q(p.unit)}` : null;
    const prov = p.province ? `x.${q(p.province)}` : null;
    if (prov) joins.push(`LEFT JOIN tsw_provinces ${pm} ON ${pm}.old_code = ${prov}`);
    if (unit && p.array) {
      // Each code to its new unit, in the order given; communes merged into one appear once.
      select.push(`ARRAY(SELECT s.code FROM (
          SELECT coalesce(m.new_code, v.code) AS code, min(v.i) AS i
            FROM unnest(${unit}) WITH ORDINALITY AS v(code, i)
            LEFT JOIN tsw_map m ON m.old_code = v.code AND m.status = 'full'
           GROUP BY 1) s ORDER BY s.i) AS ${q(`new_${p.unit}`)}`);
      mapped.push(`NOT EXISTS (SELECT 1 FROM unnest(${unit}) AS v(code)
          LEFT JOIN tsw_map m ON m.old_code = v.code WHERE m.status IS DISTINCT FROM 'full')`);
    } else if (unit) {
      joins.push(`LEFT JOIN tsw_map ${m} ON ${m}.old_code = ${unit}`);
      const coarse = prov ? `coalesce(${m}.fallback_province, ${pm}.new_code)` : `${m}.fallback_province`;
      select.push(
        p.unmapped === 'province'
          ? `CASE WHEN ${unit} IS NULL THEN NULL WHEN ${m}.status = 'full' THEN ${m}.new_code ELSE ${coarse} END AS ${q(`new_${p.unit}`)}`
          : `CASE WHEN ${m}.status = 'full' THEN ${m}.new_code END AS ${q(`new_${p.unit}`)}`,
      );
      if (p.unmapped === 'refuse') mapped.push(`(${unit} IS NULL OR ${m}.status = 'full')`);
    }
    if (prov) {
      // '00' is no province (national events, the national default care tiers): it stays.
      const expr = unit
        ? `CASE WHEN ${prov} IS NULL OR ${prov} = '00' THEN ${prov} WHEN ${m}.status = 'full' THEN ${m}.new_province_code
                ELSE coalesce(${m}.fallback_province, ${pm}.new_code, ${prov}) END`
        : `CASE WHEN ${prov} = '00' THEN ${prov} ELSE coalesce(${pm}.new_code, ${prov}) END`;
      select.push(`${expr} AS ${q(`new_${p.province}`)}`);
      if (p.province === 'province_code') rowProvince = expr;
    }
  });
  if (d.parent) {
    const parentKey = PLACES[d.parent.table].key[0];
    joins.push(
      `LEFT JOIN ${newRows(d.parent.table)} par ON par.${q(parentKey)} = x.${q(d.parent.column)} AND par.old_province_code = x.province_code`,
    );
    select.push(
      `x.${q(d.parent.column)} IS NOT NULL AS has_parent`,
      'par.new_province_code AS parent_new_province_code',
      'par.mapped AS parent_mapped',
    );
    if (!rowProvince) {
      joins.push('LEFT JOIN tsw_provinces pp ON pp.old_code = x.province_code');
      select.push('coalesce(par.new_province_code, pp.new_code, x.province_code) AS new_province_code');
    }
  }
  select.push(`${mapped.length ? mapped.join(' AND ') : 'TRUE'} AS mapped`);
  return `CREATE TEMP TABLE ${newRows(table)} ON COMMIT DROP AS
    SELECT ${select.join(',\n           ')}
      FROM ${q(table)} x ${joins.join('\n      ')};
    ANALYZE ${newRows(table)}`;
}

/** Columns whose values change in a table (their new values are `new_<column>` in its temp table). */
function changedColumns(d: TablePlaces): string[] {
  const cols = new Set<string>();
  if (hasProvinceCode(d)) cols.add('province_code');
  for (const p of d.places) {
    if (p.unit) cols.add(p.unit);
    if (p.province) cols.add(p.province);
  }
  return [...cols];
}

function keyJoin(d: TablePlaces, x = 'x', n = 'n'): string {
  const parts = d.key.map((k) => `${x}.${q(k)} = ${n}.${q(k)}`);
  if (hasProvinceCode(d)) parts.push(`${x}.province_code = ${n}.old_province_code`);
  return parts.join(' AND ');
}

async function fillReport(c: PoolClient, report: TreeSwitchReport): Promise<void> {
  for (const [table, d] of Object.entries(PLACES)) {
    for (const p of d.places) {
      if (!p.unit) {
        const { rows } = await c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${q(table)} WHERE ${q(p.province!)} IS NOT NULL`,
        );
        report.counts.push({
          table,
          column: p.province!,
          rows: rows[0].n,
          mapped: rows[0].n,
          coarsened: 0,
          unmapped: 0,
        });
        continue;
      }
      const codes = p.array ? `unnest(x.${q(p.unit)})` : `(VALUES (x.${q(p.unit)}))`;
      const { rows } = await c.query<{
        status: string;
        code: string | null;
        rows: number;
        name: string | null;
        level: string | null;
        candidates: { code: string; name: string }[];
      }>(
        `SELECT s.status, s.code, s.rows, m.old_name AS name, m.level, m.candidates
           FROM (SELECT coalesce(m.status, 'unknown') AS status,
                        CASE WHEN m.status = 'full' THEN NULL ELSE v.code END AS code, count(*)::int AS rows
                   FROM ${q(table)} x CROSS JOIN LATERAL ${codes} AS v(code)
                   LEFT JOIN tsw_map m ON m.old_code = v.code
                  WHERE v.code IS NOT NULL
                  GROUP BY 1, 2) s
           LEFT JOIN tsw_map m ON m.old_code = s.code
          ORDER BY s.code`,
      );
      const count: ColumnCount = { table, column: p.unit, rows: 0, mapped: 0, coarsened: 0, unmapped: 0 };
      for (const r of rows) {
        count.rows += r.rows;
        if (r.status === 'full') {
          count.mapped += r.rows;
          continue;
        }
        const entry: UnmappedCode = {
          table,
          column: p.unit,
          code: r.code!,
          name: r.name,
          level: r.level,
          reason: r.status as UnmappedReason,
          rows: r.rows,
          candidates: r.candidates ?? [],
        };
        if (p.unmapped === 'province') {
          count.coarsened += r.rows;
          report.coarsened.push(entry);
        } else {
          count.unmapped += r.rows;
          if (p.unmapped === 'refuse') report.blocking.push(entry);
        }
      }
      report.counts.push(count);
    }
    if (moves(table)) {
      const { rows } = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${newRows(table)} WHERE new_province_code IS DISTINCT FROM old_province_code`,
      );
      if (rows[0].n) report.moves.push({ table, rows: rows[0].n });
    }
    if (d.parent && d.places.some((p) => p.province === 'province_code')) {
      // Its own place and its parent's must land in one province (the foreign key includes it).
      const { rows } = await c.query<{ n: number; examples: string[] }>(
        `SELECT count(*)::int AS n, (array_agg(${d.key.map((k) => `${q(k)}::text`).join(" || '/' || ")}))[1:5] AS examples
           FROM ${newRows(table)}
          WHERE has_parent AND mapped AND parent_mapped AND new_province_code <> parent_new_province_code`,
      );
      if (rows[0].n) {
        report.conflicts.push({
          table,
          message: `sẽ sang tỉnh khác với bản ghi cha (${d.parent.table}) mà khóa ngoại gắn cùng tỉnh`,
          rows: rows[0].n,
          examples: rows[0].examples,
        });
      }
    }
    report.conflicts.push(...(await uniqueConflicts(c, table, d)));
  }
  const accounts = await c.query<TreeSwitchReport['accountsLosingAccess'][number]>(
    `SELECT a.username, a.unit_code AS "unitCode", m.old_name AS "unitName", coalesce(m.status, 'unknown') AS reason
       FROM accounts a LEFT JOIN tsw_map m ON m.old_code = a.unit_code
      WHERE a.unit_code IS NOT NULL AND NOT a.national AND m.status IS DISTINCT FROM 'full'
      ORDER BY a.username`,
  );
  report.accountsLosingAccess = accounts.rows;
}

/**
 * Unique keys the new places would break: a key (or primary key) that includes a changing column,
 * grouped by the new values. E.g. two provinces that merge, each with its own care tier of one code,
 * or refs of one source ('00') used in both.
 */
async function uniqueConflicts(c: PoolClient, table: string, d: TablePlaces): Promise<Conflict[]> {
  const changed = changedColumns(d);
  const { rows: indexes } = await c.query<{ name: string; columns: string[]; predicate: string | null }>(
    `SELECT i.indexrelid::regclass::text AS name, array_agg(a.attname::text ORDER BY k.ord) AS columns,
            pg_get_expr(i.indpred, i.indrelid) AS predicate
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1::regclass AND i.indisunique AND i.indexprs IS NULL
      GROUP BY i.indexrelid, i.indpred, i.indrelid`,
    [table],
  );
  const conflicts: Conflict[] = [];
  for (const index of indexes) {
    const touched = index.columns.filter((col) => changed.includes(col));
    if (!touched.length) continue;
    // Only a row whose value changes can collide: skip the check when none does.
    const { rows: any } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${q(table)} x JOIN ${newRows(table)} n ON ${keyJoin(d)}
        WHERE (${touched.map((col) => `x.${q(col)}`).join(', ')}) IS DISTINCT FROM (${touched.map((col) => `n.${q(`new_${col}`)}`).join(', ')})`,
    );
    if (!any[0].n) continue;
    const cols = index.columns.map((col) => (touched.includes(col) ? q(`tsw:${col}`) : q(col)));
    const { rows } = await c.query<{ n: number; examples: string[] }>(
      `SELECT count(*)::int AS n, (array_agg(k))[1:5] AS examples FROM (
         SELECT concat_ws('/', ${cols.join(', ')}) AS k
           FROM (SELECT x.*, ${touched.map((col) => `n.${q(`new_${col}`)} AS ${q(`tsw:${col}`)}`).join(', ')}
                   FROM ${q(table)} x JOIN ${newRows(table)} n ON ${keyJoin(d)}) r
          WHERE ${cols.map((col) => `${col} IS NOT NULL`).join(' AND ')}${index.predicate ? ` AND (${index.predicate})` : ''}
          GROUP BY ${cols.join(', ')} HAVING count(*) > 1) d`,
    );
    if (rows[0].n) {
      conflicts.push({
        table,
        message: `trùng khóa duy nhất ${index.name} (${index.columns.join(', ')}) sau khi đổi mã`,
        rows: rows[0].n,
        examples: rows[0].examples,
      });
    }
  }
  return conflicts;
}

/** The writes, in the caller's transaction, once the report has nothing blocking. */
async function applySwitch(c: PoolClient, report: TreeSwitchReport, actor: string): Promise<void> {
  const tables = Object.entries(PLACES);
  const moved = new Set(report.moves.map((m) => m.table));
  const auditChanges =
    report.counts.some((k) => k.table === 'audit_events' && k.rows > 0) || moved.has('audit_events');
  if (auditChanges) {
    // audit_events is append-only by trigger. The owner disables it inside this transaction only,
    // to rewrite the place codes of existing events (nothing else: actions, actors, times, details
    // stay); it is enabled again before the commit, and one event below records the switch.
    await c.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
  }
  for (const [table, trigger] of DERIVED_TRIGGERS)
    await c.query(`ALTER TABLE ${q(table)} DISABLE TRIGGER ${q(trigger)}`);
  // Rows that change province: new copies first, parents before children (foreign keys hold)...
  for (const [table, d] of tables) {
    if (!moved.has(table)) continue;
    const columns = await tableColumns(c, table);
    const changed = changedColumns(d);
    const values = columns.map((col) => (changed.includes(col) ? `n.${q(`new_${col}`)}` : `x.${q(col)}`));
    await c.query(
      `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) OVERRIDING SYSTEM VALUE
       SELECT ${values.join(', ')} FROM ${q(table)} x JOIN ${newRows(table)} n ON ${keyJoin(d)}
        WHERE n.new_province_code <> n.old_province_code`,
    );
  }
  // ... rows that stay in their province are updated in place ...
  for (const [table, d] of tables) {
    const changed = changedColumns(d).filter((col) => !(moves(table) && col === 'province_code'));
    if (!changed.length) continue;
    const stays = moves(table) ? ' AND n.new_province_code = n.old_province_code' : '';
    const generation = table === 'accounts' ? ', generation = x.generation + 1' : '';
    await c.query(
      `UPDATE ${q(table)} x SET ${changed.map((col) => `${q(col)} = n.${q(`new_${col}`)}`).join(', ')}${generation}
         FROM ${newRows(table)} n
        WHERE ${keyJoin(d)}${stays}
          AND (${changed.map((col) => `x.${q(col)}`).join(', ')}) IS DISTINCT FROM (${changed.map((col) => `n.${q(`new_${col}`)}`).join(', ')})`,
    );
  }
  // ... and the old copies go, children before parents.
  for (const [table, d] of [...tables].reverse()) {
    if (!moved.has(table)) continue;
    await c.query(
      `DELETE FROM ${q(table)} x USING ${newRows(table)} n
        WHERE ${keyJoin(d)} AND n.new_province_code <> n.old_province_code`,
    );
  }
  if (auditChanges) await c.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');

  // The guard trigger on settings lets the active tree change only with this flag, in this transaction.
  await c.query(`SET LOCAL tuyendau.unit_tree_switch = 'on'`);
  await c.query(`UPDATE settings SET value = $1 WHERE key = 'unit_tree'`, [report.to]);
  for (const [table, trigger] of DERIVED_TRIGGERS)
    await c.query(`ALTER TABLE ${q(table)} ENABLE TRIGGER ${q(trigger)}`);
  // Coverage figures rebuilt under the new tree (its districts, or none).
  await c.query('TRUNCATE vaccination_status, dose_cells');
  await c.query('SELECT vaccination_refresh_persons(array_agg(id)) FROM persons');
  // Every process forgets its cached principals and its in-memory unit tree when this commits.
  await forgetAll(c);
  await c.query(
    `INSERT INTO audit_events (province_code, actor_username, action, entity, entity_id, detail)
     VALUES ('00', $1, 'switch_tree', 'unit_tree', $2, $3)`,
    [
      actor,
      report.to,
      JSON.stringify({
        from: report.from,
        to: report.to,
        counts: report.counts.filter((k) => k.rows > 0),
        moves: report.moves,
        coarsened: report.coarsened.map(({ table, column, code, reason, rows }) => ({
          table,
          column,
          code,
          reason,
          rows,
        })),
        accountsLosingAccess: report.accountsLosingAccess,
      }),
    ],
  );
}

async function tableColumns(c: PoolClient, table: string): Promise<string[]> {
  const { rows } = await c.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      ORDER BY attnum`,
    [table],
  );
  return rows.map((r) => r.name);
}

/* ---------------------------------------------------------------- words for operators */

const REASONS: Record<UnmappedReason, string> = {
  partial: 'chia tách: từng phần thuộc nhiều xã mới',
  ambiguous: 'bảng ánh xạ nối với nhiều xã mới',
  unresolved: 'bảng ánh xạ không có đơn vị mới',
  district: 'cấp huyện: danh mục 2025 không còn cấp huyện',
  unknown: 'mã không có trong danh mục 2021',
};

const n = (v: number) => v.toLocaleString('vi-VN');

function codeLine(u: UnmappedCode): string {
  const name = u.name ? ` ${u.name}` : '';
  const candidates = u.candidates.length
    ? `; đơn vị mới: ${u.candidates.map((k) => `${k.code} ${k.name}`).join(', ')}`
    : '';
  return `  ${u.table}.${u.column}  ${u.code}${name} (${REASONS[u.reason]}): ${n(u.rows)} dòng${candidates}`;
}

/** The report as lines for the operator, in Vietnamese. */
export function describeSwitch(r: TreeSwitchReport, apply: boolean): string[] {
  const head = `Chuyển sang danh mục ${r.to}`;
  if (r.outcome === 'already_active') return [`${head}: danh mục ${r.to} đang được dùng; không thay đổi gì.`];
  if (r.outcome === 'unsupported') {
    return [
      `${head}: từ chối. Chỉ chuyển được từ danh mục ${FROM} sang ${TO} (bảng ánh xạ chỉ đi một chiều); ` +
        `danh mục đang dùng là ${r.from}. Mã đã ghi theo danh mục ${r.from} không suy ngược được.`,
    ];
  }
  const lines = [
    `${head} (đang dùng ${r.from})${apply ? '' : ': chạy thử, chưa ghi gì'}.`,
    '',
    'Bảng.cột                                   số dòng   ánh xạ đủ   về cấp tỉnh   không ánh xạ',
  ];
  for (const k of r.counts) {
    lines.push(
      `  ${`${k.table}.${k.column}`.padEnd(40)} ${n(k.rows).padStart(8)} ${n(k.mapped).padStart(11)} ${n(k.coarsened).padStart(13)} ${n(k.unmapped).padStart(14)}`,
    );
  }
  if (r.moves.length) {
    lines.push('', 'Dòng đổi mã tỉnh (xóa và ghi lại với cùng id, trong cùng giao dịch):');
    for (const m of r.moves) lines.push(`  ${m.table}: ${n(m.rows)}`);
  }
  if (r.blocking.length) {
    lines.push('', 'Không ánh xạ được (phải xóa hoặc chuyển sang đơn vị khác trước khi chuyển danh mục):');
    lines.push(...r.blocking.map(codeLine));
  }
  if (r.conflicts.length) {
    lines.push('', 'Xung đột sau khi đổi mã:');
    for (const k of r.conflicts) {
      lines.push(`  ${k.table}: ${n(k.rows)} nhóm ${k.message}; ví dụ: ${k.examples.join(', ')}`);
    }
  }
  if (r.coarsened.length) {
    lines.push('', 'Lịch sử và cơ quan ghi về tỉnh mới (đơn vị cũ không có một đơn vị mới duy nhất):');
    lines.push(...r.coarsened.map(codeLine));
  }
  if (r.accountsLosingAccess.length) {
    lines.push(
      '',
      'Tài khoản sẽ mất quyền truy cập (đơn vị không còn trong danh mục mới; quản trị viên gán lại địa bàn):',
    );
    for (const a of r.accountsLosingAccess) {
      lines.push(
        `  ${a.username}  ${a.unitCode}${a.unitName ? ` ${a.unitName}` : ''} (${REASONS[a.reason]})`,
      );
    }
  }
  lines.push('');
  const blocked = r.blocking.length + r.conflicts.length;
  if (r.outcome === 'applied') {
    lines.push(`${head}: đã xong trong ${r.seconds.toFixed(1)} giây. Danh mục đang dùng: ${r.to}.`);
  } else if (blocked) {
    lines.push(
      `${head}: ${apply ? 'TỪ CHỐI, không ghi gì' : 'chưa thể chuyển'}: ${n(r.blocking.length)} mã không ánh xạ được, ${n(r.conflicts.length)} xung đột.`,
    );
  } else {
    lines.push(`${head}: có thể chuyển. Chạy lại với --apply để ghi.`);
  }
  return lines;
}
