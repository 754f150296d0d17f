import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { configFromEnv } from '../config.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { ensureDatabase } from '../db/open.ts';
import { createPool } from '../db/pool.ts';
import { prepareDatabase } from '../seed/bootstrap.ts';

export const TEMPLATE_DB = 'td_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgBaseUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole run (or the one TEST_DATABASE_URL names), with a template
 * database that is migrated and holds the reference units; each test file copies it.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tuyendau-test-'));
    // PostgreSQL runs as the 'postgres' user, which must be able to enter the folder.
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres(path.join(dir, 'pg'), { fast: true });
    adminUrl = server.url('postgres');
    stop = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  await ensureDatabase(adminUrl, TEMPLATE_DB);
  const templateUrl = adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE_DB}`);
  const pool = createPool(templateUrl, 2);
  await prepareDatabase(pool, { ...configFromEnv({}), demo: false, seedPassword: 'test-admin-password' });
  await pool.end();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgBaseUrl', adminUrl.replace(/\/[^/]*$/, ''));
  return stop;
}
