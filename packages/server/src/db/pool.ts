import pg from 'pg';

// DATE stays a 'YYYY-MM-DD' string: a birth date is a calendar day, not an instant.
pg.types.setTypeParser(1082, (v) => v);
// BIGINT counts fit in a JS number for our sizes.
pg.types.setTypeParser(20, (v) => Number(v));

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/**
 * Settings of every connection the server opens: dates compared with timestamps mean a day in
 * Vietnam (a sample taken at 06:30 on the 1st is on the 1st), whatever the server's zone.
 */
export const CONNECTION_OPTIONS = '-c TimeZone=Asia/Ho_Chi_Minh';

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, options: CONNECTION_OPTIONS });
  pool.on('error', () => {});
  return pool;
}

/** One connection outside a pool (administration: databases, roles), with the same settings. */
export async function connectClient(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, options: CONNECTION_OPTIONS });
  await client.connect();
  return client;
}

const afterCommit = new WeakMap<pg.PoolClient, (() => void)[]>();

/**
 * Runs `fn` once the transaction of `client` has committed (at once when `client` is not in one
 * opened by inTransaction): what must follow a write only if it lands, like forgetting a cached
 * session. Nothing runs after a rollback.
 */
export function onCommit(client: pg.PoolClient | pg.Pool, fn: () => void): void {
  const queue = afterCommit.get(client as pg.PoolClient);
  if (queue) queue.push(fn);
  else fn();
}

/** Runs `fn` in one transaction: all of it is written, or nothing. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const queue: (() => void)[] = [];
  afterCommit.set(client, queue);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    afterCommit.delete(client);
    for (const f of queue) f();
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    afterCommit.delete(client);
    client.release();
  }
}
