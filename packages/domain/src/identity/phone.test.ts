import { describe, expect, it } from 'vitest';
import { checkPhone, normalizePhone } from './phone.ts';

describe('normalizePhone', () => {
  it('keeps a canonical number', () => {
    expect(normalizePhone('0912345678')).toBe('0912345678');
  });

  it('accepts the separators people type', () => {
    expect(normalizePhone('091 234 5678')).toBe('0912345678');
    expect(normalizePhone('091.234.5678')).toBe('0912345678');
    expect(normalizePhone('091-234-5678')).toBe('0912345678');
    expect(normalizePhone(' (091) 234-5678 ')).toBe('0912345678');
  });

  it('accepts the international forms', () => {
    expect(normalizePhone('+84912345678')).toBe('0912345678');
    expect(normalizePhone('+84 91 234 5678')).toBe('0912345678');
    expect(normalizePhone('84912345678')).toBe('0912345678');
  });

  it('converts legacy 11-digit numbers with the 2018 map', () => {
    expect(normalizePhone('01651234567')).toBe('0351234567'); // Viettel
    expect(normalizePhone('01201234567')).toBe('0701234567'); // MobiFone
    expect(normalizePhone('01271234567')).toBe('0811234567'); // VinaPhone
    expect(normalizePhone('01861234567')).toBe('0561234567'); // Vietnamobile
    expect(normalizePhone('01991234567')).toBe('0591234567'); // Gmobile
    expect(normalizePhone('+841691234567')).toBe('0391234567');
    expect(normalizePhone('841691234567')).toBe('0391234567');
    expect(normalizePhone('0169 123 4567')).toBe('0391234567');
  });

  it('refuses a legacy prefix that was not in the map', () => {
    expect(normalizePhone('01301234567')).toBeNull();
    expect(normalizePhone('01611234567')).toBeNull();
  });

  it('accepts the mobile ranges 03, 05, 07, 08 and 09 only', () => {
    for (const prefix of ['03', '05', '07', '08', '09']) {
      expect(normalizePhone(`${prefix}12345678`), prefix).toBe(`${prefix}12345678`);
    }
    for (const prefix of ['01', '02', '04', '06', '00']) {
      expect(normalizePhone(`${prefix}12345678`), prefix).toBeNull();
    }
  });

  it('refuses landlines, wrong lengths and text', () => {
    expect(normalizePhone('02438251234')).toBeNull();
    expect(normalizePhone('091234567')).toBeNull();
    expect(normalizePhone('09123456789')).toBeNull();
    expect(normalizePhone('912345678')).toBeNull();
    expect(normalizePhone('+8491234567')).toBeNull();
    expect(normalizePhone('091234567a')).toBeNull();
    expect(normalizePhone('')).toBeNull();
  });
});

describe('checkPhone', () => {
  it('is happy with any form normalizePhone accepts', () => {
    expect(checkPhone('+84 91 234 5678')).toEqual([]);
    expect(checkPhone('01651234567')).toEqual([]);
  });

  it('names the field and says what is expected, in Vietnamese', () => {
    expect(checkPhone('0243825123')).toEqual([
      {
        code: 'phone_format',
        message: 'Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)',
        field: 'phone',
      },
    ]);
  });
});
