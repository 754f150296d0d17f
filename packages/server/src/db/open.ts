import path from 'node:path';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { connectClient, createPool, type Pool } from './pool.ts';
import { APP_ROLE, adoptDatabase, ensureRoles, OWNER_ROLE, roleWarnings, urlAs } from './roles.ts';

export const DATABASE_NAME = 'tuyendau';

export interface Database {
  /** Serves requests: the app role on the embedded server, DATABASE_URL's role otherwise. */
  pool: Pool;
  /** Runs migrations and seeding: the owner role on the embedded server, else the same as `pool`. */
  ownerPool: Pool;
  /** The role of `pool` when it is not the owner: prepareDatabase grants it its privileges. */
  appRole: string | null;
  url: string;
  /** Closes the pools and stops the embedded server if we started one. */
  close: () => Promise<void>;
}

/**
 * Connects to DATABASE_URL (one role does everything; a warning when it is a superuser), or starts
 * the embedded PostgreSQL under DATA_DIR/pg with an owner role and an app role that is not one.
 */
export async function openDatabase(
  config: Config,
  log: (line: string) => void = () => {},
): Promise<Database> {
  if (config.databaseUrl) {
    const pool = createPool(config.databaseUrl);
    for (const warning of await roleWarnings(pool)) console.warn(`[tuyến đầu] Cảnh báo: ${warning}`);
    return { pool, ownerPool: pool, appRole: null, url: config.databaseUrl, close: () => pool.end() };
  }
  const dir = path.join(config.dataDir, 'pg');
  const server = await startEmbeddedPostgres(dir);
  log(`PostgreSQL (embedded) on 127.0.0.1:${server.port}, data in ${dir}`);
  const adminUrl = server.url('postgres');
  await ensureRoles(adminUrl);
  await ensureDatabase(adminUrl, DATABASE_NAME, { owner: OWNER_ROLE.name });
  const url = urlAs(adminUrl, APP_ROLE, DATABASE_NAME);
  const pool = createPool(url);
  const ownerPool = createPool(urlAs(adminUrl, OWNER_ROLE, DATABASE_NAME), 4);
  return {
    pool,
    ownerPool,
    appRole: APP_ROLE.name,
    url,
    close: async () => {
      await Promise.all([pool.end(), ownerPool.end()]);
      await server.stop();
    },
  };
}

/**
 * Creates the database when missing. With `owner`, the database and everything in it belong to
 * that role, also when the database was made before the role existed.
 */
export async function ensureDatabase(
  adminUrl: string,
  name: string,
  opts: { template?: string; owner?: string } = {},
): Promise<void> {
  const client = await connectClient(adminUrl);
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      const tpl = opts.template
        ? ` TEMPLATE ${client.escapeIdentifier(opts.template)} STRATEGY file_copy`
        : '';
      const owner = opts.owner ? ` OWNER ${client.escapeIdentifier(opts.owner)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${owner}${tpl}`);
    }
  } finally {
    await client.end();
  }
  if (opts.owner) await adoptDatabase(adminUrl, name, opts.owner);
}
