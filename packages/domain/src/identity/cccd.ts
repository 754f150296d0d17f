import { parseIsoDate } from '../dates/dates.ts';
import type { Checked, Problem } from '../errors.ts';
import type { Sex } from '../persons/sex.ts';

export const ID_TYPES = ['cccd', 'cmnd9', 'cmnd12', 'passport'] as const;
export type IdType = (typeof ID_TYPES)[number];

/**
 * First three digits of a CCCD: the province where the birth was registered.
 * Source: Thông tư 07/2016/TT-BCA, Phụ lục I (63 provinces before the 2025 reorganisation).
 * Births registered abroad carry a country code instead; we accept only these 63 province codes,
 * because the country table is not in our sources and accepting any prefix would make the check useless.
 */
export const CCCD_PROVINCES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa – Vũng Tàu',
  '079': 'TP. Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

export interface CccdParts {
  provinceCode: string;
  provinceName: string;
  /** The 4th digit: century and sex together. */
  centurySexDigit: number;
  sex: Sex;
  birthYear: number;
  serial: string;
}

const CCCD_PATTERN = /^\d{12}$/;
const CMND9_PATTERN = /^\d{9}$/;
const CMND12_PATTERN = /^\d{12}$/;
// Vietnamese passports are one letter + 7 digits (UNCONFIRMED, rules R6.2.3); allow 8 digits for foreign ones.
const PASSPORT_PATTERN = /^[A-Z]\d{7,8}$/;

function problem(code: string, message: string): Problem {
  return { code, message, field: 'idNumber' };
}

const cccdFormatProblem = () => problem('cccd_format', 'Số CCCD phải gồm 12 chữ số');

function unknownProvince(prefix: string): Problem {
  return problem('cccd_province', `Mã tỉnh ${prefix} ở đầu số CCCD không tồn tại`);
}

/** Century/sex digit (TT 07/2016/TT-BCA): even = male, odd = female; 0/1 → 1900s, 2/3 → 2000s, … */
function decodeCenturySex(digit: number): { sex: Sex; century: number } {
  return { sex: digit % 2 === 0 ? 'male' : 'female', century: 1900 + 100 * Math.floor(digit / 2) };
}

/** Splits a CCCD number into its parts, or says why it is not one. */
export function parseCccd(number: string): Checked<CccdParts> {
  if (!CCCD_PATTERN.test(number)) return { ok: false, problems: [cccdFormatProblem()] };
  const provinceCode = number.slice(0, 3);
  const provinceName = CCCD_PROVINCES[provinceCode];
  if (!provinceName) return { ok: false, problems: [unknownProvince(provinceCode)] };
  const centurySexDigit = Number(number[3]);
  const { sex, century } = decodeCenturySex(centurySexDigit);
  return {
    ok: true,
    value: {
      provinceCode,
      provinceName,
      centurySexDigit,
      sex,
      birthYear: century + Number(number.slice(4, 6)),
      serial: number.slice(6),
    },
  };
}

/** The CCCD prefix for a province's 2-digit administrative code: `'12'` → `'012'` (Lai Châu). */
export function cccdPrefixForProvince(provinceCode: string): string {
  const prefix = `0${provinceCode}`;
  if (!/^\d{2}$/.test(provinceCode) || !CCCD_PROVINCES[prefix]) {
    throw new RangeError(`No CCCD prefix for province code ${JSON.stringify(provinceCode)}`);
  }
  return prefix;
}

/** Guesses the kind of identifier from its shape; null when it looks like none of them. */
export function inferIdType(number: string): IdType | null {
  if (/^\d{12}$/.test(number)) return 'cccd';
  if (/^\d{9}$/.test(number)) return 'cmnd9';
  if (/^[A-Za-z]\d+$/.test(number)) return 'passport';
  return null;
}

export interface IdNumberFacts {
  idType: IdType;
  idNumber: string;
  /** YYYY-MM-DD; the birth-year checks are skipped when it is missing or not a date. */
  birthDate?: string;
  sex?: Sex;
}

function checkCccd(number: string, birthDate: string | undefined, sex: Sex | undefined): Problem[] {
  if (!CCCD_PATTERN.test(number)) return [cccdFormatProblem()];
  const problems: Problem[] = [];
  const prefix = number.slice(0, 3);
  if (!CCCD_PROVINCES[prefix]) problems.push(unknownProvince(prefix));

  const decoded = decodeCenturySex(Number(number[3]));
  const birthYear = birthDate ? parseIsoDate(birthDate)?.y : undefined;
  const sexAgrees = sex === undefined || decoded.sex === sex;
  const centuryAgrees = birthYear === undefined || decoded.century === Math.floor(birthYear / 100) * 100;
  if (!sexAgrees || !centuryAgrees) {
    problems.push(
      problem(
        'cccd_century_sex',
        'Chữ số thứ 4 của CCCD (giới tính/thế kỷ) không khớp với giới tính và năm sinh',
      ),
    );
  }
  const yearDigits = number.slice(4, 6);
  if (birthYear !== undefined && Number(yearDigits) !== birthYear % 100) {
    problems.push(
      problem(
        'cccd_birth_year',
        `Hai chữ số năm sinh trong CCCD (${yearDigits}) không khớp với năm sinh ${birthYear}`,
      ),
    );
  }
  return problems;
}

/** Checks an identifier against its declared type and, for a CCCD, against the person's sex and birth date. */
export function checkIdNumber({ idType, idNumber, birthDate, sex }: IdNumberFacts): Problem[] {
  switch (idType) {
    case 'cccd':
      return checkCccd(idNumber, birthDate, sex);
    case 'cmnd9':
      return CMND9_PATTERN.test(idNumber) ? [] : [problem('cmnd_format', 'Số CMND phải gồm 9 chữ số')];
    case 'cmnd12':
      // 12-digit CMND numbers are issued nationally with no known structure (TT 27/2012/TT-BCA).
      return CMND12_PATTERN.test(idNumber)
        ? []
        : [problem('cmnd_format', 'Số CMND 12 số phải gồm 12 chữ số')];
    case 'passport':
      return PASSPORT_PATTERN.test(idNumber)
        ? []
        : [problem('passport_format', 'Số hộ chiếu phải gồm 1 chữ cái in hoa và 7 hoặc 8 chữ số')];
  }
}

/** Removes the spaces people type inside numbers ("001 090 012345") and upper-cases passport letters. */
export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}
