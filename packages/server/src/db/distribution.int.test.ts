import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/harness.ts';
import { TABLES } from './distribution.ts';
import type { Pool } from './pool.ts';

/**
 * Reads the PostgreSQL catalog of a migrated database and checks every table against the Citus
 * rules declared in distribution.ts, so that no capability can add a table that would not
 * distribute.
 */
interface Catalog {
  tables: string[];
  notNull: Map<string, Set<string>>;
  uniques: { table: string; name: string; primary: boolean; columns: string[] }[];
  foreignKeys: { table: string; name: string; columns: string[]; refTable: string; refColumns: string[] }[];
  provinceTriggers: Set<string>;
}

async function readCatalog(pool: Pool): Promise<Catalog> {
  const tables = (
    await pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    )
  ).rows.map((r) => r.name);
  const notNull = new Map<string, Set<string>>();
  for (const r of (
    await pool.query<{ table: string; column: string }>(
      `SELECT c.relname AS table, a.attname AS column FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull`,
    )
  ).rows) {
    if (!notNull.has(r.table)) notNull.set(r.table, new Set());
    notNull.get(r.table)!.add(r.column);
  }
  const uniques = (
    await pool.query<{ table: string; name: string; primary: boolean; columns: string[] }>(
      `SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary,
              array(SELECT a.attname FROM unnest(x.indkey) k JOIN pg_attribute a
                     ON a.attrelid = t.oid AND a.attnum = k)::text[] AS columns
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND x.indisunique`,
    )
  ).rows;
  const foreignKeys = (
    await pool.query<{
      table: string;
      name: string;
      columns: string[];
      refTable: string;
      refColumns: string[];
    }>(
      `SELECT t.relname AS table, c.conname AS name, r.relname AS "refTable",
              array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns,
              array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS "refColumns"
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND c.contype = 'f'`,
    )
  ).rows;
  const provinceTriggers = new Set(
    (
      await pool.query<{ table: string }>(
        `SELECT c.relname AS table FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
           JOIN pg_proc p ON p.oid = g.tgfoid WHERE p.proname = 'refuse_province_change' AND g.tgenabled <> 'D'`,
      )
    ).rows.map((r) => r.table),
  );
  return { tables, notNull, uniques, foreignKeys, provinceTriggers };
}

/** Every way `catalog` breaks the rules; empty when the schema can run on Citus as declared. */
function violations(catalog: Catalog): string[] {
  const out: string[] = [];
  for (const t of catalog.tables) if (!TABLES[t]) out.push(`${t}: not classified in db/distribution.ts`);
  for (const t of Object.keys(TABLES))
    if (!catalog.tables.includes(t)) out.push(`${t}: classified but absent`);
  for (const [table, cls] of Object.entries(TABLES)) {
    if (cls.kind !== 'distributed') continue;
    if (!catalog.notNull.get(table)?.has(cls.column)) out.push(`${table}: ${cls.column} missing or nullable`);
    const indexes = catalog.uniques.filter((u) => u.table === table);
    if (!indexes.some((u) => u.primary)) out.push(`${table}: no primary key`);
    for (const u of indexes) {
      if (!u.columns.includes(cls.column)) out.push(`${table}: unique index ${u.name} lacks ${cls.column}`);
    }
    if (cls.colocation === 'province' && !catalog.provinceTriggers.has(table)) {
      out.push(`${table}: no trigger refusing updates of province_code (refuse_province_change)`);
    }
    for (const [column, target] of Object.entries(cls.softReferences ?? {})) {
      if (catalog.foreignKeys.some((f) => f.table === table && f.columns.includes(column))) {
        out.push(`${table}.${column}: declared a soft reference to ${target} but has a foreign key`);
      }
    }
  }
  for (const fk of catalog.foreignKeys) {
    const from = TABLES[fk.table];
    const to = TABLES[fk.refTable];
    if (!from || !to) continue;
    const name = `${fk.table} → ${fk.refTable} (${fk.name})`;
    if (from.kind === 'distributed' && to.kind === 'distributed') {
      const i = fk.columns.indexOf(from.column);
      if (from.colocation !== to.colocation) out.push(`${name}: tables are not colocated`);
      else if (i < 0 || fk.refColumns[i] !== to.column) {
        out.push(`${name}: does not map ${from.column} to ${fk.refTable}.${to.column}`);
      }
    } else if (from.kind === 'distributed' && to.kind === 'local') {
      out.push(`${name}: a distributed table cannot reference a local one`);
    } else if (from.kind !== 'distributed' && to.kind === 'distributed') {
      out.push(`${name}: a ${from.kind} table cannot reference a distributed one`);
    } else if (from.kind === 'reference' && to.kind === 'local') {
      out.push(`${name}: a reference table cannot reference a local one`);
    }
  }
  return out;
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('the schema follows the Citus key rules', () => {
  it('has every table classified, keys that include the distribution column, and colocated foreign keys', async () => {
    expect(violations(await readCatalog(db.pool))).toEqual([]);
  });

  it('would catch a table that breaks them', async () => {
    const catalog = await readCatalog(db.pool);
    const broken: Catalog = {
      ...catalog,
      tables: [...catalog.tables, 'doses_draft'],
      uniques: [
        ...catalog.uniques,
        { table: 'cases', name: 'cases_ref_idx', primary: false, columns: ['ref'] },
      ],
      foreignKeys: [
        ...catalog.foreignKeys,
        { table: 'contacts', name: 'k_case', columns: ['case_id'], refTable: 'cases', refColumns: ['id'] },
        {
          table: 'accounts',
          name: 'a_person',
          columns: ['person_id'],
          refTable: 'persons',
          refColumns: ['id'],
        },
      ],
      provinceTriggers: new Set([...catalog.provinceTriggers].filter((t) => t !== 'persons')),
    };
    const found = violations(broken);
    expect(found).toEqual(
      expect.arrayContaining([
        'doses_draft: not classified in db/distribution.ts',
        'cases: unique index cases_ref_idx lacks province_code',
        'contacts → cases (k_case): does not map province_code to cases.province_code',
        'contacts.case_id: declared a soft reference to cases (with case_province_code) but has a foreign key',
        'accounts → persons (a_person): a reference table cannot reference a distributed one',
        'persons: no trigger refusing updates of province_code (refuse_province_change)',
      ]),
    );
  });

  it('refuses to update a distribution column: a row that changes province is moved', async () => {
    const { rows } = await db.pool.query(
      `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex)
       VALUES ('12', '03387', 'Lò Văn A', 'lo van a', '1990-01-01', 'male') RETURNING id`,
    );
    await expect(
      db.pool.query(`UPDATE persons SET province_code = '11' WHERE id = $1`, [rows[0].id]),
    ).rejects.toThrow(/never updated/);
    await expect(
      db.pool.query(`UPDATE persons SET unit_code = '03386' WHERE id = $1 RETURNING unit_code`, [rows[0].id]),
    ).resolves.toMatchObject({ rowCount: 1 });
  });

  it('keeps the active unit tree from being switched by hand', async () => {
    await expect(db.pool.query(`UPDATE settings SET value = '2025' WHERE key = 'unit_tree'`)).rejects.toThrow(
      /units switch-tree/,
    );
  });
});
