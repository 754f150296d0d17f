import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Pool } from '../db/pool.ts';
import { AppError } from './errors.ts';

/**
 * Every create is stored once per `Idempotency-Key` (ARCHITECTURE.md, "Retries and offline"): a
 * double click, a retry on a flaky network and the offline outbox of a field phone all end in one
 * record. One hook for every POST of a signed-in account that carries the header:
 *
 * - the first request with a key claims it (a row with no answer yet) and is served; a 2xx answer
 *   is stored with the key before it is sent, any other answer gives the key back (a corrected
 *   form may be sent again with it);
 * - a request with a key already answered gets that answer again (same status and body, with
 *   `Idempotency-Replayed: true`), without running the handler;
 * - the same key with another method, path or body is a 422 naming the header;
 * - a request with a key still being served waits for its answer (up to WAIT_MS), then is a 409.
 *
 * Keys belong to one account and last KEY_HOURS. Uploads (multipart) are not keyed: their body is
 * a stream, and imports are idempotent by their own refs. A process that stops between a create
 * and storing its answer leaves a claim without an answer: it is taken over after ABANDONED_SECONDS.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const KEY_HOURS = 24;
const ABANDONED_SECONDS = 120;
const WAIT_MS = 5000;
const POLL_MS = 50;
const PRUNE_EVERY_MS = 10 * 60_000;
// Printable ASCII without spaces, like a UUID or any token a client makes.
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

interface Claim {
  accountId: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request claimed, whose answer is stored when it is sent. */
    idempotencyClaim: Claim | null;
  }
}

interface StoredKey {
  method: string;
  url: string;
  requestHash: string;
  status: number | null;
  body: string | null;
  createdAt: string;
  expired: boolean;
  abandoned: boolean;
}

/** JSON with object keys sorted, so that the same body hashes the same whatever its key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(stableJson(body ?? null))
    .digest('hex');
}

function keyOf(request: FastifyRequest): string | undefined {
  const header = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
    throw new AppError(
      400,
      'invalid_idempotency_key',
      `Tiêu đề ${IDEMPOTENCY_HEADER} không hợp lệ: từ 1 đến 200 ký tự ASCII in được, không có khoảng trắng`,
      IDEMPOTENCY_HEADER,
    );
  }
  return header;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Forgets keys older than KEY_HOURS. Returns how many were removed. */
export async function pruneIdempotencyKeys(pool: Pool): Promise<number> {
  const { rowCount } = await pool.query(
    `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
    [KEY_HOURS],
  );
  return rowCount ?? 0;
}

/**
 * Claims `key` for this request, or returns the answer already stored for it. Throws when the key
 * was used for another request or is still being served after WAIT_MS.
 */
async function claimOrReplay(
  pool: Pool,
  claim: Claim,
  method: string,
  url: string,
  hash: string,
): Promise<{ status: number; body: string } | undefined> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    const inserted = await pool.query(
      `INSERT INTO idempotency_keys (account_id, key, method, url, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, key) DO NOTHING`,
      [claim.accountId, claim.key, method, url, hash],
    );
    if (inserted.rowCount === 1) return undefined;
    const { rows } = await pool.query<StoredKey>(
      `SELECT method, url, request_hash AS "requestHash", status, body, created_at::text AS "createdAt",
              created_at < now() - make_interval(hours => $3) AS expired,
              created_at < now() - make_interval(secs => $4) AS abandoned
         FROM idempotency_keys WHERE account_id = $1 AND key = $2`,
      [claim.accountId, claim.key, KEY_HOURS, ABANDONED_SECONDS],
    );
    const stored = rows[0];
    if (attempt > 100) break;
    if (!stored) continue; // given back meanwhile: claim it again
    if (stored.expired || (stored.status === null && stored.abandoned)) {
      // Only the row seen is removed: another request may have just claimed the key afresh.
      await pool.query(
        'DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND created_at = $3::timestamptz',
        [claim.accountId, claim.key, stored.createdAt],
      );
      continue;
    }
    if (stored.method !== method || stored.url !== url || stored.requestHash !== hash) {
      throw new AppError(
        422,
        'idempotency_key_reused',
        `Khóa ${IDEMPOTENCY_HEADER} này đã được dùng cho một yêu cầu khác (nội dung khác); mỗi lần gửi mới cần một khóa mới`,
        IDEMPOTENCY_HEADER,
      );
    }
    if (stored.status !== null) return { status: stored.status, body: stored.body ?? '' };
    if (Date.now() - started >= WAIT_MS) break;
    await sleep(POLL_MS);
  }
  throw new AppError(
    409,
    'idempotency_in_progress',
    `Yêu cầu với cùng khóa ${IDEMPOTENCY_HEADER} đang xử lý; hãy thử lại sau giây lát`,
    IDEMPOTENCY_HEADER,
  );
}

/** Registers the hooks; after access control (the key belongs to the signed-in account). */
export function registerIdempotency(app: FastifyInstance, pool: Pool): void {
  app.decorateRequest('idempotencyClaim', null);
  let lastPrune = 0;
  // preHandler: the caller is known and the body validated, so a refused request claims nothing.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || !request.principal) return;
    const key = keyOf(request);
    if (key === undefined || String(request.headers['content-type']).startsWith('multipart/')) return;
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      pruneIdempotencyKeys(pool).catch((err) => request.log.warn(err));
    }
    const claim = { accountId: request.principal.accountId, key };
    const stored = await claimOrReplay(pool, claim, request.method, request.url, requestHash(request.body));
    if (!stored) {
      request.idempotencyClaim = claim;
      return;
    }
    reply
      .code(stored.status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('idempotency-replayed', 'true');
    return reply.send(stored.body);
  });
  // The answer is stored before it is sent: once the client has it, a retry is a replay.
  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string';
    try {
      if (ok) {
        await pool.query(
          'UPDATE idempotency_keys SET status = $3, body = $4 WHERE account_id = $1 AND key = $2',
          [claim.accountId, claim.key, reply.statusCode, payload],
        );
      } else {
        await pool.query(
          'DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND status IS NULL',
          [claim.accountId, claim.key],
        );
      }
    } catch (err) {
      // The record is written: its answer still goes out. The claim is taken over once abandoned.
      request.log.error(err);
    }
    return payload;
  });
}
