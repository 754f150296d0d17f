import type { Problem } from '../errors.ts';

/**
 * The search key of a name: lower-case, no diacritics, `đ` → `d`, single spaces.
 * Matches PostgreSQL's `lower(unaccent(name))` for Vietnamese names stored through `displayName`
 * (unaccent also maps đ/Đ to d/D; it does not collapse spaces, which `displayName` already did).
 */
export function foldName(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

function tidy(s: string): string {
  return (
    s
      .normalize('NFC')
      // Phones and word processors type ’ or ʼ for the apostrophe of names such as H'Mông.
      .replace(/[\u2019\u02bc]/g, "'")
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * A name as it should be stored and shown: "  nguyễn  văn an " → "Nguyễn Văn An".
 * Each word, and each part after an apostrophe or hyphen (Ê Đê "H'Hen", "K'Nàng"), starts upper-case;
 * the rest is lower-cased.
 */
export function displayName(s: string): string {
  return tidy(s)
    .toLowerCase()
    .replace(/(^|[ '-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

// Letters of any script (Vietnamese, ethnic-minority and foreign names), starting with a letter.
const NAME_PATTERN = /^\p{L}[\p{L}\p{M} '.-]*$/u;

export function checkFullName(s: string): Problem[] {
  const name = tidy(s);
  const length = [...name].length;
  if (length === 0)
    return [{ code: 'full_name_required', message: 'Chưa nhập họ và tên', field: 'fullName' }];
  const problems: Problem[] = [];
  if (length < 2 || length > 100) {
    problems.push({
      code: 'full_name_length',
      message: 'Họ và tên phải dài từ 2 đến 100 ký tự',
      field: 'fullName',
    });
  }
  if (!NAME_PATTERN.test(name)) {
    problems.push({
      code: 'full_name_characters',
      message: 'Họ và tên chỉ được gồm chữ cái, dấu cách, dấu nháy đơn, dấu gạch nối và dấu chấm',
      field: 'fullName',
    });
  }
  return problems;
}
