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
  request: FastifyRequest,
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
