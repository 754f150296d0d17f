import { describe, expect, it } from 'vitest';
import { periodAxisLabel } from './counts-sentence.ts';

describe('case count bars', () => {
  it('label weeks with their year when asked, months always', () => {
    expect(periodAxisLabel('2021-08-02', 'week')).toBe('02/08');
    expect(periodAxisLabel('2021-08-02', 'week', true)).toBe('02/08/2021');
    expect(periodAxisLabel('2021-08-01', 'month')).toBe('08/2021');
  });
});
