import type { Problem } from '../errors.ts';

/**
 * 11-digit mobile prefixes replaced by 10-digit ones between 15/09/2018 and 30/06/2019; the last
 * 7 digits were kept. Source: MoIC conversion plan (29/05/2018), rules R6.3.2.
 */
const LEGACY_PREFIXES: Readonly<Record<string, string>> = {
  // MobiFone
  '0120': '070',
  '0121': '079',
  '0122': '077',
  '0126': '076',
  '0128': '078',
  // VinaPhone
  '0123': '083',
  '0124': '084',
  '0125': '085',
  '0127': '081',
  '0129': '082',
  // Viettel
  '0162': '032',
  '0163': '033',
  '0164': '034',
  '0165': '035',
  '0166': '036',
  '0167': '037',
  '0168': '038',
  '0169': '039',
  // Vietnamobile
  '0186': '056',
  '0188': '058',
  // Gmobile
  '0199': '059',
};

// Lenient on purpose: the per-network prefix list is partly unconfirmed (rules R6.3.3).
const MOBILE_PATTERN = /^0(3|5|7|8|9)\d{8}$/;

/**
 * The canonical national form `0xxxxxxxxx` of a Vietnamese mobile number, or null when it is not one.
 * Accepts spaces, dots, dashes and brackets, the `+84`/`84` prefixes and legacy 11-digit numbers.
 */
export function normalizePhone(input: string): string | null {
  let digits = input.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  if (/^01\d{9}$/.test(digits)) {
    const converted = LEGACY_PREFIXES[digits.slice(0, 4)];
    if (!converted) return null;
    digits = converted + digits.slice(4);
  }
  return MOBILE_PATTERN.test(digits) ? digits : null;
}

export function checkPhone(input: string): Problem[] {
  if (normalizePhone(input) !== null) return [];
  return [
    {
      code: 'phone_format',
      message: 'Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)',
      field: 'phone',
    },
  ];
}
