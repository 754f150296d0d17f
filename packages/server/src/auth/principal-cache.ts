import pg from 'pg';
import { CONNECTION_OPTIONS, onCommit, type Pool, type PoolClient } from '../db/pool.ts';
import type { Principal } from './principal.ts';

/**
 * Who is asking, kept in memory for a few seconds so that a request does not read the session,
 * the account and its unit again. A change that alters what an account may do or see (logout,
 * disabling, a password, role or unit change, a revoked token) forgets it at once: in this
 * process right after the change commits, and in every other process through PostgreSQL
 * NOTIFY on the same database. While a process cannot hear those notifications (its listening
 * connection is down), it caches nothing.
 */
const CHANNEL = 'tuyendau_principals';
/** How long a cached principal is served without reading the database again. */
const TTL_MS = 15_000;

interface Entry {
  principal: Principal;
  accountId: string;
  until: number;
}

const entries = new Map<string, Entry>();
/** Bumped by every forgetting: a principal read before it is not cached after it. */
let version = 0;
const listeners = new Map<string, { client: pg.Client | null; ready: boolean; closed: boolean }>();

function connectionStringOf(pool: Pool): string | undefined {
  return (pool as unknown as { options?: { connectionString?: string } }).options?.connectionString;
}

const onAll: (() => void)[] = [];

/** Runs `fn` whenever everything is forgotten (a unit tree switch): other caches of what it changes. */
export function onForgetAll(fn: () => void): void {
  onAll.push(fn);
}

function forget(message: string): void {
  version++;
  if (message === 'all') {
    entries.clear();
    for (const fn of onAll) fn();
    return;
  }
  const [kind, value] = [message.slice(0, message.indexOf(':')), message.slice(message.indexOf(':') + 1)];
  if (kind === 'key') {
    entries.delete(value);
    return;
  }
  for (const [key, entry] of entries) if (entry.accountId === value) entries.delete(key);
}

/** Starts (once per database) the connection that hears other processes' forgettings. */
function listen(url: string): boolean {
  let state = listeners.get(url);
  if (state) return state.ready;
  state = { client: null, ready: false, closed: false };
  listeners.set(url, state);
  const s = state;
  const connect = async () => {
    if (s.closed) return;
    const client = new pg.Client({ connectionString: url, options: CONNECTION_OPTIONS });
    s.client = client;
    const lost = () => {
      if (s.client !== client) return;
      s.client = null;
      s.ready = false;
      forget('all');
      client.end().catch(() => {});
      if (!s.closed) setTimeout(connect, 1000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => forget(n.payload ?? 'all'));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      s.ready = true;
    } catch {
      lost();
    }
  };
  void connect();
  return false;
}

export function cacheKey(kind: 'session' | 'token', hash: string): string {
  return `${kind}:${hash}`;
}

/** The cached principal for a session or token, if this process may serve it from memory. */
export function cachedPrincipal(pool: Pool, key: string): Principal | undefined {
  const url = connectionStringOf(pool);
  if (!url || !listen(url)) return undefined;
  const entry = entries.get(key);
  if (!entry) return undefined;
  if (entry.until < Date.now()) {
    entries.delete(key);
    return undefined;
  }
  return entry.principal;
}

/** A moment to compare with when storing: what was read before a forgetting is not stored. */
export function cacheVersion(): number {
  return version;
}

export function storePrincipal(
  pool: Pool,
  key: string,
  principal: Principal,
  readAt: number,
  expiresAt?: Date,
): void {
  const url = connectionStringOf(pool);
  if (!url || !listeners.get(url)?.ready || readAt !== version) return;
  const until = Math.min(Date.now() + TTL_MS, expiresAt ? expiresAt.getTime() : Number.POSITIVE_INFINITY);
  entries.set(key, { principal, accountId: principal.accountId, until });
}

/**
 * Forgets every cached principal of an account, in the caller's transaction: other processes hear
 * it when the transaction commits; this one forgets right after the commit (and now, so that a
 * concurrent read does not refill it with what is about to change).
 */
export async function forgetAccount(db: Pool | PoolClient, accountId: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CHANNEL, `account:${accountId}`]);
  forget(`account:${accountId}`);
  onCommit(db, () => forget(`account:${accountId}`));
}

/** Forgets one session or token (logout, a revoked token). */
export async function forgetKey(db: Pool | PoolClient, key: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CHANNEL, `key:${key}`]);
  forget(`key:${key}`);
  onCommit(db, () => forget(`key:${key}`));
}

/** Forgets everything (the unit tree switched: every jurisdiction is read again). */
export async function forgetAll(db: Pool | PoolClient): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [CHANNEL, 'all']);
  forget('all');
  onCommit(db, () => forget('all'));
}

/** Stops listening for a database (the app closes). */
export async function stopPrincipalCache(pool: Pool): Promise<void> {
  const url = connectionStringOf(pool);
  const state = url ? listeners.get(url) : undefined;
  if (!state || !url) return;
  state.closed = true;
  state.ready = false;
  listeners.delete(url);
  forget('all');
  await state.client?.end().catch(() => {});
}

/** Whether this process caches principals of this database now (it hears the forgettings). */
export function principalCacheReady(pool: Pool): boolean {
  const url = connectionStringOf(pool);
  return Boolean(url && listeners.get(url)?.ready);
}
