import { PersonInput, PersonPatch } from '@tuyendau/domain';
import { type TSchema, Type } from 'typebox';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { DEFAULT_LIMIT, PageQuery } from '../http/pagination.ts';
import { DateString } from '../http/time.ts';
import { findPersons } from './queries.ts';
import {
  createHousehold,
  findHouseholds,
  personDetail,
  personRecords,
  registerPerson,
  relocatePerson,
  updatePerson,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** A person to register; `confirmNew` registers them although people who look the same exist. */
const NewPerson = Type.Object(
  {
    ...PersonInput.properties,
    confirmNew: Type.Optional(
      Type.Boolean({ description: 'Đăng ký dù đã có người giống (409 possible_duplicate)' }),
    ),
  },
  { additionalProperties: false },
);
type NewPerson = PersonInput & { confirmNew?: boolean };

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * A person as the API shows it (see personOut). Declared so that Fastify serialises the hot
 * person routes with a compiled serialiser, and OpenAPI shows the shape.
 */
const PersonOut = {
  id: Type.String(),
  fullName: Type.String(),
  birthDate: Type.String(),
  sex: Type.String(),
  idType: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  unitCode: Type.String(),
  unitName: Nullable(Type.String()),
  address: Nullable(Type.String()),
  householdId: Nullable(Type.String()),
  flags: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
const PersonList = Type.Object({
  items: Type.Array(Type.Object(PersonOut)),
  next: Type.Optional(Type.String()),
});
const Member = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  birthDate: Type.String(),
  sex: Type.String(),
});
const PersonDetail = Type.Object({
  ...PersonOut,
  unit: Type.Object({
    code: Type.String(),
    name: Nullable(Type.String()),
    path: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  }),
  household: Type.Optional(
    Type.Object({ id: Type.String(), address: Nullable(Type.String()), members: Type.Array(Member) }),
  ),
});

export const personRoutes: Capability = async (app, { pool }) => {
  app.get(
    '/persons',
    {
      config: { access: 'person.read' },
      schema: {
        tags: ['persons'],
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          unit: Type.Optional(Type.String({ maxLength: 10 })),
          ...PageQuery,
        }),
        response: { 200: PersonList },
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...search } = request.query as {
        q?: string;
        unit?: string;
        cursor?: string;
        limit?: number;
      };
      return findPersons(pool, principal(request), { ...search, limit });
    },
  );

  app.get(
    '/persons/:id',
    {
      config: { access: 'person.read' },
      schema: { tags: ['persons'], params: IdParams, response: { 200: PersonDetail } },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return personDetail(pool, principal(request), request, id);
    },
  );

  app.get(
    '/persons/:id/records',
    {
      // Tests, cases and contacts are surveillance records: a checkpoint reads people, not these.
      config: { access: 'case.read' },
      schema: {
        tags: ['persons'],
        summary: 'Xét nghiệm, mẫu gộp, ca bệnh và lần tiếp xúc của một người (trong địa bàn người xem)',
        params: IdParams,
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return personRecords(pool, principal(request), request, id);
    },
  );

  app.post(
    '/persons',
    { config: { access: 'person.write' }, schema: { tags: ['persons'], body: NewPerson } },
    async (request, reply) => {
      const created = await registerPerson(pool, principal(request), request, request.body as NewPerson);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/persons/:id',
    {
      config: { access: 'person.write' },
      schema: { tags: ['persons'], params: IdParams, body: PersonPatch },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return updatePerson(pool, principal(request), request, id, request.body as PersonPatch);
    },
  );

  app.post(
    '/persons/:id/move',
    {
      config: { access: 'person.write' },
      schema: {
        tags: ['persons'],
        params: IdParams,
        body: Type.Object({
          unitCode: Type.String({ maxLength: 10 }),
          householdId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
          movedOn: Type.Optional(Type.Union([DateString(), Type.Null()])),
        }),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as { unitCode: string; householdId?: string | null; movedOn?: string | null };
      return relocatePerson(pool, principal(request), request, id, body);
    },
  );

  app.get(
    '/households',
    {
      config: { access: 'person.read' },
      schema: {
        tags: ['persons'],
        querystring: Type.Object({
          unit: Type.String({ maxLength: 10 }),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
      },
    },
    async (request) => {
      const { limit = 20, ...rest } = request.query as { unit: string; q?: string; limit?: number };
      return findHouseholds(pool, principal(request), { ...rest, limit });
    },
  );

  app.post(
    '/households',
    {
      config: { access: 'person.write' },
      schema: {
        tags: ['persons'],
        body: Type.Object({
          unitCode: Type.String({ maxLength: 10 }),
          address: Type.Optional(Type.String({ maxLength: 500 })),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body as { unitCode: string; address?: string };
      const household = await createHousehold(pool, principal(request), request, body);
      return reply.code(201).send(household);
    },
  );
};
