import { describe, expect, it } from 'vitest';
import { type Reading, respiratoryThreshold, WARNING_POLICIES, warningSigns } from './warning-signs.ts';

const adult = (over: Partial<Reading> = {}): Reading => ({
  on: '2022-02-10',
  birthDate: '1980-05-01',
  ...over,
});

describe('warningSigns: SpO2 (§3.4 W3, cut-off UNCONFIRMED, default ≤95%)', () => {
  it('96% is fine, 95% once asks for a recheck at urgent, confirmed low is an emergency', () => {
    expect(warningSigns(adult({ spo2: 96 }))).toMatchObject({ signs: [], severity: 0, recheckSpo2: false });
    const once = warningSigns(adult({ spo2: 95 }));
    expect(once).toMatchObject({ signs: ['low_spo2_unconfirmed'], severity: 2, recheckSpo2: true });
    expect(once.reasons[0]).toContain('cần đo lại');
    expect(warningSigns(adult({ spo2: 95, spo2Recheck: 95 }))).toMatchObject({
      signs: ['low_spo2'],
      severity: 3,
      recheckSpo2: false,
    });
    expect(warningSigns(adult({ spo2: 93, spo2Recheck: 96 }))).toMatchObject({ signs: [], severity: 0 });
  });

  it('a province cut-off replaces the default', () => {
    expect(warningSigns(adult({ spo2: 96 }), { spo2AtMost: 96 }).signs).toEqual(['low_spo2_unconfirmed']);
    expect(warningSigns(adult({ spo2: 95 }), { spo2AtMost: 94 }).signs).toEqual([]);
  });

  it('is marked UNCONFIRMED and cites the document in force on the day', () => {
    expect(warningSigns(adult({ on: '2021-08-21' })).policy).toMatchObject({
      code: 'warning/qd-4038',
      unconfirmed: true,
    });
    expect(warningSigns(adult({ on: '2022-01-30' })).policy.code).toBe('warning/qd-4038');
    expect(warningSigns(adult({ on: '2022-01-31' })).policy.code).toBe('warning/qd-261');
    expect(warningSigns(adult({ on: '2022-03-14' })).policy.code).toBe('warning/qd-604');
  });
});

describe('warningSigns: respiratory rate by age (§3.4 W2)', () => {
  const on = '2022-02-10';
  it('adults: 20 fine, 21 fast', () => {
    expect(warningSigns(adult({ respiratoryRate: 20 })).signs).toEqual([]);
    expect(warningSigns(adult({ respiratoryRate: 21 }))).toMatchObject({
      signs: ['fast_breathing'],
      severity: 2,
    });
  });
  it('1 to <5 years: 39 fine, 40 fast; on the 1st and 5th birthdays', () => {
    const child = (birthDate: string, respiratoryRate: number) =>
      warningSigns({ on, birthDate, respiratoryRate }).signs;
    expect(child('2021-02-10', 39)).toEqual([]); // 1st birthday today
    expect(child('2021-02-10', 40)).toEqual(['fast_breathing']);
    expect(child('2017-02-11', 39)).toEqual([]); // 4 years, 364 days
    expect(child('2017-02-11', 40)).toEqual(['fast_breathing']);
  });
  it('5 to <12 years: 29 fine, 30 fast; 12 years reads as an adult', () => {
    const child = (birthDate: string, respiratoryRate: number) =>
      warningSigns({ on, birthDate, respiratoryRate }).signs;
    expect(child('2017-02-10', 29)).toEqual([]); // 5th birthday today
    expect(child('2017-02-10', 30)).toEqual(['fast_breathing']);
    expect(child('2010-02-11', 30)).toEqual(['fast_breathing']); // 11 years
    expect(child('2010-02-10', 30)).toEqual(['fast_breathing']); // 12 today: ≥21
    expect(child('2010-02-10', 20)).toEqual([]);
  });
  it('infants: WHO thresholds (UNCONFIRMED)', () => {
    const p = WARNING_POLICIES[2];
    expect(respiratoryThreshold(p, '2022-01-15', on)).toBe(60);
    expect(respiratoryThreshold(p, '2021-12-10', on)).toBe(50); // 2 months today
    expect(respiratoryThreshold(p, '2021-12-11', on)).toBe(60);
  });
});

describe('warningSigns: pulse, blood pressure, observations', () => {
  it('pulse >120 or <50', () => {
    expect(warningSigns(adult({ pulse: 120 })).signs).toEqual([]);
    expect(warningSigns(adult({ pulse: 121 })).signs).toEqual(['pulse']);
    expect(warningSigns(adult({ pulse: 50 })).signs).toEqual([]);
    expect(warningSigns(adult({ pulse: 49 })).signs).toEqual(['pulse']);
  });
  it('systolic <90 or diastolic <60', () => {
    expect(warningSigns(adult({ systolic: 90, diastolic: 60 })).signs).toEqual([]);
    expect(warningSigns(adult({ systolic: 89, diastolic: 70 })).signs).toEqual(['low_blood_pressure']);
    expect(warningSigns(adult({ systolic: 110, diastolic: 59 })).signs).toEqual(['low_blood_pressure']);
  });
  it('observations raise their sign; the worst decides the severity', () => {
    expect(warningSigns(adult({ symptoms: ['cough', 'fever'] }))).toMatchObject({ signs: [], severity: 0 });
    expect(warningSigns(adult({ symptoms: ['worried'] }))).toMatchObject({ signs: ['worried'], severity: 1 });
    const r = warningSigns(adult({ symptoms: ['chest_pain', 'cyanosis'], pulse: 130 }));
    expect(r.signs).toEqual(['pulse', 'chest_pain', 'cyanosis']);
    expect(r.severity).toBe(3);
    expect(r.reasons).toHaveLength(3);
  });
});
