import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './days.ts';

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2021-06-10', 21)).toBe('2021-07-01');
    expect(addDays('2021-12-25', 7)).toBe('2022-01-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
    expect(addDays('2021-06-10', 0)).toBe('2021-06-10');
  });

  it('refuses a date that does not exist', () => {
    expect(() => addDays('2021-02-29', 1)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('keeps the day of month, or the last day when the month is shorter', () => {
    expect(addMonths('2021-12-16', -6)).toBe('2021-06-16');
    expect(addMonths('2022-05-31', -3)).toBe('2022-02-28');
    expect(addMonths('2024-05-31', -3)).toBe('2024-02-29');
    expect(addMonths('2021-11-30', 3)).toBe('2022-02-28');
    expect(addMonths('2022-01-15', -1)).toBe('2021-12-15');
  });

  it('refuses a date that does not exist', () => {
    expect(() => addMonths('2021-13-01', 1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts calendar days, signed', () => {
    expect(daysBetween('2021-06-10', '2021-07-01')).toBe(21);
    expect(daysBetween('2021-06-10', '2021-06-10')).toBe(0);
    expect(daysBetween('2021-07-01', '2021-06-10')).toBe(-21);
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
  });
});
