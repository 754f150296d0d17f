import { Type } from 'typebox';
import { query, sql } from '../db/sql.ts';
import type { Capability } from '../http/capability.ts';
import { DEFAULT_LIMIT, decodeCursor, PageQuery, pageOf } from '../http/pagination.ts';

/** The audit log, newest first, for administrators. */
export const auditRoutes: Capability = async (app, { pool }) => {
  app.get(
    '/audit',
    {
      config: { access: 'audit.read', jurisdiction: 'none' },
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
      const q = request.query as {
        actor?: string;
        entity?: string;
        entityId?: string;
        action?: string;
        cursor?: string;
        limit?: number;
      };
      const limit = q.limit ?? DEFAULT_LIMIT;
      const after = decodeCursor(q.cursor, 1) as [number] | undefined;
      const rows = await query<{ id: number }>(
        pool,
        sql`SELECT id, at, actor_id AS "actorId", actor_username AS "actorUsername", action, entity,
                   entity_id AS "entityId", ip, detail
              FROM audit_events
             WHERE TRUE
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
