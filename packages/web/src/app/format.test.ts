import { describe, expect, it } from 'vitest';
import { formatAxisDays, formatDate, formatDateTime, formatNumber, spansYears } from './format.ts';

describe('format helpers', () => {
  it('groups numbers the Vietnamese way', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(null)).toBe('');
  });

  it('writes dates dd/mm/yyyy and times without seconds', () => {
    expect(formatDate('2021-07-15')).toBe('15/07/2021');
    expect(formatDateTime('2021-07-15T08:05:09')).toBe('15/07/2021 08:05');
    expect(formatDateTime('2021-07-15T23:59:59.999')).toBe('15/07/2021 23:59');
    expect(formatDateTime(undefined)).toBe('');
  });

  it('puts the year on a day axis only when the days span more than one year', () => {
    expect(spansYears([])).toBe(false);
    expect(spansYears(['2021-08-30', '2021-12-31'])).toBe(false);
    expect(spansYears(['2021-12-31', '2022-01-01'])).toBe(true);
    expect(formatAxisDays(['2021-08-30', '2021-08-31'])).toEqual(['30/08', '31/08']);
    expect(formatAxisDays(['2021-12-31', '2022-01-01'])).toEqual(['31/12/2021', '01/01/2022']);
  });
});
