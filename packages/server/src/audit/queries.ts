import type { Principal } from '../auth/principal.ts';
import type { Pool } from '../db/pool.ts';
import { query, sql } from '../db/sql.ts';
import { decodeCursor, pageOf } from '../http/pagination.ts';
import { flushReads } from './audit.ts';

export interface AuditFilters {
  actor?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  cursor?: string;
  limit: number;
}

/**
 * One page of the audit log, newest first, scoped like every other record: an event belongs to
 * its actor's unit and to its record's place, and the viewer sees the events either of which lies
 * inside their jurisdiction. Reads still queued in memory are written first.
 */
export async function auditPage(pool: Pool, me: Principal, q: AuditFilters) {
  await flushReads(pool);
  const after = decodeCursor(q.cursor, ['int']);
  const rows = await query<{ id: number }>(
    pool,
    sql`SELECT id, at, actor_id AS "actorId", actor_username AS "actorUsername", action, entity,
               entity_id AS "entityId", ip, detail
          FROM audit_events a
         WHERE (${me.scope.covers(sql`a.unit_code`, sql`a.province_code`)}
                OR ${me.scope.covers(sql`a.actor_unit_code`, sql`a.actor_province_code`)})
           ${q.actor ? sql`AND actor_username = ${q.actor.trim().toLowerCase()}` : sql``}
           ${q.entity ? sql`AND entity = ${q.entity}` : sql``}
           ${q.entityId ? sql`AND entity_id = ${q.entityId}` : sql``}
           ${q.action ? sql`AND action = ${q.action}` : sql``}
           ${after ? sql`AND id < ${after[0]}` : sql``}
         ORDER BY id DESC LIMIT ${q.limit + 1}`,
  );
  return pageOf(rows, q.limit, (r) => [r.id]);
}
