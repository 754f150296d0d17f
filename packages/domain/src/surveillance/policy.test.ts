import { describe, expect, it } from 'vitest';
import { type PolicyRef, policyRef, versionAt, withUnconfirmed } from './policy.ts';

const versions = [
  { code: 'a', source: 'A', effectiveFrom: '2020-01-23', days: 14 },
  { code: 'b', source: 'B', effectiveFrom: '2021-05-05', days: 21 },
  { code: 'c', source: 'C', effectiveFrom: '2021-07-14', days: 14, unconfirmed: true as const },
];

describe('versionAt', () => {
  it('chooses the version in force on the date, at each boundary', () => {
    expect(versionAt(versions, '2021-05-04').code).toBe('a');
    expect(versionAt(versions, '2021-05-05').code).toBe('b');
    expect(versionAt(versions, '2021-07-13').code).toBe('b');
    expect(versionAt(versions, '2021-07-14').code).toBe('c');
    expect(versionAt(versions, '2030-01-01').code).toBe('c');
  });

  it('judges a date before the first version by the first version', () => {
    expect(versionAt(versions, '2019-12-31').code).toBe('a');
  });

  it('refuses an invalid date and an empty table', () => {
    expect(() => versionAt(versions, '2021-02-30')).toThrow(RangeError);
    expect(() => versionAt([] as PolicyRef[], '2021-01-01')).toThrow(RangeError);
  });
});

describe('policyRef', () => {
  it('keeps only the citation', () => {
    expect(policyRef(versions[1])).toEqual({ code: 'b', source: 'B', effectiveFrom: '2021-05-05' });
    expect(policyRef(versions[2])).toEqual({
      code: 'c',
      source: 'C',
      effectiveFrom: '2021-07-14',
      unconfirmed: true,
    });
  });
});

describe('withUnconfirmed', () => {
  it('marks a citation UNCONFIRMED for one more point, once', () => {
    const marked = withUnconfirmed(policyRef(versions[1]), 'ngày 0');
    expect(marked).toEqual({
      code: 'b',
      source: 'B',
      effectiveFrom: '2021-05-05',
      unconfirmed: true,
      unconfirmedPoints: ['ngày 0'],
    });
    expect(withUnconfirmed(marked, 'ngày 0').unconfirmedPoints).toEqual(['ngày 0']);
    expect(withUnconfirmed(marked, 'khác').unconfirmedPoints).toEqual(['ngày 0', 'khác']);
  });
});
