import type { FastifyRequest } from 'fastify';
import type { Pool, PoolClient } from '../db/pool.ts';

/** Where a record belongs: its smallest unit and its province. */
export interface Place {
  unitCode: string | null;
  provinceCode: string;
}

/** The place of a record row (its smallest unit and province), as the audit log keeps it. */
export function placeOf(row: { unitCode: string | null; provinceCode: string }): Place {
  return { unitCode: row.unitCode, provinceCode: row.provinceCode };
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  /** The record's place; an event without one belongs to its actor's unit only. */
  place?: Place | null;
  detail?: Record<string, unknown>;
}

/** Who acted, as the audit log keeps it: the account and its jurisdiction at the time. */
export interface AuditActor {
  accountId: string;
  username: string;
  unit?: { code: string; provinceCode: string } | null;
}

/** The province of events that belong to no province (a national account acting on nothing place-bound). */
export const NO_PROVINCE = '00';

/**
 * Appends who did or saw what, from where. Written in the caller's transaction when given one.
 * An event belongs to its actor's unit and to its record's place: both are stored, and the audit
 * log shows an event to whoever's jurisdiction covers either.
 */
export async function recordAudit(
  db: Pool | PoolClient,
  /** The request, or what stands for it off HTTP (the command line: `{ ip: 'cli', principal }`). */
  request: Pick<FastifyRequest, 'ip' | 'principal'>,
  entry: AuditEntry,
  actor: AuditActor | null = request.principal,
): Promise<void> {
  const actorUnit = actor?.unit ?? null;
  await db.query(
    `INSERT INTO audit_events (province_code, unit_code, actor_id, actor_username, actor_unit_code,
                               actor_province_code, action, entity, entity_id, ip, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      entry.place?.provinceCode ?? actorUnit?.provinceCode ?? NO_PROVINCE,
      entry.place?.unitCode ?? null,
      actor?.accountId ?? null,
      actor?.username ?? null,
      actorUnit?.code ?? null,
      actorUnit?.provinceCode ?? null,
      entry.action,
      entry.entity,
      entry.entityId ?? null,
      request.ip,
      entry.detail ? JSON.stringify(entry.detail) : null,
    ],
  );
}

interface QueuedEvent {
  provinceCode: string;
  unitCode: string | null;
  actorId: string | null;
  actorUsername: string | null;
  actorUnitCode: string | null;
  actorProvinceCode: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string;
  detail: string | null;
  at: Date;
}

/** How often queued reads are written, at most: a crash loses at most this much of them. */
export const READ_FLUSH_MS = 100;
const MAX_QUEUED = 2000;

/**
 * Reads (a person page, a case, a list) are audited without a commit per request: they are queued
 * in memory and written every READ_FLUSH_MS with one statement, and on shutdown. Writes keep their
 * audit row inside their own transaction (recordAudit). A crash of the process loses at most the
 * read events of the last READ_FLUSH_MS.
 */
class ReadQueue {
  private events: QueuedEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly pool: Pool) {}

  push(event: QueuedEvent): void {
    this.events.push(event);
    if (this.events.length >= MAX_QUEUED) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), READ_FLUSH_MS);
  }

  /** Writes what is queued (after any write in progress). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.events;
    this.events = [];
    this.writing = this.writing.then(() => (batch.length ? this.write(batch) : undefined));
    return this.writing;
  }

  private async write(batch: QueuedEvent[]): Promise<void> {
    const col = <K extends keyof QueuedEvent>(k: K) => batch.map((e) => e[k]);
    try {
      await this.pool.query(
        `INSERT INTO audit_events (province_code, unit_code, actor_id, actor_username, actor_unit_code,
                                   actor_province_code, action, entity, entity_id, ip, detail, at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::timestamptz[])`,
        [
          col('provinceCode'),
          col('unitCode'),
          col('actorId'),
          col('actorUsername'),
          col('actorUnitCode'),
          col('actorProvinceCode'),
          col('action'),
          col('entity'),
          col('entityId'),
          col('ip'),
          col('detail'),
          col('at'),
        ],
      );
    } catch (err) {
      // The database is away (a restart): keep the events for the next flush rather than lose them.
      console.error('[tuyến đầu] audit: could not write read events, will retry', err);
      this.events = [...batch, ...this.events].slice(-MAX_QUEUED * 5);
      this.timer ??= setTimeout(() => void this.flush(), READ_FLUSH_MS * 10);
    }
  }
}

const queues = new WeakMap<Pool, ReadQueue>();

function readQueue(pool: Pool): ReadQueue {
  let q = queues.get(pool);
  if (!q) {
    q = new ReadQueue(pool);
    queues.set(pool, q);
  }
  return q;
}

/** Queues the audit event of a read (see ReadQueue); the row is written within READ_FLUSH_MS. */
export function recordRead(
  pool: Pool,
  request: FastifyRequest,
  entry: AuditEntry,
  actor: AuditActor | null = request.principal,
): void {
  const actorUnit = actor?.unit ?? null;
  readQueue(pool).push({
    provinceCode: entry.place?.provinceCode ?? actorUnit?.provinceCode ?? NO_PROVINCE,
    unitCode: entry.place?.unitCode ?? null,
    actorId: actor?.accountId ?? null,
    actorUsername: actor?.username ?? null,
    actorUnitCode: actorUnit?.code ?? null,
    actorProvinceCode: actorUnit?.provinceCode ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    ip: request.ip,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    at: new Date(),
  });
}

/** Writes the queued read events now: before reading the log, and when the app closes. */
export async function flushReads(pool: Pool): Promise<void> {
  await queues.get(pool)?.flush();
}
