import { PassThrough, type Readable } from 'node:stream';
import {
  CARE_PLACE_LABELS,
  CASE_STATUS_LABELS,
  FOUND_BY_LABELS,
  formatVnDate,
  SEVERITY_LABELS,
} from '@tuyendau/domain';
import ExcelJS from 'exceljs';
import type { Pool } from '../db/pool.ts';
import type { SQL } from '../db/sql.ts';
import { inertRow } from '../http/spreadsheet.ts';
import { caseRows } from './list.ts';

const EXPORT_MAX_ROWS = 200_000;

/** The cases matching `where` as an XLSX line list, streamed while they are read 5,000 at a time. */
export function caseWorkbook(pool: Pool, where: SQL[]): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = book.addWorksheet('Danh sách F0');
  sheet.columns = [
    { header: 'STT', key: 'n', width: 7 },
    { header: 'Họ và tên', key: 'name', width: 26 },
    { header: 'Ngày sinh', key: 'birth', width: 12 },
    { header: 'Giới tính', key: 'sex', width: 9 },
    { header: 'Xã/phường', key: 'unit', width: 24 },
    { header: 'Ngày phát hiện', key: 'detected', width: 14 },
    { header: 'Nguồn phát hiện', key: 'foundBy', width: 24 },
    { header: 'Ổ dịch', key: 'cluster', width: 24 },
    { header: 'Mức độ', key: 'severity', width: 16 },
    { header: 'Nơi điều trị', key: 'care', width: 22 },
    { header: 'Tình trạng', key: 'status', width: 16 },
    { header: 'Ngày kết thúc', key: 'outcome', width: 14 },
  ];
  (async () => {
    let after: [string, string] | undefined;
    let n = 0;
    while (n < EXPORT_MAX_ROWS) {
      const rows = await caseRows(pool, where, after, 5000);
      for (const r of rows) {
        sheet
          .addRow(
            inertRow({
              n: ++n,
              name: r.personName,
              birth: formatVnDate(r.birthDate),
              sex: r.sex === 'male' ? 'Nam' : 'Nữ',
              unit: r.unitName,
              detected: formatVnDate(r.detectedOn),
              foundBy: FOUND_BY_LABELS[r.foundBy as keyof typeof FOUND_BY_LABELS] ?? r.foundBy,
              cluster: r.clusterName ?? '',
              severity: SEVERITY_LABELS[r.severity as keyof typeof SEVERITY_LABELS] ?? r.severity,
              care:
                CARE_PLACE_LABELS[r.carePlace as keyof typeof CARE_PLACE_LABELS] ??
                r.carePlaceName ??
                r.carePlace,
              status: CASE_STATUS_LABELS[r.status as keyof typeof CASE_STATUS_LABELS] ?? r.status,
              outcome: r.outcomeOn ? formatVnDate(r.outcomeOn) : '',
            }),
          )
          .commit();
      }
      if (rows.length < 5000) break;
      const last = rows[rows.length - 1];
      after = [last.detectedOn, last.id];
    }
    sheet.commit();
    await book.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
