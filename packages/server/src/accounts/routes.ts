import { ROLES } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { DEFAULT_LIMIT, PageQuery } from '../http/pagination.ts';
import { accountPage, agencies } from './queries.ts';
import {
  type AccountPatch,
  accountOut,
  createAccount,
  type NewAccount,
  resetPassword,
  updateAccount,
} from './service.ts';

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/**
 * Account administration, scoped like every record: an administrator manages the accounts of
 * their own jurisdiction, gives units inside it and roles no higher than their own.
 */
export const accountRoutes: Capability = async (app, { pool }) => {
  app.get(
    '/users',
    {
      config: { access: 'user.admin' },
      schema: {
        tags: ['accounts'],
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery }),
      },
    },
    async (request) => {
      const {
        q,
        cursor,
        limit = DEFAULT_LIMIT,
      } = request.query as { q?: string; cursor?: string; limit?: number };
      const page = await accountPage(pool, principal(request), { q, cursor, limit });
      return { items: page.items.map(accountOut), next: page.next };
    },
  );

  app.post(
    '/users',
    {
      config: { access: 'user.admin' },
      schema: {
        tags: ['accounts'],
        body: Type.Object({
          username: Type.String({ maxLength: 50 }),
          password: Type.String({ maxLength: 200 }),
          role: RoleSchema,
          unitCode: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
          national: Type.Optional(Type.Boolean()),
          agencyCode: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
          fullName: Type.Optional(Type.String({ maxLength: 100 })),
        }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createAccount(pool, principal(request), request, request.body as NewAccount)),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'user.admin' },
      schema: {
        tags: ['accounts'],
        params: IdParams,
        body: Type.Object({
          fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          role: Type.Optional(RoleSchema),
          unitCode: Type.Optional(Type.String({ maxLength: 10 })),
          national: Type.Optional(Type.Boolean()),
          agencyCode: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
          disabled: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return updateAccount(pool, principal(request), request, id, request.body as AccountPatch);
    },
  );

  app.post(
    '/users/:id/password',
    {
      config: { access: 'user.admin' },
      schema: {
        tags: ['accounts'],
        params: IdParams,
        body: Type.Object({ password: Type.String({ maxLength: 200 }) }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await resetPassword(
        pool,
        principal(request),
        request,
        id,
        (request.body as { password: string }).password,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/agencies',
    {
      config: { access: 'authenticated', jurisdiction: 'none' },
      schema: {
        tags: ['accounts'],
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
    },
    async (request) => ({ items: await agencies(pool, (request.query as { unit?: string }).unit) }),
  );
};
