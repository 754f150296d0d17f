import { describe, expect, it } from 'vitest';
import { ARRIVAL_QUARANTINE_POLICIES, arrivalPlan, episodeDay } from './episodes.ts';
import {
  canChangeFacilityState,
  daysUntilFull,
  FACILITY_STATES,
  MAX_WEEKLY_GROWTH,
  nextWaveNeed,
  occupancyLevel,
} from './facilities.ts';

describe('arrival quarantine: the version in force on the arrival day', () => {
  it('changes on the first day of each version, not the day before', () => {
    expect(arrivalPlan({ arrivedOn: '2021-05-04', vaccination: 'none' }).plannedEndOn).toBe('2021-05-18');
    expect(arrivalPlan({ arrivedOn: '2021-05-05', vaccination: 'none' }).plannedEndOn).toBe('2021-05-26');
    expect(arrivalPlan({ arrivedOn: '2021-07-13', vaccination: 'full' }).plannedEndOn).toBe('2021-08-03');
    expect(arrivalPlan({ arrivedOn: '2021-07-14', vaccination: 'full' }).plannedEndOn).toBe('2021-07-28');
    expect(arrivalPlan({ arrivedOn: '2021-07-31', vaccination: 'full' }).plannedEndOn).toBe('2021-08-14');
    expect(arrivalPlan({ arrivedOn: '2021-08-01', vaccination: 'full' }).plannedEndOn).toBe('2021-08-08');
    expect(arrivalPlan({ arrivedOn: '2021-08-01', vaccination: 'partial' }).plannedEndOn).toBe('2021-08-15');
  });
  it('counts an unknown vaccination as not fully vaccinated, and says so', () => {
    const plan = arrivalPlan({ arrivedOn: '2021-09-01', vaccination: 'unknown' });
    expect(plan.plannedEndOn).toBe('2021-09-15');
    expect(plan.reasons[0]).toContain('chưa rõ tiêm chủng');
  });
  it('marks what is unconfirmed, the day-0 convention included; CV 5599 itself is confirmed', () => {
    const cv5599 = arrivalPlan({ arrivedOn: '2021-07-20', vaccination: 'none' }).policy;
    expect(cv5599.code).toBe('arrival/cv-5599-byt-mt');
    expect(cv5599.unconfirmedPoints).toEqual([expect.stringContaining('ngày 0')]);
    for (const p of ARRIVAL_QUARANTINE_POLICIES.filter((x) => x.code !== 'arrival/cv-5599-byt-mt')) {
      expect(p.unconfirmed).toBe(true);
    }
  });
  it('counts the start as day 1', () => {
    expect(episodeDay('2022-02-24', '2022-02-24')).toBe(1);
    expect(episodeDay('2022-02-24', '2022-03-02')).toBe(7);
  });
});

describe('facility states', () => {
  it('allows forward steps, standing down and reopening, nothing else', () => {
    const allowed = FACILITY_STATES.flatMap((a) =>
      FACILITY_STATES.filter((b) => canChangeFacilityState(a, b)).map((b) => `${a}→${b}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'planned→ready',
        'planned→closed',
        'ready→active',
        'ready→planned',
        'ready→closed',
        'active→closed',
        'active→ready',
        'closed→ready',
      ].sort(),
    );
  });
});

describe('capacity arithmetic', () => {
  it('colours at 80 % and when full', () => {
    expect(occupancyLevel(10, 7)).toBe('ok');
    expect(occupancyLevel(10, 8)).toBe('tight');
    expect(occupancyLevel(10, 10)).toBe('full');
    expect(occupancyLevel(0, 0)).toBe('full');
  });
  it('days until full: none when not filling, 0 when full', () => {
    expect(daysUntilFull(10, 0)).toBeNull();
    expect(daysUntilFull(10, -1)).toBeNull();
    expect(daysUntilFull(0, 2)).toBe(0);
    expect(daysUntilFull(10, 3)).toBe(3);
  });
  it("projects two weeks at last week's growth, capped, split by severity tier", () => {
    const need = nextWaveNeed({
      casesLastWeek: 100,
      casesWeekBefore: 50,
      activeBySeverityTier: { 1: 80, 2: 15, 3: 5 },
      freeByTier: { 1: 100, 2: 10, 3: 50 },
    });
    expect(need.weeklyGrowth).toBe(2);
    expect(need.projectedCases).toBe(600); // 200 + 400
    expect(need.byTier).toEqual([
      { tier: 1, share: 0.8, needed: 480, free: 100, shortfall: 380 },
      { tier: 2, share: 0.15, needed: 90, free: 10, shortfall: 80 },
      { tier: 3, share: 0.05, needed: 30, free: 50, shortfall: 0 },
    ]);
    const capped = nextWaveNeed({
      casesLastWeek: 40,
      casesWeekBefore: 1,
      activeBySeverityTier: {},
      freeByTier: {},
    });
    expect(capped.weeklyGrowth).toBe(MAX_WEEKLY_GROWTH);
    expect(capped.byTier[0]).toMatchObject({ tier: 1, share: 1 });
    expect(
      nextWaveNeed({ casesLastWeek: 0, casesWeekBefore: 0, activeBySeverityTier: {}, freeByTier: {} })
        .projectedCases,
    ).toBe(0);
  });
});
