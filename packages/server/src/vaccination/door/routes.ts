import { TEXT_LIMITS } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { DateString } from '../../http/time.ts';
import { doorPdf, doorWorkbook } from './print.ts';
import {
  type DoorQuery,
  doorList,
  doorPrintList,
  doorVillages,
  MARKS,
  type MarkInput,
  markPerson,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** A commune inside the jurisdiction (default the caller's), a village of it, a day (default today). */
const ListFields = {
  unit: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })),
  /** The last part of the addresses ("Bản Nà Bó", "tổ dân phố 3"); empty: people without an address. */
  village: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.address })),
  asOf: Type.Optional(DateString()),
  /** Also people whose dose falls due within this many days. */
  within: Type.Optional(Type.Integer({ minimum: 0, maximum: 90 })),
};

const ListQuery = Type.Object({
  ...ListFields,
  cursor: Type.Optional(Type.String({ maxLength: 1000 })),
  /** Households per page. */
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

const PrintQuery = Type.Object(ListFields);

const MarkBody = Type.Object(
  {
    mark: Type.Enum(MARKS),
    givenOn: Type.Optional(DateString()),
    /** Mũi 1 to 6, as the dose form takes them. */
    doseNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 6 })),
    product: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.name })),
    lot: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.ref })),
    site: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.site })),
    reason: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
    until: Type.Optional(DateString()),
    onDate: Type.Optional(DateString()),
  },
  { additionalProperties: false },
);

/**
 * Door-to-door lists (issue 9 §5): who is due or overdue for their next dose in a commune or a
 * village, by household; the same as XLSX and PDF to print; a mobile team's mark on each person.
 */
export const doorRoutes: Capability = async (app, { pool }) => {
  const read = { access: 'vaccination.read' as const };

  app.get(
    '/vaccination/door',
    { config: read, schema: { tags: ['vaccination'], querystring: ListQuery } },
    async (request) => doorList(pool, principal(request), request, request.query as DoorQuery),
  );

  app.get(
    '/vaccination/door/villages',
    {
      config: read,
      schema: { tags: ['vaccination'], querystring: Type.Object({ unit: ListFields.unit }) },
    },
    async (request) => doorVillages(pool, principal(request), request.query as { unit?: string }),
  );

  app.get(
    '/vaccination/door.xlsx',
    { config: read, schema: { tags: ['vaccination'], querystring: PrintQuery } },
    async (request, reply) => {
      const list = await doorPrintList(pool, principal(request), request, request.query as DoorQuery);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="danh-sach-di-tung-nha.xlsx"')
        .send(await doorWorkbook(list));
    },
  );

  app.get(
    '/vaccination/door.pdf',
    { config: read, schema: { tags: ['vaccination'], querystring: PrintQuery } },
    async (request, reply) => {
      const list = await doorPrintList(pool, principal(request), request, request.query as DoorQuery);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'attachment; filename="danh-sach-di-tung-nha.pdf"')
        .send(await doorPdf(list));
    },
  );

  app.post(
    '/persons/:id/door-marks',
    {
      config: { access: 'vaccination.write' },
      schema: { tags: ['vaccination'], params: IdParams, body: MarkBody },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const out = await markPerson(pool, principal(request), request, id, request.body as MarkInput);
      return reply.code(201).send(out);
    },
  );
};
