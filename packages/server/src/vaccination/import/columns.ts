import { VACCINE_PRODUCTS } from '@tuyendau/domain';
import { type ImportColumn, valueLookup } from '../../imports/columns.ts';
import { PERSON_COLUMNS } from '../../imports/persons.ts';

/**
 * The highest dose number a file may give, as the dose form (doses/routes.ts): the primary series,
 * an additional dose, boosters. Anything higher is a typing error.
 */
export const MAX_DOSE_NUMBER = 6;

const ID_HEADERS = PERSON_COLUMNS.find((c) => c.name === 'idNumber')!.headers;

/** The columns of a vaccination list (the contract's names), with the headers people write. */
export const VACCINATION_IMPORT_COLUMNS: ImportColumn[] = [
  {
    name: 'ho_ten',
    label: 'Họ và tên',
    headers: ['Họ và tên', 'Họ tên', 'Tên', 'Họ và tên người được tiêm', 'Họ tên đối tượng', 'full_name'],
    required: true,
    example: 'Lò Văn An',
  },
  {
    name: 'ngay_sinh',
    label: 'Ngày sinh',
    headers: ['Ngày sinh', 'Ngày tháng năm sinh', 'Ngày/tháng/năm sinh', 'birth_date', 'dob'],
    required: true,
    example: '15/03/1990',
  },
  {
    name: 'gioi_tinh',
    label: 'Giới tính',
    headers: ['Giới tính', 'Giới', 'GT', 'sex', 'gender'],
    example: 'Nam',
  },
  { name: 'so_cccd', label: 'Số CCCD/CMND', headers: ID_HEADERS, example: '012090001234' },
  {
    name: 'so_dien_thoai',
    label: 'Số điện thoại',
    headers: ['Số điện thoại', 'Điện thoại', 'SĐT', 'Số ĐT', 'Điện thoại liên hệ', 'phone'],
    example: '0912345678',
  },
  {
    name: 'ma_xa',
    label: 'Mã xã',
    headers: ['Mã xã', 'Mã xã/phường', 'Mã phường/xã', 'Mã xã/phường/thị trấn', 'Mã đơn vị', 'unit_code'],
    required: true,
    example: '03387',
  },
  {
    name: 'dia_chi',
    label: 'Địa chỉ',
    headers: ['Địa chỉ', 'Địa chỉ thường trú', 'Địa chỉ nơi ở', 'Nơi ở hiện tại', 'address'],
    example: 'Tổ 5, phường Tân Phong',
  },
  {
    name: 'mui_tiem',
    label: 'Mũi tiêm',
    headers: ['Mũi tiêm', 'Mũi', 'Mũi số', 'Mũi thứ', 'Mũi tiêm thứ', 'Lần tiêm', 'dose_number'],
    required: true,
    example: '1',
  },
  {
    name: 'ngay_tiem',
    label: 'Ngày tiêm',
    headers: ['Ngày tiêm', 'Ngày tiêm chủng', 'Ngày tiêm mũi', 'given_on'],
    required: true,
    example: '20/08/2021',
  },
  {
    name: 'ten_vac_xin',
    label: 'Tên vắc xin',
    headers: ['Tên vắc xin', 'Vắc xin', 'Loại vắc xin', 'Tên vaccine', 'Vaccine', 'Tên vacxin', 'product'],
    required: true,
    example: 'AstraZeneca',
  },
  { name: 'so_lo', label: 'Số lô', headers: ['Số lô', 'Lô', 'Lô vắc xin', 'Số lô vắc xin', 'lot'] },
  {
    name: 'co_so_tiem',
    label: 'Cơ sở tiêm',
    headers: ['Cơ sở tiêm', 'Cơ sở tiêm chủng', 'Điểm tiêm', 'Nơi tiêm', 'Đơn vị tiêm', 'site'],
    example: 'Trạm Y tế phường Tân Phong',
  },
  {
    name: 'ma_mui_tiem',
    label: 'Mã mũi tiêm',
    headers: ['Mã mũi tiêm', 'Mã mũi', 'Mã tiêm chủng', 'national_id'],
  },
];

export const PRODUCT_VALUES = valueLookup(
  Object.fromEntries(VACCINE_PRODUCTS.map((p) => [p.code, [p.name, ...p.aliases]])),
);
export const SEX_VALUES = valueLookup({ male: ['Nam', 'M', 'Male'], female: ['Nữ', 'F', 'Female'] });

/** A column's label as people call it ("Ngày tiêm"), for reports. */
export const labelOf = (field: string): string =>
  VACCINATION_IMPORT_COLUMNS.find((c) => c.name === field)?.label ?? field;
