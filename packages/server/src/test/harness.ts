import { randomBytes } from 'node:crypto';
import type { Role } from '@tuyendau/domain';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { hashPassword } from '../auth/passwords.ts';
import { type Config, configFromEnv } from '../config.ts';
import { connectClient, createPool, type Pool } from '../db/pool.ts';

export const TEST_PASSWORD = 'test-password-1';
export const ADMIN_PASSWORD = 'test-admin-password';
const TEMPLATE_DB = 'td_template';

export interface TestDatabase {
  /** The app role, as requests are served. */
  pool: Pool;
  /** The owner of the database, for what the app may not do (DDL, rewriting the audit log). */
  ownerPool: Pool;
  url: string;
  ownerUrl: string;
  drop: () => Promise<void>;
}

/** A fresh database copied from the migrated template, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `td_test_${randomBytes(6).toString('hex')}`;
  const owner = inject('pgOwnerRole');
  await asAdmin((c) =>
    c.query(
      `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB} STRATEGY file_copy${owner ? ` OWNER ${c.escapeIdentifier(owner)}` : ''}`,
    ),
  );
  const url = `${inject('pgBaseUrl')}/${name}`;
  const ownerUrl = `${inject('pgOwnerBaseUrl')}/${name}`;
  const pool = createPool(url, 5);
  const ownerPool = createPool(ownerUrl, 2);
  return {
    pool,
    ownerPool,
    url,
    ownerUrl,
    drop: async () => {
      await Promise.all([pool.end(), ownerPool.end()]);
      await asAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function asAdmin(fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const c = await connectClient(inject('pgAdminUrl'));
  try {
    await fn(c);
  } finally {
    await c.end();
  }
}

/** A client that keeps the session and CSRF cookies like a browser does. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  async request(opts: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('csrf_token');
    if (csrf && !['GET', 'HEAD'].includes(opts.method.toUpperCase()) && !('x-csrf-token' in headers)) {
      headers['x-csrf-token'] = csrf;
    }
    const res = await this.app.inject({ ...opts, headers } as InjectOptions);
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
  async login(username: string, password = TEST_PASSWORD): Promise<this> {
    const res = await this.post('/api/v1/auth/login', { username, password });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return this;
  }
}

export interface TestContext {
  app: FastifyInstance;
  /** The app role's pool, the one the app serves requests with. */
  pool: Pool;
  /** The database owner's pool, for what the app role may not do. */
  ownerPool: Pool;
  config: Config;
  /** A logged-in client for an account created with the given role and unit. */
  as: (role: Role, unitCode: string | null, opts?: { agencyCode?: string }) => Promise<Client>;
  client: () => Client;
  close: () => Promise<void>;
}

let hashed: Promise<string> | undefined;

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestContext> {
  const db = await createTestDatabase();
  const config = { ...configFromEnv({}), loginRateLimit: 1000, loginAddressRateLimit: 5000, ...overrides };
  const app = await buildApp({ pool: db.pool, config, webDist: null });
  await app.ready();
  let n = 0;
  return {
    app,
    pool: db.pool,
    ownerPool: db.ownerPool,
    config,
    client: () => new Client(app),
    as: async (role, unitCode, opts = {}) => {
      hashed ??= hashPassword(TEST_PASSWORD);
      const username = `${role.replace(/_/g, '')}.${unitCode ?? 'vn'}.${++n}`;
      await db.pool.query(
        `INSERT INTO accounts (username, full_name, password_hash, role, unit_code, agency_code, national)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        // No unit: a national account (whole-country scope is explicit, never implied).
        [
          username,
          `Test ${username}`,
          await hashed,
          role,
          unitCode,
          opts.agencyCode ?? null,
          unitCode === null,
        ],
      );
      return new Client(app).login(username);
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
