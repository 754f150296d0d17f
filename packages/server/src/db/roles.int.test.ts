import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/harness.ts';
import { copyCsv } from './copy.ts';
import { applyMigrations } from './migrate.ts';
import { ensureDatabase } from './open.ts';
import { createPool, inTransaction } from './pool.ts';
import { APP_ROLE, grantAppRole, OWNER_ROLE, roleWarnings, urlAs } from './roles.ts';

// Without the roles (an external TEST_DATABASE_URL that may not create them) there is nothing to test.
const roles = inject('pgOwnerRole') !== '';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe.runIf(roles)('the app role', () => {
  it('is neither a superuser nor above row security, and cannot make roles or databases', async () => {
    const { rows } = await db.pool.query(
      `SELECT current_user AS name, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb
         FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows).toEqual([
      { name: APP_ROLE.name, rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false },
    ]);
    expect(await roleWarnings(db.pool)).toEqual([]);
  });

  it('cannot silence triggers', async () => {
    await expect(db.pool.query('SET session_replication_role = replica')).rejects.toThrow(
      /permission denied/,
    );
  });

  it('only adds and reads audit events: no update, delete or truncate', async () => {
    const { rows } = await db.pool.query(
      `SELECT ${['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']
        .map((p) => `has_table_privilege('audit_events', '${p}') AS "${p}"`)
        .join(', ')}`,
    );
    expect(rows).toEqual([{ SELECT: true, INSERT: true, UPDATE: false, DELETE: false, TRUNCATE: false }]);
    for (const statement of [
      `UPDATE audit_events SET action = 'rewritten'`,
      'DELETE FROM audit_events',
      'TRUNCATE audit_events',
    ]) {
      await expect(db.pool.query(statement), statement).rejects.toThrow(
        /permission denied for table audit_events/,
      );
    }
  });

  it('reads and writes the other tables, but changes no schema', async () => {
    await db.pool.query(`INSERT INTO settings (key, value) VALUES ('role_test', '1')`);
    await db.pool.query(`UPDATE settings SET value = '2' WHERE key = 'role_test'`);
    await db.pool.query(`DELETE FROM settings WHERE key = 'role_test'`);
    await expect(db.pool.query('CREATE TABLE intruder (id int)')).rejects.toThrow(/permission denied/);
    await expect(db.pool.query('ALTER TABLE accounts ADD COLUMN x int')).rejects.toThrow(/must be owner/);
    await expect(db.pool.query('DROP TABLE sessions')).rejects.toThrow(/must be owner/);
  });

  it('does what imports and searches need: temporary tables, COPY FROM STDIN, advisory locks, unaccent, trigrams', async () => {
    await inTransaction(db.pool, async (c) => {
      await c.query('CREATE TEMP TABLE staged (a text, b text) ON COMMIT DROP');
      await copyCsv(c, 'staged', ['a', 'b'], Readable.from(['a,b\nViệt Nam,1\n']));
      await c.query('SELECT pg_advisory_xact_lock(42)');
      const { rows } = await c.query(
        `SELECT unaccent(a) AS plain, similarity(a, 'Viet Nam') > 0 AS similar FROM staged`,
      );
      expect(rows).toEqual([{ plain: 'Viet Nam', similar: true }]);
    });
  });

  it('reads the migration journal (health check)', async () => {
    expect((await db.pool.query('SELECT 1 FROM drizzle.__drizzle_migrations LIMIT 1')).rowCount).toBe(1);
  });

  it('may use the tables a later migration creates, append-only ones excepted once granted', async () => {
    await db.ownerPool.query(
      'CREATE TABLE later_table (id int PRIMARY KEY GENERATED ALWAYS AS IDENTITY, v text)',
    );
    await db.pool.query(`INSERT INTO later_table (v) VALUES ('x')`);
    expect((await db.pool.query('SELECT v FROM later_table')).rows).toEqual([{ v: 'x' }]);
    // Re-granting after migrations keeps the audit log append-only.
    await grantAppRole(db.ownerPool);
    await expect(db.pool.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
  });
});

describe.runIf(roles)('a database made before the roles existed', () => {
  it('is handed to the owner, then migrated by it and served by the app role', async () => {
    const admin = inject('pgAdminUrl');
    const name = `td_legacy_${Date.now().toString(36)}`;
    await ensureDatabase(admin, name);
    const legacy = createPool(urlAs(admin, null, name), 2);
    try {
      await applyMigrations(legacy);
      await legacy.query(`INSERT INTO settings (key, value) VALUES ('legacy', 'yes')`);
    } finally {
      await legacy.end();
    }
    await ensureDatabase(admin, name, { owner: OWNER_ROLE.name });
    const owner = createPool(urlAs(admin, OWNER_ROLE, name), 2);
    const app = createPool(urlAs(admin, APP_ROLE, name), 2);
    try {
      const { rows } = await owner.query(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname IN ('public', 'drizzle') AND c.relowner <> $1::text::regrole
            AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
            AND c.oid NOT IN (SELECT objid FROM pg_depend WHERE deptype = 'e')`,
        [OWNER_ROLE.name],
      );
      expect(rows).toEqual([]);
      await applyMigrations(owner);
      await grantAppRole(owner);
      expect((await app.query(`SELECT value FROM settings WHERE key = 'legacy'`)).rows).toEqual([
        { value: 'yes' },
      ]);
      await expect(app.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
    } finally {
      await Promise.all([owner.end(), app.end()]);
      const drop = createPool(admin, 1);
      await drop.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await drop.end();
    }
  });
});

describe('the start-up check of the role (DATABASE_URL)', () => {
  it('warns when the role is a superuser', async () => {
    const admin = createPool(urlAs(inject('pgAdminUrl'), null, 'postgres'), 1);
    try {
      const { rows } = await admin.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
      const warnings = await roleWarnings(admin);
      if (rows[0].rolsuper) expect(warnings).toEqual([expect.stringContaining('là superuser')]);
      else expect(warnings).toEqual([]);
    } finally {
      await admin.end();
    }
  });
});
