import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE } from '../auth/scope.ts';
import type { Pool } from '../db/pool.ts';
import { query, type SQL, sql } from '../db/sql.ts';
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

/** The record an event names, as the viewer may open it: what kind of page, its id, its display name. */
export interface AuditTarget {
  type: 'person' | 'case' | 'cluster' | 'pool' | 'account' | 'api_token' | 'care_tier';
  id: string;
  name: string | null;
}

interface AuditRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  detail: unknown;
  targetType: AuditTarget['type'] | null;
  targetId: string | null;
  targetName: string | null;
}

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** The event's record id as a uuid when the event is about `entity` (else NULL: never a failed cast). */
function idOf(entity: string): SQL {
  return sql`(CASE WHEN e.entity = ${entity} AND e.entity_id ~* ${UUID_PATTERN} THEN e.entity_id END)::uuid`;
}

/**
 * One page of the audit log, newest first, scoped like every other record: an event belongs to
 * its actor's unit and to its record's place, and the viewer sees the events either of which lies
 * inside their jurisdiction. Reads still queued in memory are written first.
 *
 * Each event comes with its record (`target`) when that record still exists and lies inside the
 * viewer's jurisdiction: its display name and what to link to, resolved in the same statement by
 * one LEFT JOIN per kind of record (primary-key look-ups on the page's rows only).
 */
export async function auditPage(pool: Pool, me: Principal, q: AuditFilters) {
  await flushReads(pool);
  const after = decodeCursor(q.cursor, ['int']);
  const covers = (alias: string) =>
    me.scope.covers(sql.raw(`${alias}.unit_code`), sql.raw(`${alias}.province_code`));
  const rows = await query<AuditRow>(
    pool,
    sql`WITH e AS (
          SELECT id, at, actor_id, actor_username, action, entity, entity_id, ip, detail
            FROM audit_events a
           WHERE (${me.scope.covers(sql`a.unit_code`, sql`a.province_code`)}
                  OR ${me.scope.covers(sql`a.actor_unit_code`, sql`a.actor_province_code`)})
             ${q.actor ? sql`AND actor_username = ${q.actor.trim().toLowerCase()}` : sql``}
             ${q.entity ? sql`AND entity = ${q.entity}` : sql``}
             ${q.entityId ? sql`AND entity_id = ${q.entityId}` : sql``}
             ${q.action ? sql`AND action = ${q.action}` : sql``}
             ${after ? sql`AND id < ${after[0]}` : sql``}
           ORDER BY id DESC LIMIT ${q.limit + 1})
        SELECT e.id, e.at, e.actor_id AS "actorId", e.actor_username AS "actorUsername", e.action, e.entity,
               e.entity_id AS "entityId", e.ip, e.detail,
               CASE WHEN p.id IS NOT NULL OR kp.id IS NOT NULL OR tp.id IS NOT NULL THEN 'person'
                    WHEN c.id IS NOT NULL THEN 'case'
                    WHEN cl.id IS NOT NULL OR zc.id IS NOT NULL THEN 'cluster'
                    WHEN pl.id IS NOT NULL THEN 'pool'
                    WHEN acc.id IS NOT NULL THEN 'account'
                    WHEN tok.id IS NOT NULL THEN 'api_token'
                    WHEN ct.code IS NOT NULL THEN 'care_tier' END AS "targetType",
               COALESCE(COALESCE(p.id, kp.id, tp.id, c.id, cl.id, zc.id, pl.id, acc.id, tok.id)::text,
                        CASE WHEN ct.code IS NOT NULL THEN e.entity_id END) AS "targetId",
               COALESCE(p.full_name, kp.full_name, tp.full_name, cp.full_name, cl.name, zc.name, acc.username,
                        tok.name, ct.name) AS "targetName"
          FROM e
          LEFT JOIN persons p ON p.id = ${idOf('person')} AND ${covers('p')}
          LEFT JOIN cases c ON c.id = ${idOf('case')} AND ${covers('c')}
          LEFT JOIN persons cp ON cp.id = c.person_id AND cp.province_code = c.province_code
          LEFT JOIN contacts k ON k.id = ${idOf('contact')}
                AND (${covers('k')} OR ${me.scope.covers(sql`k.case_unit_code`, sql`k.case_province_code`)})
          LEFT JOIN persons kp ON kp.id = k.person_id AND kp.province_code = k.province_code
          LEFT JOIN lab_tests t ON t.id = ${idOf('lab_test')} AND ${covers('t')}
          LEFT JOIN persons tp ON tp.id = t.person_id AND tp.province_code = t.province_code
          LEFT JOIN lab_tests pl ON pl.id = ${idOf('lab_test_pool')} AND ${covers('pl')}
          LEFT JOIN clusters cl ON cl.id = ${idOf('cluster')} AND ${covers('cl')}
          LEFT JOIN lockdown_zones z ON z.id = ${idOf('lockdown_zone')}
          LEFT JOIN clusters zc ON zc.id = z.cluster_id AND zc.province_code = z.province_code AND ${covers('zc')}
          LEFT JOIN LATERAL (
                SELECT x.id, x.username FROM accounts x
                  LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = x.unit_code
                 WHERE x.id = ${idOf('account')}
                   AND ${me.scope.isCountry ? sql`TRUE` : sql`NOT x.national AND ${me.scope.covers(sql`u.code`, sql`u.province_code`)}`}
                ) acc ON TRUE
          LEFT JOIN api_tokens tok ON tok.id = ${idOf('api_token')}
          LEFT JOIN care_tiers ct ON e.entity = 'care_tier' AND ct.province_code || ':' || ct.code = e.entity_id
         ORDER BY e.id DESC`,
  );
  const page = pageOf(rows, q.limit, (r) => [r.id]);
  return {
    ...page,
    items: page.items.map(({ targetType, targetId, targetName, ...event }) => ({
      ...event,
      target: targetType && targetId ? { type: targetType, id: targetId, name: targetName } : null,
    })),
  };
}
