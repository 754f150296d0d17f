import { describe, expect, it } from 'vitest';
import { ageOn, formatIsoDate, formatVnDate, isAfter, parseIsoDate, parseVnDate } from './dates.ts';

describe('parseIsoDate', () => {
  it('reads a real calendar date', () => {
    expect(parseIsoDate('2021-03-05')).toEqual({ y: 2021, m: 3, d: 5 });
    expect(parseIsoDate('2021-12-31')).toEqual({ y: 2021, m: 12, d: 31 });
  });

  it('knows leap years, including the century rules', () => {
    expect(parseIsoDate('2020-02-29')).toEqual({ y: 2020, m: 2, d: 29 });
    expect(parseIsoDate('2000-02-29')).toEqual({ y: 2000, m: 2, d: 29 });
    expect(parseIsoDate('2021-02-29')).toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull();
  });

  it('rejects days and months that do not exist', () => {
    expect(parseIsoDate('2021-04-31')).toBeNull();
    expect(parseIsoDate('2021-04-30')).not.toBeNull();
    expect(parseIsoDate('2021-13-01')).toBeNull();
    expect(parseIsoDate('2021-00-10')).toBeNull();
    expect(parseIsoDate('2021-01-00')).toBeNull();
    expect(parseIsoDate('0000-01-01')).toBeNull();
  });

  it('is strict about the shape', () => {
    for (const s of [
      '2021-3-5',
      '21-03-05',
      '2021/03/05',
      ' 2021-03-05',
      '2021-03-05T00:00:00Z',
      '',
      '05/03/2021',
    ]) {
      expect(parseIsoDate(s), s).toBeNull();
    }
  });
});

describe('formatIsoDate', () => {
  it('zero-pads', () => {
    expect(formatIsoDate({ y: 2021, m: 3, d: 5 })).toBe('2021-03-05');
  });
});

describe('Vietnamese dd/mm/yyyy', () => {
  it('formats an ISO date', () => {
    expect(formatVnDate('2021-03-05')).toBe('05/03/2021');
    expect(formatVnDate('1999-12-31')).toBe('31/12/1999');
  });

  it('leaves a value that is not a date as it is', () => {
    expect(formatVnDate('2021-02-30')).toBe('2021-02-30');
  });

  it('parses day first, with or without leading zeros', () => {
    expect(parseVnDate('05/03/2021')).toBe('2021-03-05');
    expect(parseVnDate('5/3/2021')).toBe('2021-03-05');
    expect(parseVnDate(' 31/12/1999 ')).toBe('1999-12-31');
  });

  it('refuses impossible or ambiguous input', () => {
    expect(parseVnDate('29/02/2021')).toBeNull();
    expect(parseVnDate('31/04/2021')).toBeNull();
    expect(parseVnDate('03/13/2021')).toBeNull();
    expect(parseVnDate('05/03/21')).toBeNull();
    expect(parseVnDate('2021-03-05')).toBeNull();
    expect(parseVnDate('')).toBeNull();
  });

  it('round-trips', () => {
    expect(parseVnDate(formatVnDate('2004-02-29'))).toBe('2004-02-29');
  });
});

describe('ageOn', () => {
  it('turns 18 on the 18th birthday, not the day before', () => {
    expect(ageOn('2003-07-15', '2021-07-14')).toBe(17);
    expect(ageOn('2003-07-15', '2021-07-15')).toBe(18);
    expect(ageOn('2003-07-15', '2021-07-16')).toBe(18);
  });

  it('counts the month as well as the day', () => {
    expect(ageOn('2003-07-15', '2021-06-30')).toBe(17);
    expect(ageOn('2003-07-15', '2021-08-01')).toBe(18);
  });

  it('is 0 on the day of birth', () => {
    expect(ageOn('2021-10-01', '2021-10-01')).toBe(0);
    expect(ageOn('2020-10-01', '2021-09-30')).toBe(0);
  });

  it('ages someone born on 29 February on 1 March in common years', () => {
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
    expect(ageOn('2004-02-29', '2024-02-29')).toBe(20);
  });

  it('refuses dates that are not ISO dates', () => {
    expect(() => ageOn('15/07/2003', '2021-07-15')).toThrow(RangeError);
    expect(() => ageOn('2003-07-15', '2021-02-29')).toThrow(RangeError);
  });
});

describe('isAfter', () => {
  it('is strict', () => {
    expect(isAfter('2021-07-16', '2021-07-15')).toBe(true);
    expect(isAfter('2021-07-15', '2021-07-15')).toBe(false);
    expect(isAfter('2021-07-14', '2021-07-15')).toBe(false);
  });

  it('compares across months and years', () => {
    expect(isAfter('2022-01-01', '2021-12-31')).toBe(true);
    expect(isAfter('2021-10-01', '2021-09-30')).toBe(true);
  });

  it('refuses dates that are not ISO dates', () => {
    expect(() => isAfter('2021-7-16', '2021-07-15')).toThrow(RangeError);
  });
});
