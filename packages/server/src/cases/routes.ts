import { CaseInput, checkCaseInput } from '@tuyendau/domain';
import { Type } from 'typebox';
import { chainOfCase } from '../clusters/chain.ts';
import { inTransaction } from '../db/pool.ts';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { notFound, problemsError } from '../http/errors.ts';
import { DEFAULT_LIMIT, PageQuery } from '../http/pagination.ts';
import { DateString, todayInVietnam } from '../http/time.ts';
import { runImport } from '../imports/pipeline.ts';
import { importColumnsRoute, importTemplateRoute } from '../imports/template.ts';
import { acceptUploads, ImportQuery } from '../imports/upload.ts';
import { CountsByUnitQuery, CountsQuery, caseCounts, caseCountsByUnit } from './counts.ts';
import { CASE_IMPORT_COLUMNS, caseImport } from './import.ts';
import { CaseFilters, type CaseFilterValues, casePage } from './list.ts';
import { caseOut } from './queries.ts';
import { type CaseEvent, caseDetail, createCase, exportCases, recordCaseEvent } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const caseRoutes: Capability = async (app, { pool }) => {
  app.post(
    '/cases',
    { config: { access: 'case.write' }, schema: { tags: ['cases'], body: CaseInput } },
    async (request, reply) => {
      const me = principal(request);
      const checked = checkCaseInput(request.body as CaseInput, todayInVietnam());
      if (!checked.ok) throw problemsError(checked.problems);
      const row = await inTransaction(pool, (c) => createCase(c, me, request, checked.value));
      return reply.code(201).send(caseOut(row));
    },
  );

  app.get(
    '/cases',
    {
      config: { access: 'case.read' },
      schema: { tags: ['cases'], querystring: Type.Object({ ...CaseFilters, ...PageQuery }) },
    },
    async (request) => {
      const {
        cursor,
        limit = DEFAULT_LIMIT,
        ...filters
      } = request.query as CaseFilterValues & {
        cursor?: string;
        limit?: number;
      };
      return casePage(pool, principal(request), filters, cursor, limit);
    },
  );

  app.get(
    '/cases/export.xlsx',
    { config: { access: 'case.read' }, schema: { tags: ['cases'], querystring: Type.Object(CaseFilters) } },
    async (request, reply) => {
      const workbook = await exportCases(
        pool,
        principal(request),
        request,
        request.query as CaseFilterValues,
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="danh-sach-f0.xlsx"')
        .send(workbook);
    },
  );

  app.get(
    '/cases/counts',
    { config: { access: 'case.read' }, schema: { tags: ['cases'], querystring: CountsQuery } },
    async (request) => ({ items: await caseCounts(pool, principal(request), request.query as never) }),
  );

  app.get(
    '/cases/counts/by-unit',
    { config: { access: 'case.read' }, schema: { tags: ['cases'], querystring: CountsByUnitQuery } },
    async (request) => ({ items: await caseCountsByUnit(pool, principal(request), request.query as never) }),
  );

  app.get(
    '/cases/:id',
    { config: { access: 'case.read' }, schema: { tags: ['cases'], params: IdParams } },
    async (request) => {
      const { id } = request.params as { id: string };
      return caseDetail(pool, principal(request), request, id);
    },
  );

  app.post(
    '/cases/:id/events',
    {
      config: { access: 'case.write' },
      schema: {
        tags: ['cases'],
        params: IdParams,
        body: Type.Object({
          kind: Type.Union([Type.Literal('severity'), Type.Literal('care'), Type.Literal('outcome')]),
          on: DateString(),
          value: Type.String({ maxLength: 30 }),
          detail: Type.Optional(Type.String({ maxLength: 500 })),
          /** A clinician's reason for a recovery earlier than the isolation policy allows. */
          overrideReason: Type.Optional(Type.String({ maxLength: 500 })),
        }),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      return recordCaseEvent(pool, principal(request), request, id, request.body as CaseEvent);
    },
  );

  app.get(
    '/cases/:id/chain',
    { config: { access: 'case.read' }, schema: { tags: ['cases'], params: IdParams } },
    async (request) => {
      const { id } = request.params as { id: string };
      const chain = await chainOfCase(pool, principal(request), id);
      if (!chain) throw notFound('Không tìm thấy ca bệnh này hoặc ca bệnh ở ngoài địa bàn của bạn');
      return chain;
    },
  );
};

/** The case line-list import: its own plugin, so that only this route accepts multipart uploads. */
export const caseImportRoutes: Capability = async (app, { pool }) => {
  await acceptUploads(app);
  app.post(
    '/cases/import',
    {
      config: { access: 'case.write' },
      schema: { tags: ['cases'], querystring: ImportQuery, consumes: ['multipart/form-data'] },
    },
    async (request) => {
      const { partial = false } = request.query as { partial?: boolean };
      return runImport(pool, request, principal(request), caseImport(request), partial);
    },
  );

  app.get('/cases/import/columns', ...importColumnsRoute(CASE_IMPORT_COLUMNS, 'cases'));
  app.get(
    '/cases/import/template.xlsx',
    ...importTemplateRoute(CASE_IMPORT_COLUMNS, 'cases', 'mau-nhap-danh-sach-f0.xlsx'),
  );
};
