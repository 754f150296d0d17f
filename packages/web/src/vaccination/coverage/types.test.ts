import { describe, expect, it } from 'vitest';
import { type AppliedTarget, standingOf } from './types.ts';
import { coverageUrl } from './use-coverage-params.ts';

const target = (rate: number): AppliedTarget => ({
  id: 't',
  rate,
  permille: Math.round(rate * 1000),
  deadline: '2022-09-30',
  unitCode: '12',
});

describe('standingOf', () => {
  it('reads a rate against its target: met, within 5 points, below', () => {
    expect(standingOf({ rate: 0.9, target: target(0.9), lagging: false })).toBe('met');
    expect(standingOf({ rate: 0.851, target: target(0.9), lagging: true })).toBe('near');
    expect(standingOf({ rate: 0.85, target: target(0.9), lagging: true })).toBe('near');
    expect(standingOf({ rate: 0.849, target: target(0.9), lagging: true })).toBe('below');
  });

  it('says when there is no target, or nobody to count', () => {
    expect(standingOf({ rate: 0.5, target: null, lagging: null })).toBe('noTarget');
    expect(standingOf({ rate: null, target: target(0.9), lagging: null })).toBe('noData');
  });
});

describe('coverageUrl', () => {
  it('leaves the defaults (18+, dose 3, own unit, today) out of the address', () => {
    expect(coverageUrl({})).toBe('/vaccination/coverage');
    expect(coverageUrl({ ageGroup: '18+', dose: 3 })).toBe('/vaccination/coverage');
    expect(coverageUrl({ unit: '105', asOf: '2022-08-31', ageGroup: '12-17', dose: 2 })).toBe(
      '/vaccination/coverage?unit=105&asOf=2022-08-31&ageGroup=12-17&dose=2',
    );
  });
});
