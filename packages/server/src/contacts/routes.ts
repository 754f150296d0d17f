import { ContactInput, PersonInput } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { DEFAULT_LIMIT, PageQuery } from '../http/pagination.ts';
import { DateString } from '../http/time.ts';
import { contactPage } from './queries.ts';
import { addContact, addContacts, type ContactBatch } from './service.ts';

const CaseParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** What each person of a batch says of their vaccination: the status, or the doses that decide. */
const DOSES = {
  vaccination: ContactInput.properties.vaccination,
  doses: ContactInput.properties.doses,
  lastDoseOn: ContactInput.properties.lastDoseOn,
};

const BatchBody = Type.Object({
  exposureDate: ContactInput.properties.exposureDate,
  setting: ContactInput.properties.setting,
  vaccination: ContactInput.properties.vaccination,
  people: Type.Array(
    Type.Union([
      Type.Object({ personId: Type.String({ format: 'uuid' }), ...DOSES }),
      // confirmNew: register the person although people who look the same exist (409 possible_duplicate).
      Type.Object({ person: PersonInput, confirmNew: Type.Optional(Type.Boolean()), ...DOSES }),
    ]),
    { minItems: 1, maxItems: 50 },
  ),
});

export const contactRoutes: Capability = async (app, { pool }) => {
  app.post(
    '/cases/:id/contacts',
    {
      config: { access: 'case.write' },
      schema: { tags: ['contacts'], params: CaseParams, body: ContactInput },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const contact = await addContact(pool, principal(request), request, id, request.body as ContactInput);
      return reply.code(201).send(contact);
    },
  );

  app.post(
    '/cases/:id/contacts/batch',
    { config: { access: 'case.write' }, schema: { tags: ['contacts'], params: CaseParams, body: BatchBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const items = await addContacts(pool, principal(request), request, id, request.body as ContactBatch);
      return reply.code(201).send({ items });
    },
  );

  app.get(
    '/contacts',
    {
      config: { access: 'case.read' },
      schema: {
        tags: ['contacts'],
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: 10 })),
          case: Type.Optional(Type.String({ format: 'uuid' })),
          status: Type.Optional(
            Type.Union([Type.Literal('quarantined'), Type.Literal('released'), Type.Literal('positive')]),
          ),
          /** With status=quarantined: in quarantine on this day instead of today. */
          on: Type.Optional(DateString()),
          ...PageQuery,
        }),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...q } = request.query as {
        unit?: string;
        case?: string;
        status?: string;
        on?: string;
        cursor?: string;
        limit?: number;
      };
      return contactPage(pool, principal(request), { ...q, limit });
    },
  );
};
