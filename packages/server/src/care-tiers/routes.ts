import { Type } from 'typebox';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { type CareTierChange, careTiers, saveCareTier } from './service.ts';

const ProvinceQuery = Type.Object({
  /** A province code; default: the caller's province ('00' for a national account: the defaults). */
  province: Type.Optional(Type.String({ maxLength: 10 })),
});

/**
 * Care tiers (tầng điều trị) are data a province changes: reference data every account reads,
 * changed by the province's administrator.
 */
export const careTierRoutes: Capability = async (app, { pool }) => {
  app.get(
    '/care-tiers',
    {
      config: { access: 'authenticated', jurisdiction: 'none' },
      schema: { tags: ['care-tiers'], querystring: ProvinceQuery },
    },
    async (request) => {
      const { province } = request.query as { province?: string };
      return careTiers(pool, principal(request), province);
    },
  );

  app.put(
    '/care-tiers/:code',
    {
      config: { access: 'user.admin' },
      schema: {
        tags: ['care-tiers'],
        params: Type.Object({ code: Type.String({ maxLength: 30 }) }),
        querystring: ProvinceQuery,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 100 })),
            tier: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      const { province } = request.query as { province?: string };
      return saveCareTier(pool, principal(request), request, code, province, request.body as CareTierChange);
    },
  );
};
