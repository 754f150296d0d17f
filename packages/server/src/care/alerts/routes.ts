import { TEXT_LIMITS } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { PageQuery } from '../../http/pagination.ts';
import { type BoardQuery, board, dismissAlert, transferAlert } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const BoardQuerySchema = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })),
  ...PageQuery,
  /** The position in the unreachable list (the alerts use `cursor`). */
  silentCursor: Type.Optional(Type.String({ maxLength: 500 })),
});

const DismissBody = Type.Object(
  { note: Type.String({ maxLength: TEXT_LIMITS.note }) },
  { additionalProperties: false },
);

const TransferBody = Type.Object(
  {
    facilityId: Type.String({ format: 'uuid' }),
    note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
  },
  { additionalProperties: false },
);

/** The health station's alert board (issue 10 §3): open alerts, unreachable people, and their handling. */
export const alertRoutes: Capability = async (app, { pool }) => {
  app.get(
    '/care/board',
    { config: { access: 'care.read' }, schema: { tags: ['care'], querystring: BoardQuerySchema } },
    async (request) => board(pool, principal(request), request, request.query as BoardQuery),
  );

  app.post(
    '/care/alerts/:id/dismiss',
    { config: { access: 'care.write' }, schema: { tags: ['care'], params: IdParams, body: DismissBody } },
    async (request) => {
      const { id } = request.params as { id: string };
      return dismissAlert(pool, principal(request), request, id, request.body as { note: string });
    },
  );

  app.post(
    '/care/alerts/:id/transfer',
    { config: { access: 'care.write' }, schema: { tags: ['care'], params: IdParams, body: TransferBody } },
    async (request) => {
      const { id } = request.params as { id: string };
      return transferAlert(
        pool,
        principal(request),
        request,
        id,
        request.body as { facilityId: string; note?: string },
      );
    },
  );
};
