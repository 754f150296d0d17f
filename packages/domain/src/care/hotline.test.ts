import { describe, expect, it } from 'vitest';
import {
  HOTLINE_KINDS,
  HOTLINE_RESPONSE_POLICIES,
  type HotlineResponsePolicy,
  hotlineDue,
  hotlineOverdue,
  hotlinePriority,
  hotlineReference,
} from './hotline.ts';

const none = { warningSigns: [], openAlert: false, flags: [], inIsolation: false };

describe('hotlinePriority', () => {
  it('puts warning signs or an open alert first, whatever else applies', () => {
    expect(hotlinePriority({ ...none, warningSigns: ['dyspnoea'], flags: ['poor_household'] })).toEqual({
      priority: 1,
      reasons: ['warning_signs', 'poor_household'],
    });
    expect(hotlinePriority({ ...none, openAlert: true, inIsolation: true })).toEqual({
      priority: 1,
      reasons: ['open_alert', 'in_isolation'],
    });
  });

  it('then poor households and policy families, then people in isolation, then the rest', () => {
    expect(hotlinePriority({ ...none, flags: ['policy_family'], inIsolation: true }).priority).toBe(2);
    expect(hotlinePriority({ ...none, flags: ['poor_household'] }).priority).toBe(2);
    expect(hotlinePriority({ ...none, inIsolation: true })).toEqual({
      priority: 3,
      reasons: ['in_isolation'],
    });
    expect(hotlinePriority({ ...none, flags: ['something_else'] })).toEqual({ priority: 4, reasons: [] });
    expect(hotlinePriority(none).priority).toBe(4);
  });
});

describe('hotlineDue', () => {
  const at = new Date('2022-02-20T03:00:00Z');

  it('gives each kind its target, marked UNCONFIRMED', () => {
    const minutes = Object.fromEntries(HOTLINE_KINDS.map((k) => [k, hotlineDue(at, k, 4).minutes]));
    expect(minutes).toEqual({
      medical: 30,
      medicine: 240,
      food: 720,
      test_kit: 1440,
      transport: 60,
      other: 1440,
    });
    const due = hotlineDue(at, 'medicine', 2);
    expect(due.dueAt.toISOString()).toBe('2022-02-20T07:00:00.000Z');
    expect(due.policy).toMatchObject({ code: 'hotline/local-default', unconfirmed: true });
  });

  it('shortens any kind to the urgent target for priority 1, never lengthens one', () => {
    expect(hotlineDue(at, 'food', 1).minutes).toBe(15);
    expect(hotlineDue(at, 'food', 2).minutes).toBe(720);
    const fast: HotlineResponsePolicy = { ...HOTLINE_RESPONSE_POLICIES[0], urgentMinutes: 45 };
    expect(hotlineDue(at, 'medical', 1, [fast]).minutes).toBe(30);
  });

  it('chooses the version by the Vietnamese day of receipt', () => {
    const later: HotlineResponsePolicy = {
      ...HOTLINE_RESPONSE_POLICIES[0],
      code: 'later',
      effectiveFrom: '2022-03-01',
      minutes: { ...HOTLINE_RESPONSE_POLICIES[0].minutes, food: 360 },
    };
    const table = [HOTLINE_RESPONSE_POLICIES[0], later];
    // 28/02 16:59 UTC is 23:59 on 28/02 in Vietnam; 17:00 UTC is 00:00 on 01/03.
    expect(hotlineDue(new Date('2022-02-28T16:59:00Z'), 'food', 4, table).minutes).toBe(720);
    expect(hotlineDue(new Date('2022-02-28T17:00:00Z'), 'food', 4, table).minutes).toBe(360);
  });
});

describe('hotlineOverdue', () => {
  it('is overdue only after the due instant', () => {
    const due = new Date('2022-02-20T03:30:00Z');
    expect(hotlineOverdue(due, new Date('2022-02-20T03:29:59.999Z'))).toBe(false);
    expect(hotlineOverdue(due, due)).toBe(false);
    expect(hotlineOverdue(due, new Date('2022-02-20T03:30:00.001Z'))).toBe(true);
  });
});

it('hotlineReference is the first 8 hex digits, upper-case', () => {
  expect(hotlineReference('0a1b2c3d-4e5f-6789-abcd-ef0123456789')).toBe('0A1B2C3D');
});
