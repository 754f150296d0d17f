import { describe, expect, it } from 'vitest';
import { isolationDay, isUnreachable, monitoringPolicyAt } from './monitoring.ts';

describe('monitoring policy', () => {
  const policy = monitoringPolicyAt('2022-02-10');
  it('twice a day, 24 h of silence (UNCONFIRMED)', () => {
    expect(policy).toMatchObject({ entriesPerDay: 2, unreachableAfterHours: 24, unconfirmed: true });
  });
  it('unreachable after exactly more than the hours allowed', () => {
    const now = new Date('2022-02-10T12:00:00Z');
    const enrolledAt = new Date('2022-02-01T00:00:00Z');
    expect(isUnreachable({ lastEntryAt: new Date('2022-02-09T12:00:00Z'), enrolledAt }, now, policy)).toBe(
      false,
    );
    expect(isUnreachable({ lastEntryAt: new Date('2022-02-09T11:59:59Z'), enrolledAt }, now, policy)).toBe(
      true,
    );
    expect(
      isUnreachable({ lastEntryAt: null, enrolledAt: new Date('2022-02-09T12:00:00Z') }, now, policy),
    ).toBe(false);
    expect(
      isUnreachable({ lastEntryAt: null, enrolledAt: new Date('2022-02-09T11:00:00Z') }, now, policy),
    ).toBe(true);
    expect(
      isUnreachable({ lastEntryAt: new Date('2022-02-10T11:00:00Z'), enrolledAt }, now, {
        unreachableAfterHours: 1,
        graceHours: 1,
      }),
    ).toBe(false);
  });
  it('day 1 is the start of isolation', () => {
    expect(isolationDay('2022-02-10', '2022-02-10')).toBe(1);
    expect(isolationDay('2022-02-03', '2022-02-10')).toBe(8);
  });
});
