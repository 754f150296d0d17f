import type pg from 'pg';
import { connectClient, type Pool } from './pool.ts';

/** A database role the server logs in as. */
export interface DatabaseRole {
  name: string;
  password: string;
}

/**
 * The two roles of the embedded PostgreSQL: the owner of the database, which runs migrations and
 * seeding, and the role requests are served with, which may only read and write rows.
 * Their passwords guard nothing the embedded superuser's does not: it listens on 127.0.0.1 only.
 */
export const OWNER_ROLE: DatabaseRole = { name: 'tuyendau_owner', password: 'tuyendau-local-owner' };
export const APP_ROLE: DatabaseRole = { name: 'tuyendau_app', password: 'tuyendau-local-app' };

/** Tables whose rows the app may add and read but never change or remove. */
export const APPEND_ONLY_TABLES = ['audit_events'] as const;

// Neither role may do more than its work: no superuser, no bypassing row security, no new roles
// or databases. Only a superuser may SET session_replication_role, which would silence triggers.
const LIMITED = 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOREPLICATION';

/** The same server, logged in as another role (null: the same one), on another database if given. */
export function urlAs(url: string, role: DatabaseRole | null, database?: string): string {
  const u = new URL(url);
  if (role) {
    u.username = encodeURIComponent(role.name);
    u.password = encodeURIComponent(role.password);
  }
  if (database) u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Creates the owner and app roles when missing and (re)sets their attributes. Needs CREATEROLE. */
export async function ensureRoles(adminUrl: string, roles = [OWNER_ROLE, APP_ROLE]): Promise<void> {
  const c = await connectClient(adminUrl);
  try {
    for (const role of roles) {
      const name = c.escapeIdentifier(role.name);
      const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
      if (!rowCount) await c.query(`CREATE ROLE ${name} ${LIMITED}`).catch(ignoreDuplicate);
      await c.query(`ALTER ROLE ${name} ${LIMITED} PASSWORD ${c.escapeLiteral(role.password)}`);
    }
  } finally {
    await c.end();
  }
}

// Two processes creating the role at once: the second finds it made.
function ignoreDuplicate(err: { code?: string }): void {
  if (err.code !== '42710' && err.code !== '23505') throw err;
}

/**
 * Makes `owner` the owner of the database and of everything in its schemas, so migrations can
 * alter them. A database made before the roles existed (every table owned by the superuser) is
 * handed over this way; on a database already owned by `owner` nothing changes. Needs a superuser.
 */
export async function adoptDatabase(adminUrl: string, database: string, owner: string): Promise<void> {
  const c = await connectClient(urlAs(adminUrl, null, database));
  try {
    await c.query(`ALTER DATABASE ${c.escapeIdentifier(database)} OWNER TO ${c.escapeIdentifier(owner)}`);
    const { rows } = await c.query<{ statement: string }>(ADOPT_STATEMENTS, [owner]);
    for (const { statement } of rows) await c.query(statement);
  } finally {
    await c.end();
  }
}

// The objects of the application's schemas not owned by $1, as ALTER … OWNER statements. Members
// of extensions stay with the extension; sequences and types that belong to a table follow it.
const ADOPT_STATEMENTS = `
  WITH app_schemas AS (
    SELECT oid, nspname FROM pg_namespace WHERE nspname IN ('public', 'drizzle')
  ), extension_members AS (
    SELECT objid FROM pg_depend WHERE deptype = 'e'
  )
  SELECT format('ALTER SCHEMA %I OWNER TO %I', n.nspname, $1::text) AS statement
    FROM app_schemas s JOIN pg_namespace n USING (oid)
   WHERE n.nspowner <> $1::text::regrole AND n.nspowner <> 'pg_database_owner'::regrole
  UNION ALL
  SELECT format('ALTER %s %s OWNER TO %I',
                CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                               WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END,
                c.oid::regclass, $1::text)
    FROM pg_class c JOIN app_schemas s ON s.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c') AND c.relowner <> $1::text::regrole
     AND c.oid NOT IN (SELECT objid FROM extension_members)
     AND NOT (c.relkind = 'S' AND EXISTS (
       SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
  UNION ALL
  SELECT format('ALTER %s %s OWNER TO %I', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                p.oid::regprocedure, $1::text)
    FROM pg_proc p JOIN app_schemas s ON s.oid = p.pronamespace
   WHERE p.proowner <> $1::text::regrole AND p.prokind IN ('f', 'p')
     AND p.oid NOT IN (SELECT objid FROM extension_members)
  UNION ALL
  SELECT format('ALTER %s %s OWNER TO %I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                t.oid::regtype, $1::text)
    FROM pg_type t JOIN app_schemas s ON s.oid = t.typnamespace
   WHERE t.typowner <> $1::text::regrole AND t.typtype IN ('e', 'd', 'r')
     AND t.oid NOT IN (SELECT objid FROM extension_members)
     AND NOT EXISTS (SELECT 1 FROM pg_range r WHERE r.rngmultitypid = t.oid)`;

/**
 * What the app role may do, granted by the owner: read and write the rows of every table and use
 * their sequences, but only add and read rows of the append-only tables; read the migration
 * journal (health check); make temporary tables (imports). Default privileges cover the tables
 * later migrations create; run it again after migrations so the append-only exception holds.
 */
export async function grantAppRole(owner: Pool | pg.Client, app: string = APP_ROLE.name): Promise<void> {
  const role = escapeIdentifier(app);
  const { rows } = await owner.query<{ db: string; me: string }>(
    'SELECT current_database() AS db, current_user AS me',
  );
  const me = escapeIdentifier(rows[0].me);
  const statements = [
    `GRANT CONNECT, TEMPORARY ON DATABASE ${escapeIdentifier(rows[0].db)} TO ${role}`,
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${me} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${me} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
  ];
  const journal = await owner.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'drizzle'`);
  if (journal.rowCount) {
    statements.push(
      `GRANT USAGE ON SCHEMA drizzle TO ${role}`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${role}`,
    );
  }
  for (const table of APPEND_ONLY_TABLES) {
    const exists = await owner.query('SELECT to_regclass($1) IS NOT NULL AS ok', [`public.${table}`]);
    if (exists.rows[0].ok) {
      statements.push(
        `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${escapeIdentifier(table)} FROM ${role}, PUBLIC`,
      );
    }
  }
  for (const statement of statements) await owner.query(statement);
}

function escapeIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** What is wrong with the role the server connects as; shown at start-up with DATABASE_URL. */
export async function roleWarnings(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string; super: boolean; bypassrls: boolean }>(
    `SELECT rolname AS name, rolsuper AS super, rolbypassrls AS bypassrls FROM pg_roles WHERE rolname = current_user`,
  );
  const role = rows[0];
  if (!role) return [];
  const warnings: string[] = [];
  if (role.super) {
    warnings.push(
      `Vai trò cơ sở dữ liệu "${role.name}" là superuser: nó có thể tắt trigger và sửa nhật ký truy cập. ` +
        'Hãy dùng một vai trò thường sở hữu cơ sở dữ liệu (xem README, phần Cấu hình).',
    );
  } else if (role.bypassrls) {
    warnings.push(`Vai trò cơ sở dữ liệu "${role.name}" có BYPASSRLS; ứng dụng không cần quyền này.`);
  }
  return warnings;
}
