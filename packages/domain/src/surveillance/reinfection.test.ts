import { describe, expect, it } from 'vitest';
import { newCaseAllowed, REINFECTION_POLICIES } from './reinfection.ts';

const recovered = (detectedOn: string) => ({ status: 'recovered' as const, detectedOn });

describe('newCaseAllowed', () => {
  it('allows a first case, which is not a reinfection', () => {
    const r = newCaseAllowed({ previous: null, detectedOn: '2021-08-01' });
    expect(r).toMatchObject({ allowed: true, reinfection: false });
    expect(r.problem).toBeUndefined();
  });

  it('refuses a second active case, naming the person', () => {
    const r = newCaseAllowed({
      previous: { status: 'active', detectedOn: '2021-08-01' },
      detectedOn: '2022-01-01',
    });
    expect(r).toMatchObject({ allowed: false, reinfection: false });
    expect(r.problem).toEqual({
      code: 'active_case',
      message: 'Người này đang là ca bệnh chưa kết thúc (phát hiện ngày 01/08/2021)',
      field: 'personId',
    });
  });

  it('refuses a case for a person who died', () => {
    const r = newCaseAllowed({
      previous: { status: 'died', detectedOn: '2021-08-01' },
      detectedOn: '2022-01-01',
    });
    expect(r.problem).toMatchObject({ code: 'person_died', field: 'personId' });
  });

  it('counts a reinfection from the 90th day after the previous detection, not the 89th', () => {
    const early = newCaseAllowed({ previous: recovered('2021-08-01'), detectedOn: '2021-10-29' });
    expect(early).toMatchObject({ allowed: false, reinfection: false });
    expect(early.problem).toEqual({
      code: 'reinfection_too_soon',
      message: 'Chưa đủ 90 ngày kể từ lần phát hiện trước (01/08/2021): không tính là ca tái nhiễm',
      field: 'detectedOn',
    });
    const on = newCaseAllowed({ previous: recovered('2021-08-01'), detectedOn: '2021-10-30' });
    expect(on).toMatchObject({
      allowed: true,
      reinfection: true,
      policy: { code: 'reinfection/90-days', unconfirmed: true },
    });
    expect(on.reasons[0]).toMatch(
      /^Phát hiện sau 90 ngày kể từ lần phát hiện trước \(01\/08\/2021\): ca tái nhiễm/,
    );
  });

  it('treats a case transferred out as closed', () => {
    const r = newCaseAllowed({
      previous: { status: 'transferred_out', detectedOn: '2021-08-01' },
      detectedOn: '2022-01-01',
    });
    expect(r).toMatchObject({ allowed: true, reinfection: true });
  });

  it('refuses a detection before the previous one', () => {
    const r = newCaseAllowed({ previous: recovered('2021-08-01'), detectedOn: '2021-07-31' });
    expect(r.problem).toMatchObject({ code: 'detected_before_previous', field: 'detectedOn' });
  });

  it('lets a province set its own gap', () => {
    const province = [{ ...REINFECTION_POLICIES[0], code: 'province/60', minDaysSincePrevious: 60 }];
    expect(
      newCaseAllowed({ previous: recovered('2022-01-01'), detectedOn: '2022-03-02' }, province).allowed,
    ).toBe(true);
    expect(
      newCaseAllowed({ previous: recovered('2022-01-01'), detectedOn: '2022-03-01' }, province).allowed,
    ).toBe(false);
  });
});
