import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { configFromEnv } from '../config.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { ensureDatabase } from '../db/open.ts';
import { createPool } from '../db/pool.ts';
import { APP_ROLE, ensureRoles, OWNER_ROLE, urlAs } from '../db/roles.ts';
import { prepareDatabase } from '../seed/bootstrap.ts';

export const TEMPLATE_DB = 'td_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A role that may create and drop databases (the superuser of the embedded server). */
    pgAdminUrl: string;
    /** The server without a database, logged in as the app role that serves requests. */
    pgBaseUrl: string;
    /** The server without a database, logged in as the owner of the test databases. */
    pgOwnerBaseUrl: string;
    /** The owner of the test databases, or '' when TEST_DATABASE_URL's role cannot create roles. */
    pgOwnerRole: string;
  }
}

/**
 * One real PostgreSQL for the whole run (or the one TEST_DATABASE_URL names), with a template
 * database that is migrated by its owner role and holds the reference units; each test file copies
 * it and serves requests as the app role, as `npm start` does.
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
  let roles = true;
  try {
    await ensureRoles(adminUrl);
  } catch (err) {
    // Only an external server may refuse; the tests then run as TEST_DATABASE_URL's role.
    if (!process.env.TEST_DATABASE_URL) throw err;
    roles = false;
    console.warn(`TEST_DATABASE_URL cannot create the owner and app roles (${(err as Error).message}):`);
    console.warn('the tests run as its own role and the app-role tests are skipped.');
  }
  await ensureDatabase(adminUrl, TEMPLATE_DB, roles ? { owner: OWNER_ROLE.name } : {});
  const ownerUrl = roles ? urlAs(adminUrl, OWNER_ROLE) : adminUrl;
  const appUrl = roles ? urlAs(adminUrl, APP_ROLE) : adminUrl;
  const pool = createPool(urlAs(ownerUrl, null, TEMPLATE_DB), 2);
  await prepareDatabase(
    pool,
    { ...configFromEnv({}), demo: false, seedPassword: 'test-admin-password' },
    () => {},
    { appRole: roles ? APP_ROLE.name : null },
  );
  await pool.end();
  const base = (url: string) => url.replace(/\/[^/]*$/, '');
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgBaseUrl', base(appUrl));
  project.provide('pgOwnerBaseUrl', base(ownerUrl));
  project.provide('pgOwnerRole', roles ? OWNER_ROLE.name : '');
  return stop;
}
