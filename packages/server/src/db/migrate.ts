import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { SERVER_ROOT } from '../config.ts';
import type { Pool } from './pool.ts';

export const MIGRATIONS_DIR = path.join(SERVER_ROOT, 'migrations');

/** Applies the committed SQL migrations that this database has not seen yet. */
export async function applyMigrations(pool: Pool): Promise<void> {
  await migrate(drizzle(pool), { migrationsFolder: MIGRATIONS_DIR });
}
