import ExcelJS from 'exceljs';
import type { FastifyReply, RouteShorthandOptions } from 'fastify';
import { columnsOut, type ImportColumn } from './columns.ts';

/**
 * The template of an import: a first sheet with the header row (each column's label, required
 * ones marked) and one example row, which the import reads as it is; a second sheet, never read by
 * the import, lists every column with the header spellings accepted.
 */
export async function importTemplate(columns: readonly ImportColumn[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Dữ liệu');
  sheet.columns = columns.map((c) => ({
    header: c.label,
    key: c.name,
    width: Math.max(14, c.label.length + 4),
  }));
  // Text cells: a CCCD keeps its leading zero, a date stays as written.
  sheet.addRow(Object.fromEntries(columns.map((c) => [c.name, c.example ?? ''])));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).numFmt = '@';
    if (c.required) {
      sheet.getRow(1).getCell(i + 1).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: 'FFFFE58F' },
      };
    }
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const guide = book.addWorksheet('Hướng dẫn');
  guide.columns = [
    { header: 'Cột', key: 'label', width: 26 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Tên cột được chấp nhận', key: 'headers', width: 90 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of columnsOut(columns)) {
    guide.addRow({ label: c.label, required: c.required ? 'Có' : '', headers: c.headers.join('; ') });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** What the import page shows before an upload: reference data of no place, for whoever may import. */
function guideOptions(tag: string): RouteShorthandOptions {
  return { config: { access: 'case.write', jurisdiction: 'none' }, schema: { tags: [tag] } };
}

/** `GET <import>/columns`: options and handler, for the capability's routes.ts. */
export function importColumnsRoute(columns: readonly ImportColumn[], tag: string) {
  return [guideOptions(tag), async () => ({ items: columnsOut(columns) })] as const;
}

/** `GET <import>/template.xlsx`: options and handler, for the capability's routes.ts. */
export function importTemplateRoute(columns: readonly ImportColumn[], tag: string, filename: string) {
  return [
    guideOptions(tag),
    async (_request: unknown, reply: FastifyReply) =>
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(await importTemplate(columns)),
  ] as const;
}
