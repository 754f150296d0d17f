import { Type } from 'typebox';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { DEFAULT_LIMIT, PageQuery } from '../http/pagination.ts';
import { type AuditFilters, auditPage } from './queries.ts';

/** The audit log, newest first, for administrators of a jurisdiction (see auditPage). */
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
      const { limit = DEFAULT_LIMIT, ...filters } = request.query as Omit<AuditFilters, 'limit'> & {
        limit?: number;
      };
      return auditPage(pool, principal(request), { ...filters, limit });
    },
  );
};
