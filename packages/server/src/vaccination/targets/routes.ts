import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { DateString } from '../../http/time.ts';
import {
  changeTarget,
  createTarget,
  listPopulationTargets,
  listTargets,
  removePopulationTarget,
  removeTarget,
  setPopulationTarget,
  type TargetChange,
  type TargetInput,
} from './service.ts';

const tags = ['vaccination'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const PopulationParams = Type.Object({
  unitCode: Type.String({ maxLength: 10 }),
  ageGroup: Type.String({ maxLength: 8 }),
});
const TargetRate = Type.Number({ minimum: 0, maximum: 100 });
const Note = Type.String({ maxLength: 500 });

/**
 * Coverage targets (a rate per unit, group and dose, by a deadline) and official target
 * populations: read with vaccination.read, set by vaccination.manage inside the jurisdiction.
 */
export const targetRoutes: Capability = async (app, { pool }) => {
  app.get(
    '/vaccination/targets',
    {
      config: { access: 'vaccination.read' },
      schema: {
        tags,
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: 10 })),
          ageGroup: Type.Optional(Type.String({ maxLength: 8 })),
          dose: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
        }),
      },
    },
    async (request) => listTargets(pool, principal(request), request.query as never),
  );

  app.post(
    '/vaccination/targets',
    {
      config: { access: 'vaccination.manage' },
      schema: {
        tags,
        body: Type.Object(
          {
            unitCode: Type.String({ maxLength: 10 }),
            ageGroup: Type.String({ maxLength: 8 }),
            dose: Type.Integer({ minimum: 1, maximum: 4 }),
            targetRate: TargetRate,
            deadline: DateString(),
            note: Type.Optional(Note),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const target = await createTarget(pool, principal(request), request, request.body as TargetInput);
      return reply.code(201).send(target);
    },
  );

  app.patch(
    '/vaccination/targets/:id',
    {
      config: { access: 'vaccination.manage' },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          {
            targetRate: Type.Optional(TargetRate),
            deadline: Type.Optional(DateString()),
            note: Type.Optional(Note),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return changeTarget(pool, principal(request), request, id, request.body as TargetChange);
    },
  );

  app.delete(
    '/vaccination/targets/:id',
    { config: { access: 'vaccination.manage' }, schema: { tags, params: IdParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await removeTarget(pool, principal(request), request, id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/vaccination/population-targets',
    {
      config: { access: 'vaccination.read' },
      schema: {
        tags,
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: 10 })),
          ageGroup: Type.Optional(Type.String({ maxLength: 8 })),
        }),
      },
    },
    async (request) => listPopulationTargets(pool, principal(request), request.query as never),
  );

  app.put(
    '/vaccination/population-targets/:unitCode/:ageGroup',
    {
      config: { access: 'vaccination.manage' },
      schema: {
        tags,
        params: PopulationParams,
        body: Type.Object(
          {
            population: Type.Integer({ minimum: 1, maximum: 200_000_000 }),
            source: Type.Optional(Type.String({ maxLength: 300 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { unitCode, ageGroup } = request.params as { unitCode: string; ageGroup: string };
      return setPopulationTarget(
        pool,
        principal(request),
        request,
        unitCode,
        ageGroup,
        request.body as never,
      );
    },
  );

  app.delete(
    '/vaccination/population-targets/:unitCode/:ageGroup',
    { config: { access: 'vaccination.manage' }, schema: { tags, params: PopulationParams } },
    async (request, reply) => {
      const { unitCode, ageGroup } = request.params as { unitCode: string; ageGroup: string };
      await removePopulationTarget(pool, principal(request), request, unitCode, ageGroup);
      return reply.code(204).send();
    },
  );
};
