import { TEXT_LIMITS } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { notFound } from '../../http/errors.ts';
import { acceptUploads, uploadedFile } from '../../imports/upload.ts';
import {
  type BacklogExportQuery,
  backlogReport,
  backlogWorkbook,
  importPlatformFile,
  platformErrorReport,
} from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The national-platform backlog (issue 9 §6–7): counts per child unit and per site with the age
 * of the oldest dose; the unsynced doses as the platform's XLSX; the platform's own export
 * imported to give the doses it knows their `ma_mui_tiem`. Its own plugin: uploads accepted here.
 */
export const backlogRoutes: Capability = async (app, { pool }) => {
  await acceptUploads(app);

  app.get(
    '/vaccination/backlog',
    {
      config: { access: 'vaccination.read' },
      schema: {
        tags: ['vaccination'],
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })) }),
      },
    },
    async (request) => backlogReport(pool, principal(request), request.query as { unit?: string }),
  );

  app.get(
    '/vaccination/backlog/export.xlsx',
    {
      config: { access: 'vaccination.manage' },
      schema: {
        tags: ['vaccination'],
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.unitCode })),
          site: Type.Optional(Type.String({ maxLength: TEXT_LIMITS.site })),
        }),
      },
    },
    async (request, reply) => {
      const { stream, fileName } = await backlogWorkbook(
        pool,
        principal(request),
        request,
        request.query as BacklogExportQuery,
      );
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(stream);
    },
  );

  app.post(
    '/vaccination/backlog/import',
    {
      config: { access: 'vaccination.manage' },
      schema: { tags: ['vaccination'], consumes: ['multipart/form-data'] },
    },
    async (request) => {
      const upload = await uploadedFile(request);
      return importPlatformFile(pool, principal(request), upload.stream, {
        fileName: upload.filename,
        ip: request.ip,
      });
    },
  );

  app.get(
    '/vaccination/backlog/imports/:id/errors.csv',
    {
      config: { access: 'vaccination.manage' },
      schema: { tags: ['vaccination'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const csv = await platformErrorReport(pool, principal(request), id, request);
      if (!csv) throw notFound('Không tìm thấy lần nhập này trong các lần nhập của bạn');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="bao-cao-loi-nhap-ma-mui-tiem.csv"')
        .send(csv);
    },
  );
};
