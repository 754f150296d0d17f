import { describe, expect, it } from 'vitest';
import {
  CCCD_PROVINCES,
  cccdPrefixForProvince,
  checkIdNumber,
  ID_TYPES,
  inferIdType,
  normalizeIdNumber,
  parseCccd,
} from './cccd.ts';

describe('CCCD_PROVINCES', () => {
  it('holds the 63 province codes of TT 07/2016/TT-BCA, 001 to 096 with gaps', () => {
    const codes = Object.keys(CCCD_PROVINCES);
    expect(codes).toHaveLength(63);
    expect(codes.every((code) => /^0\d{2}$/.test(code))).toBe(true);
    expect(CCCD_PROVINCES['001']).toBe('Hà Nội');
    expect(CCCD_PROVINCES['079']).toBe('TP. Hồ Chí Minh');
    expect(CCCD_PROVINCES['096']).toBe('Cà Mau');
    expect(CCCD_PROVINCES['003']).toBeUndefined();
    expect(CCCD_PROVINCES['097']).toBeUndefined();
  });
});

describe('parseCccd', () => {
  it('splits a man born in 1990 in Hà Nội', () => {
    expect(parseCccd('001090012345')).toEqual({
      ok: true,
      value: {
        provinceCode: '001',
        provinceName: 'Hà Nội',
        centurySexDigit: 0,
        sex: 'male',
        birthYear: 1990,
        serial: '012345',
      },
    });
  });

  it('splits a woman born in 2005 in TP. Hồ Chí Minh', () => {
    const parsed = parseCccd('079305123456');
    expect(parsed.ok && parsed.value).toMatchObject({ provinceCode: '079', sex: 'female', birthYear: 2005 });
  });

  it('reads the century/sex digit with even = male and odd = female', () => {
    const expected: [string, string, number][] = [
      ['0', 'male', 1999],
      ['1', 'female', 1999],
      ['2', 'male', 2099],
      ['3', 'female', 2099],
      ['4', 'male', 2199],
      ['5', 'female', 2199],
      ['6', 'male', 2299],
      ['7', 'female', 2299],
      ['8', 'male', 2399],
      ['9', 'female', 2399],
    ];
    for (const [digit, sex, birthYear] of expected) {
      const parsed = parseCccd(`001${digit}99000000`);
      expect(parsed.ok && parsed.value, digit).toMatchObject({ sex, birthYear });
    }
  });

  it('refuses what is not 12 digits', () => {
    for (const number of ['00109001234', '0010900123456', '00109001234A', '001 090 012345', '']) {
      expect(parseCccd(number), number).toEqual({
        ok: false,
        problems: [{ code: 'cccd_format', message: 'Số CCCD phải gồm 12 chữ số', field: 'idNumber' }],
      });
    }
  });

  it('refuses an unknown province prefix', () => {
    expect(parseCccd('999090012345')).toEqual({
      ok: false,
      problems: [
        { code: 'cccd_province', message: 'Mã tỉnh 999 ở đầu số CCCD không tồn tại', field: 'idNumber' },
      ],
    });
    expect(parseCccd('003090012345').ok).toBe(false);
  });
});

describe('checkIdNumber: CCCD', () => {
  const codes = (facts: Parameters<typeof checkIdNumber>[0]) => checkIdNumber(facts).map((p) => p.code);

  it('accepts a number that agrees with sex and birth date', () => {
    expect(
      checkIdNumber({ idType: 'cccd', idNumber: '001090012345', birthDate: '1990-05-01', sex: 'male' }),
    ).toEqual([]);
    expect(
      codes({ idType: 'cccd', idNumber: '079305123456', birthDate: '2005-01-31', sex: 'female' }),
    ).toEqual([]);
  });

  it('refuses a sex that disagrees with the 4th digit', () => {
    expect(
      checkIdNumber({ idType: 'cccd', idNumber: '001090012345', birthDate: '1990-05-01', sex: 'female' }),
    ).toEqual([
      {
        code: 'cccd_century_sex',
        message: 'Chữ số thứ 4 của CCCD (giới tính/thế kỷ) không khớp với giới tính và năm sinh',
        field: 'idNumber',
      },
    ]);
  });

  it('checks the century at the 1999/2000 boundary', () => {
    expect(codes({ idType: 'cccd', idNumber: '001099012345', birthDate: '1999-12-31', sex: 'male' })).toEqual(
      [],
    );
    expect(codes({ idType: 'cccd', idNumber: '001200012345', birthDate: '2000-01-01', sex: 'male' })).toEqual(
      [],
    );
    // Right year digits, wrong century.
    expect(codes({ idType: 'cccd', idNumber: '001000012345', birthDate: '2000-01-01', sex: 'male' })).toEqual(
      ['cccd_century_sex'],
    );
    expect(codes({ idType: 'cccd', idNumber: '001299012345', birthDate: '1999-12-31', sex: 'male' })).toEqual(
      ['cccd_century_sex'],
    );
  });

  it('refuses year digits that disagree with the birth date, naming both', () => {
    expect(
      checkIdNumber({ idType: 'cccd', idNumber: '001085012345', birthDate: '1990-05-01', sex: 'male' }),
    ).toEqual([
      {
        code: 'cccd_birth_year',
        message: 'Hai chữ số năm sinh trong CCCD (85) không khớp với năm sinh 1990',
        field: 'idNumber',
      },
    ]);
  });

  it('reports every structural problem at once', () => {
    expect(codes({ idType: 'cccd', idNumber: '999185012345', birthDate: '1990-05-01', sex: 'male' })).toEqual(
      ['cccd_province', 'cccd_century_sex', 'cccd_birth_year'],
    );
  });

  it('reports only the format when it is not 12 digits', () => {
    expect(codes({ idType: 'cccd', idNumber: '123456789', birthDate: '1990-05-01', sex: 'female' })).toEqual([
      'cccd_format',
    ]);
  });

  it('checks only what it is given', () => {
    expect(codes({ idType: 'cccd', idNumber: '001185012345' })).toEqual([]);
    expect(codes({ idType: 'cccd', idNumber: '001185012345', sex: 'male' })).toEqual(['cccd_century_sex']);
    expect(codes({ idType: 'cccd', idNumber: '001185012345', birthDate: '1985-01-01' })).toEqual([]);
    expect(
      codes({ idType: 'cccd', idNumber: '001185012345', birthDate: 'not a date', sex: 'female' }),
    ).toEqual([]);
  });
});

describe('checkIdNumber: CMND and passport', () => {
  const check = (idType: (typeof ID_TYPES)[number], idNumber: string) =>
    checkIdNumber({ idType, idNumber }).map((p) => [p.code, p.field]);

  it('wants 9 digits for the old CMND', () => {
    expect(check('cmnd9', '271450001')).toEqual([]);
    expect(check('cmnd9', '27145000')).toEqual([['cmnd_format', 'idNumber']]);
    expect(check('cmnd9', '2714500012')).toEqual([['cmnd_format', 'idNumber']]);
    expect(check('cmnd9', '27145000A')).toEqual([['cmnd_format', 'idNumber']]);
  });

  it('wants 12 digits, with no structure, for the 12-digit CMND', () => {
    expect(check('cmnd12', '999999999999')).toEqual([]);
    expect(check('cmnd12', '99999999999')).toEqual([['cmnd_format', 'idNumber']]);
  });

  it('wants one upper-case letter and 7 or 8 digits for a passport', () => {
    expect(check('passport', 'B1234567')).toEqual([]);
    expect(check('passport', 'C12345678')).toEqual([]);
    expect(check('passport', 'B123456')).toEqual([['passport_format', 'idNumber']]);
    expect(check('passport', 'B123456789')).toEqual([['passport_format', 'idNumber']]);
    expect(check('passport', 'b1234567')).toEqual([['passport_format', 'idNumber']]);
    expect(check('passport', 'BC1234567')).toEqual([['passport_format', 'idNumber']]);
  });

  it('writes every message in Vietnamese', () => {
    for (const idType of ID_TYPES) {
      const [problem] = checkIdNumber({ idType, idNumber: 'x' });
      expect(problem.message, idType).toMatch(/^Số (CCCD|CMND|hộ chiếu)/);
    }
  });
});

describe('inferIdType', () => {
  it('guesses from the shape', () => {
    expect(inferIdType('001090012345')).toBe('cccd');
    expect(inferIdType('271450001')).toBe('cmnd9');
    expect(inferIdType('B1234567')).toBe('passport');
    expect(inferIdType('b1234567')).toBe('passport');
  });

  it('gives up on anything else', () => {
    for (const number of ['', '12345678', '0010900123456', 'AB123456', 'B', '001-090-012345']) {
      expect(inferIdType(number), number).toBeNull();
    }
  });
});

describe('normalizeIdNumber', () => {
  it('removes spaces and upper-cases', () => {
    expect(normalizeIdNumber(' 001 090 012345 ')).toBe('001090012345');
    expect(normalizeIdNumber('b1234567')).toBe('B1234567');
  });
});

describe('cccdPrefixForProvince', () => {
  it('prefixes the 2-digit administrative code with 0', () => {
    expect(cccdPrefixForProvince('12')).toBe('012');
    expect(cccdPrefixForProvince('01')).toBe('001');
    expect(cccdPrefixForProvince('79')).toBe('079');
  });

  it('refuses codes that are not provinces', () => {
    expect(() => cccdPrefixForProvince('03')).toThrow(RangeError);
    expect(() => cccdPrefixForProvince('1')).toThrow(RangeError);
    expect(() => cccdPrefixForProvince('012')).toThrow(RangeError);
  });
});
