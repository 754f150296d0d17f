import { FOUND_BY, PoolInput, TEST_RESULTS, TestInput } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { DEFAULT_LIMIT, PageQuery } from '../http/pagination.ts';
import { DateString } from '../http/time.ts';
import { runImport } from '../imports/pipeline.ts';
import { importColumnsRoute, importTemplateRoute } from '../imports/template.ts';
import { acceptUploads, ImportQuery } from '../imports/upload.ts';
import { resultsImport, TEST_IMPORT_COLUMNS } from './import.ts';
import type { TestFilters } from './queries.ts';
import {
  createTestPool,
  type Judgement,
  listTests,
  type PoolResultInput,
  poolDetail,
  recordPoolResult,
  recordTestResult,
  registerTest,
  retestWorklist,
  type TestResultInput,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** What a result needs besides the test itself to judge it, and how a confirmed case was found. */
const JudgementFields = {
  symptomatic: Type.Optional(Type.Boolean()),
  epidemiologicalLink: Type.Optional(Type.Boolean()),
  foundBy: Type.Optional(Type.Enum(FOUND_BY)),
};

const TestBody = Type.Object(
  { ...TestInput.properties, ...JudgementFields },
  { additionalProperties: false },
);
const ResultBody = Type.Object(
  { result: Type.Enum(TEST_RESULTS), resultedAt: TestInput.properties.sampledAt, ...JudgementFields },
  { additionalProperties: false },
);
const PoolResultBody = Type.Object(
  {
    result: Type.Enum(['positive', 'negative', 'invalid'] as const),
    resultedAt: TestInput.properties.sampledAt,
  },
  { additionalProperties: false },
);

const TestFilterQuery = Type.Object({
  person: Type.Optional(Type.String({ format: 'uuid' })),
  unit: Type.Optional(Type.String({ maxLength: 10 })),
  result: Type.Optional(Type.Enum(TEST_RESULTS)),
  from: Type.Optional(DateString()),
  to: Type.Optional(DateString()),
  ...PageQuery,
});

export const labTestRoutes: Capability = async (app, { pool }) => {
  await acceptUploads(app);

  app.post(
    '/tests',
    { config: { access: 'case.write' }, schema: { tags: ['tests'], body: TestBody } },
    async (request, reply) => {
      const body = request.body as TestInput & Judgement;
      const { status, out } = await registerTest(pool, principal(request), request, body);
      return reply.code(status).send(out);
    },
  );

  app.patch(
    '/tests/:id',
    { config: { access: 'case.write' }, schema: { tags: ['tests'], params: IdParams, body: ResultBody } },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as TestResultInput & Judgement;
      return recordTestResult(pool, principal(request), request, id, body);
    },
  );

  app.get(
    '/tests',
    { config: { access: 'case.read' }, schema: { tags: ['tests'], querystring: TestFilterQuery } },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...q } = request.query as Omit<TestFilters, 'limit'> & {
        limit?: number;
      };
      return listTests(pool, principal(request), request, { ...q, limit });
    },
  );

  app.post(
    '/tests/pools',
    { config: { access: 'case.write' }, schema: { tags: ['tests'], body: PoolInput } },
    async (request, reply) => {
      const created = await createTestPool(pool, principal(request), request, request.body as PoolInput);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/tests/pools/:id',
    { config: { access: 'case.write' }, schema: { tags: ['tests'], params: IdParams, body: PoolResultBody } },
    async (request) => {
      const { id } = request.params as { id: string };
      return recordPoolResult(pool, principal(request), request, id, request.body as PoolResultInput);
    },
  );

  app.get(
    '/tests/pools/:id',
    { config: { access: 'case.read' }, schema: { tags: ['tests'], params: IdParams } },
    async (request) => {
      const { id } = request.params as { id: string };
      return poolDetail(pool, principal(request), request, id);
    },
  );

  app.get(
    '/tests/worklist',
    {
      config: { access: 'case.read' },
      schema: {
        tags: ['tests'],
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 10 })), ...PageQuery }),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...q } = request.query as {
        unit?: string;
        cursor?: string;
        limit?: number;
      };
      return retestWorklist(pool, principal(request), request, { ...q, limit });
    },
  );

  app.post(
    '/tests/import',
    {
      config: { access: 'case.write' },
      schema: { tags: ['tests'], querystring: ImportQuery, consumes: ['multipart/form-data'] },
    },
    async (request) => {
      const { partial = false } = request.query as { partial?: boolean };
      return runImport(pool, request, principal(request), resultsImport(request), partial);
    },
  );

  app.get('/tests/import/columns', ...importColumnsRoute(TEST_IMPORT_COLUMNS, 'tests'));
  app.get(
    '/tests/import/template.xlsx',
    ...importTemplateRoute(TEST_IMPORT_COLUMNS, 'tests', 'mau-nhap-ket-qua-xet-nghiem.xlsx'),
  );
};
