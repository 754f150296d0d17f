import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { createPool, type Pool } from './pool.ts';

export const DATABASE_NAME = 'tuyendau';

export interface Database {
  pool: Pool;
  url: string;
  /** Closes the pool and stops the embedded server if we started one. */
  close: () => Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL under DATA_DIR/pg. */
export async function openDatabase(
  config: Config,
  log: (line: string) => void = () => {},
): Promise<Database> {
  if (config.databaseUrl) {
    const pool = createPool(config.databaseUrl);
    return { pool, url: config.databaseUrl, close: () => pool.end() };
  }
  const server = await startEmbeddedPostgres(path.join(config.dataDir, 'pg'));
  log(`PostgreSQL (embedded) on 127.0.0.1:${server.port}, data in ${path.join(config.dataDir, 'pg')}`);
  await ensureDatabase(server.url('postgres'), DATABASE_NAME);
  const url = server.url(DATABASE_NAME);
  const pool = createPool(url);
  return {
    pool,
    url,
    close: async () => {
      await pool.end();
      await server.stop();
    },
  };
}

export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      const tpl = template ? ` TEMPLATE ${client.escapeIdentifier(template)} STRATEGY file_copy` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${tpl}`);
    }
  } finally {
    await client.end();
  }
}
