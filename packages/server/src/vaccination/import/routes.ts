import { Type } from 'typebox';
import { principal } from '../../http/access.ts';
import type { Capability } from '../../http/capability.ts';
import { notFound } from '../../http/errors.ts';
import { columnsOut } from '../../imports/columns.ts';
import { importTemplate } from '../../imports/template.ts';
import { acceptUploads, uploadedFile } from '../../imports/upload.ts';
import { VACCINATION_IMPORT_COLUMNS } from './columns.ts';
import { importErrorReport, importVaccinations } from './service.ts';

/**
 * Vaccination lists (CSV/XLSX) into the registry: its own plugin, so that only this route accepts
 * multipart uploads. Every row the file has is accounted for: imported, unchanged, to review, or
 * refused with its reason in the error report.
 */
export const vaccinationImportRoutes: Capability = async (app, { pool }) => {
  await acceptUploads(app);
  app.post(
    '/vaccination/import',
    {
      config: { access: 'vaccination.manage' },
      schema: { tags: ['vaccination'], consumes: ['multipart/form-data'] },
    },
    async (request) => {
      const upload = await uploadedFile(request);
      return importVaccinations(pool, principal(request), upload.stream, {
        fileName: upload.filename,
        ip: request.ip,
      });
    },
  );

  app.get(
    '/vaccination/imports/:id/errors.csv',
    {
      config: { access: 'vaccination.manage' },
      schema: {
        tags: ['vaccination'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const csv = await importErrorReport(pool, principal(request), request, id);
      if (!csv) throw notFound('Không tìm thấy lần nhập này trong các lần nhập của bạn');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="bao-cao-loi-nhap-tiem-chung.csv"')
        .send(csv);
    },
  );

  // What the import page shows before an upload: reference data of no place.
  app.get(
    '/vaccination/import/columns',
    { config: { access: 'vaccination.manage', jurisdiction: 'none' }, schema: { tags: ['vaccination'] } },
    async () => ({ items: columnsOut(VACCINATION_IMPORT_COLUMNS) }),
  );
  app.get(
    '/vaccination/import/template.xlsx',
    { config: { access: 'vaccination.manage', jurisdiction: 'none' }, schema: { tags: ['vaccination'] } },
    async (_request, reply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="mau-nhap-du-lieu-tiem-chung.xlsx"')
        .send(await importTemplate(VACCINATION_IMPORT_COLUMNS)),
  );
};
