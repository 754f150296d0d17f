import { CALLER_WARNING_SIGNS, HOTLINE_KINDS, TEXT_LIMITS } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { PageQuery } from '../../http/pagination.ts';
import {
  assignRequest,
  type BoardQuery,
  createOperatorRequest,
  createPublicRequest,
  hotlineBoard,
  publicNumbers,
  publicUnits,
  type RequestInput,
  resolveRequest,
  setNumbers,
} from './service.ts';

/** Public requests one client address may send per minute (households behind one carrier NAT share one). */
export const PUBLIC_REQUEST_LIMIT = 10;
/** Public look-ups of the published numbers per client address per minute. */
export const PUBLIC_NUMBERS_LIMIT = 60;

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

// Lenient on purpose: missing or wrong fields are all named at once by the service (Problem list).
const requestFields = {
  callerName: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.personName })),
  phone: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.phone })),
  unitCode: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })),
  address: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.address })),
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  detail: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
  warningSigns: Type.Optional(
    Type.Array(Type.String({ maxLength: 30 }), { maxItems: CALLER_WARNING_SIGNS.length }),
  ),
  inIsolation: Type.Optional(Type.Boolean()),
};

const PublicBody = Type.Object(requestFields, { additionalProperties: false });
const OperatorBody = Type.Object(
  { ...requestFields, personId: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: false },
);

const BoardQuerySchema = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })),
  status: Type.Optional(Type.Enum(['active', 'open', 'assigned', 'resolved', 'cancelled'])),
  kind: Type.Optional(Type.Enum(HOTLINE_KINDS)),
  overdue: Type.Optional(Type.Boolean()),
  ...PageQuery,
});

/**
 * Hotline requests (issue 10 §4): a public form and the operators' calls, routed to the commune
 * team of the residence, a board by priority and age with due times, overdue ones raised to the
 * district; the numbers each unit publishes.
 */
export const hotlineRoutes: Capability = async (app, { pool }) => {
  const handle = { access: 'hotline.handle' as const };

  app.post(
    '/public/hotline-requests',
    {
      config: {
        access: 'public',
        rateLimit: { max: PUBLIC_REQUEST_LIMIT, timeWindow: '1 minute' },
      },
      schema: { tags: ['hotline'], body: PublicBody },
    },
    async (request, reply) =>
      reply.code(201).send(await createPublicRequest(pool, request.body as RequestInput)),
  );

  app.get(
    '/public/hotline-numbers',
    {
      config: { access: 'public', rateLimit: { max: PUBLIC_NUMBERS_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['hotline'],
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })) }),
      },
    },
    async (request, reply) => {
      const { unit } = request.query as { unit?: string };
      // Published numbers change rarely; a phone on a weak network may keep them a few minutes.
      reply.header('cache-control', 'public, max-age=300');
      return publicNumbers(pool, unit);
    },
  );

  app.get(
    '/public/units',
    {
      config: { access: 'public', rateLimit: { max: PUBLIC_NUMBERS_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['hotline'],
        querystring: Type.Object({ parent: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })) }),
      },
    },
    async (request, reply) => {
      const { parent } = request.query as { parent?: string };
      // The unit tree is public reference data that changes once in years.
      reply.header('cache-control', 'public, max-age=3600');
      return publicUnits(pool, parent);
    },
  );

  app.post(
    '/hotline-requests',
    { config: handle, schema: { tags: ['hotline'], body: OperatorBody } },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createOperatorRequest(pool, principal(request), request, request.body as RequestInput)),
  );

  app.get(
    '/hotline-requests',
    { config: handle, schema: { tags: ['hotline'], querystring: BoardQuerySchema } },
    async (request) => hotlineBoard(pool, principal(request), request, request.query as BoardQuery),
  );

  app.post(
    '/hotline-requests/:id/assign',
    {
      config: handle,
      schema: {
        tags: ['hotline'],
        params: IdParams,
        body: Type.Object(
          { assignedTo: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.name }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const { assignedTo } = request.body as { assignedTo: string };
      return assignRequest(pool, principal(request), request, id, assignedTo);
    },
  );

  app.post(
    '/hotline-requests/:id/resolve',
    {
      config: handle,
      schema: {
        tags: ['hotline'],
        params: IdParams,
        body: Type.Object(
          { resolution: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.note }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const { resolution } = request.body as { resolution: string };
      return resolveRequest(pool, principal(request), request, id, resolution);
    },
  );

  app.put(
    '/units/:code/hotline-numbers',
    {
      config: handle,
      schema: {
        tags: ['hotline'],
        params: Type.Object({ code: Type.String({ maxLength: TEXT_LIMITS.unitCode }) }),
        body: Type.Object(
          {
            numbers: Type.Array(
              Type.Object(
                {
                  phone: Type.String({ maxLength: TEXT_LIMITS.phone }),
                  label: Type.String({ maxLength: TEXT_LIMITS.name }),
                },
                { additionalProperties: false },
              ),
              { maxItems: 10 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      const { numbers } = request.body as { numbers: { phone: string; label: string }[] };
      return setNumbers(pool, principal(request), request, code, numbers);
    },
  );
};
