import { PersonPatch, TEXT_LIMITS } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { DEFAULT_LIMIT, PageQuery } from '../../http/pagination.ts';
import { PROBLEM_STATUSES, type ProblemStatus } from './queries.ts';
import {
  cleaningCounts,
  confirmProblem,
  correctProblem,
  listProblems,
  mergePersons,
  problemDetail,
  scanUnit,
  undoMerge,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Unit = Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode }));

const ListQuery = Type.Object({
  unit: Unit,
  /** A problem kind (invalid_id, missing_id, impossible_date, dose_sequence, duplicate_name, duplicate_phone). */
  kind: Type.Optional(Type.String({ maxLength: 32 })),
  status: Type.Optional(Type.Enum(PROBLEM_STATUSES)),
  ...PageQuery,
});

const ScanBody = Type.Object(
  { unitCode: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.unitCode }) },
  {
    additionalProperties: false,
  },
);

const CorrectBody = Type.Object(
  {
    /** Which person of a pair is corrected (default: the problem's person). */
    personId: Type.Optional(Type.String({ format: 'uuid' })),
    person: Type.Intersect([PersonPatch, Type.Object({}, { minProperties: 1 })]),
  },
  { additionalProperties: false },
);

const ConfirmBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })) },
  { additionalProperties: false },
);

const MergeBody = Type.Object(
  {
    survivorId: Type.String({ format: 'uuid' }),
    mergedId: Type.String({ format: 'uuid' }),
    reason: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.note })),
  },
  { additionalProperties: false },
);

/**
 * Vaccination data cleaning (issue 9 §6): counts per unit with progress, the problems to verify,
 * and the workflow that closes them (correct, confirm, merge two records of one person, undo).
 */
export const cleaningRoutes: Capability = async (app, { pool }) => {
  const manage = { access: 'vaccination.manage' as const };
  const tags = ['vaccination'];

  app.get(
    '/vaccination/cleaning/counts',
    {
      config: { access: 'vaccination.read' },
      schema: { tags, querystring: Type.Object({ unit: Unit }) },
    },
    async (request) => cleaningCounts(pool, principal(request), request.query as { unit?: string }),
  );

  app.post(
    '/vaccination/cleaning/scan',
    { config: manage, schema: { tags, body: ScanBody } },
    async (request) =>
      scanUnit(pool, principal(request), request, (request.body as { unitCode: string }).unitCode),
  );

  app.get(
    '/vaccination/cleaning/problems',
    { config: manage, schema: { tags, querystring: ListQuery } },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...q } = request.query as {
        unit?: string;
        kind?: string;
        status?: ProblemStatus;
        cursor?: string;
        limit?: number;
      };
      return listProblems(pool, principal(request), request, { ...q, limit });
    },
  );

  app.get(
    '/vaccination/cleaning/problems/:id',
    { config: manage, schema: { tags, params: IdParams } },
    async (request) =>
      problemDetail(pool, principal(request), request, (request.params as { id: string }).id),
  );

  app.post(
    '/vaccination/cleaning/problems/:id/correct',
    { config: manage, schema: { tags, params: IdParams, body: CorrectBody } },
    async (request) =>
      correctProblem(
        pool,
        principal(request),
        request,
        (request.params as { id: string }).id,
        request.body as { person: PersonPatch; personId?: string },
      ),
  );

  app.post(
    '/vaccination/cleaning/problems/:id/confirm',
    { config: manage, schema: { tags, params: IdParams, body: ConfirmBody } },
    async (request) =>
      confirmProblem(
        pool,
        principal(request),
        request,
        (request.params as { id: string }).id,
        (request.body ?? {}) as { note?: string },
      ),
  );

  app.post(
    '/vaccination/cleaning/merges',
    { config: manage, schema: { tags, body: MergeBody } },
    async (request, reply) => {
      const merge = await mergePersons(
        pool,
        principal(request),
        request,
        request.body as { survivorId: string; mergedId: string; reason?: string },
      );
      return reply.code(201).send(merge);
    },
  );

  app.post(
    '/vaccination/cleaning/merges/:id/undo',
    { config: manage, schema: { tags, params: IdParams } },
    async (request) => undoMerge(pool, principal(request), request, (request.params as { id: string }).id),
  );
};
