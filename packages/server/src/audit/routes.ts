import { Type } from 'typebox';
import { query, sql } from '../db/sql.ts';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { DEFAULT_LIMIT, decodeCursor, PageQuery, pageOf } from '../http/pagination.ts';
import { flushReads } from './audit.ts';

/**
 * The audit log, newest first, for administrators. Scoped like every other record: an event
 * belongs to its actor's unit and to its record's place, and an administrator sees the events
 * either of which lies inside their jurisdiction.
 */
export const auditRoutes: Capability = async (app, { pool }) => {
  app.get(
    '/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        querystring: Type.Object({
          actor: Type.Optional(Type.String({ maxLength: 100 })),
          entity: Type.Optional(Type.String({ maxLength: 50 })),
          entityId: Type.Optional(Type.String({ maxLength: 100 })),
          action: Type.Optional(Type.String({ maxLength: 50 })),
          ...PageQuery,
        }),
      },
    },
    async (request) => {
      const me = principal(request);
      // Reads queued in memory are written first, so that the log shows everything up to now.
      await flushReads(pool);
      const q = request.query as {
        actor?: string;
        entity?: string;
        entityId?: string;
        action?: string;
        cursor?: string;
        limit?: number;
      };
      const limit = q.limit ?? DEFAULT_LIMIT;
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
             ORDER BY id DESC LIMIT ${limit + 1}`,
      );
      return pageOf(rows, limit, (r) => [r.id]);
    },
  );
};
