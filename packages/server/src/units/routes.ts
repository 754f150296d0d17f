import { Type } from 'typebox';
import type { Capability } from '../http/capability.ts';
import { notFound } from '../http/errors.ts';
import { DEFAULT_LIMIT, PageQuery } from '../http/pagination.ts';
import { unitPage, unitWithFamily } from './queries.ts';

/** Administrative units are reference data: every account may read the whole tree. */
export const unitRoutes: Capability = async (app, { pool }) => {
  const access = { access: 'unit.read' as const, jurisdiction: 'none' as const };

  app.get(
    '/units',
    {
      config: access,
      schema: {
        tags: ['units'],
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          parent: Type.Optional(Type.String({ maxLength: 10 })),
          level: Type.Optional(
            Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]),
          ),
          ...PageQuery,
        }),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...search } = request.query as {
        q?: string;
        parent?: string;
        level?: string;
        cursor?: string;
        limit?: number;
      };
      return unitPage(pool, { ...search, limit });
    },
  );

  app.get(
    '/units/:code',
    {
      config: access,
      schema: { tags: ['units'], params: Type.Object({ code: Type.String({ maxLength: 10 }) }) },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      const unit = await unitWithFamily(pool, code);
      if (!unit) throw notFound(`Không có đơn vị hành chính mã ${code}`);
      return unit;
    },
  );
};
