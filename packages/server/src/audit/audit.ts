import type { FastifyRequest } from 'fastify';
import type { Pool, PoolClient } from '../db/pool.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends who did or saw what, from where. Written in the caller's transaction when given one. */
export async function recordAudit(
  db: Pool | PoolClient,
  request: FastifyRequest,
  entry: AuditEntry,
  actor: { accountId: string; username: string } | null = request.principal,
): Promise<void> {
  const p = actor;
  await db.query(
    `INSERT INTO audit_events (actor_id, actor_username, action, entity, entity_id, ip, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      p?.accountId ?? null,
      p?.username ?? null,
      entry.action,
      entry.entity,
      entry.entityId ?? null,
      request.ip,
      entry.detail ? JSON.stringify(entry.detail) : null,
    ],
  );
}
