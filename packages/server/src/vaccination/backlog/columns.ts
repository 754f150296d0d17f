import type { ImportColumn } from '../../imports/columns.ts';
import { VACCINATION_IMPORT_COLUMNS } from '../import/columns.ts';

const headersOf = (name: string) => VACCINATION_IMPORT_COLUMNS.find((c) => c.name === name)!.headers;

/**
 * The header of the reference column our export adds (hidden) to every dose it lists: the dose's
 * id, so that the platform's answer, which keeps the columns it was given, is matched back exactly.
 */
export const REFERENCE_HEADER = 'Mã tham chiếu Tuyến Đầu';

/**
 * The columns read from the national platform's export: the dose's `ma_mui_tiem`, and how to find
 * the dose it names — our reference when the file kept it, else CCCD + dose number + day. Every
 * other column of the platform's file (name, birth date, product …) is ignored.
 */
export const PLATFORM_IMPORT_COLUMNS: ImportColumn[] = [
  {
    name: 'ma_mui_tiem',
    label: 'Mã mũi tiêm',
    headers: [
      ...headersOf('ma_mui_tiem'),
      'Mã mũi tiêm trên nền tảng',
      'Mã mũi tiêm quốc gia',
      'ID mũi tiêm',
    ],
    required: true,
    example: 'MT0120220815000123',
  },
  {
    name: 'ma_tham_chieu',
    label: 'Mã tham chiếu',
    headers: [REFERENCE_HEADER, 'Mã tham chiếu', 'Mã tham chiếu mũi tiêm', 'dose_ref'],
  },
  { name: 'so_cccd', label: 'Số CCCD/CMND', headers: headersOf('so_cccd'), example: '012090001234' },
  { name: 'mui_tiem', label: 'Mũi tiêm', headers: headersOf('mui_tiem'), example: '1' },
  { name: 'ngay_tiem', label: 'Ngày tiêm', headers: headersOf('ngay_tiem'), example: '20/08/2021' },
];

/** A column's label as people call it ("Ngày tiêm"), for reports. */
export const platformLabelOf = (field: string): string =>
  PLATFORM_IMPORT_COLUMNS.find((c) => c.name === field)?.label ?? field;
