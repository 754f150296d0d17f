import { TEXT_LIMITS } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { DEFAULT_LIMIT, PageQuery } from '../../http/pagination.ts';
import { DateString } from '../../http/time.ts';
import {
  type CorrectionInput,
  correctDose,
  type DoseInput,
  pendingReviews,
  personDoses,
  type ReviewInput,
  recordDose,
  reviewDose,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Mũi 1 to 6: two primary doses, an additional dose, boosters; more is a typing error. */
const DoseNumber = Type.Integer({ minimum: 1, maximum: 6 });
const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

const DoseFields = {
  kind: Type.Optional(Type.Enum(['primary', 'additional', 'booster'] as const)),
  /** A product code (packages/domain vaccination/products.ts) or its name as people write it. */
  product: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.name }),
  lot: Text(TEXT_LIMITS.ref),
  givenOn: DateString(),
  site: Text(TEXT_LIMITS.site),
  /** Mã mũi tiêm of the national platform (empty: not synced yet). */
  nationalId: Text(TEXT_LIMITS.ref),
};

const DoseBody = Type.Object({ doseNumber: DoseNumber, ...DoseFields }, { additionalProperties: false });

const CorrectionBody = Type.Object(
  {
    doseNumber: Type.Optional(DoseNumber),
    kind: DoseFields.kind,
    product: Type.Optional(DoseFields.product),
    lot: DoseFields.lot,
    givenOn: Type.Optional(DateString()),
    site: DoseFields.site,
    nationalId: DoseFields.nationalId,
    reason: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.note }),
  },
  { additionalProperties: false },
);

const ReviewBody = Type.Object(
  {
    decision: Type.Enum(['accepted', 'rejected'] as const),
    note: Text(TEXT_LIMITS.note),
  },
  { additionalProperties: false },
);

const ReviewQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })),
  ...PageQuery,
});

/** A person's doses: recorded, corrected, reviewed (issue 9, "Record doses"). */
export const doseRoutes: Capability = async (app, { pool }) => {
  app.post(
    '/persons/:id/doses',
    {
      config: { access: 'vaccination.write' },
      schema: { tags: ['vaccination'], params: IdParams, body: DoseBody },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const dose = await recordDose(pool, principal(request), request, id, request.body as DoseInput);
      return reply.code(201).send(dose);
    },
  );

  app.get(
    '/persons/:id/doses',
    { config: { access: 'vaccination.read' }, schema: { tags: ['vaccination'], params: IdParams } },
    async (request) => {
      const { id } = request.params as { id: string };
      return personDoses(pool, principal(request), request, id);
    },
  );

  app.post(
    '/doses/:id/correct',
    {
      config: { access: 'vaccination.write' },
      schema: { tags: ['vaccination'], params: IdParams, body: CorrectionBody },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const dose = await correctDose(pool, principal(request), request, id, request.body as CorrectionInput);
      return reply.code(201).send(dose);
    },
  );

  app.post(
    '/doses/:id/review',
    {
      config: { access: 'vaccination.manage' },
      schema: { tags: ['vaccination'], params: IdParams, body: ReviewBody },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return reviewDose(pool, principal(request), request, id, request.body as ReviewInput);
    },
  );

  app.get(
    '/vaccination/reviews',
    { config: { access: 'vaccination.manage' }, schema: { tags: ['vaccination'], querystring: ReviewQuery } },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...q } = request.query as {
        unit?: string;
        cursor?: string;
        limit?: number;
      };
      return pendingReviews(pool, principal(request), request, { ...q, limit });
    },
  );
};
