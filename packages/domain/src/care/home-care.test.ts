import { describe, expect, it } from 'vitest';
import { type HomeCareFacts, homeCareEligibility } from './home-care.ts';

const facts = (over: Partial<HomeCareFacts> = {}): HomeCareFacts => ({
  assessedOn: '2021-09-01',
  birthDate: '1990-01-01',
  underlyingDisease: 'none',
  pregnant: false,
  vaccineDoses: 0,
  respiratoryRate: 18,
  spo2: 98,
  symptoms: [],
  selfCare: true,
  caregiver: false,
  ...over,
});
const outcomeOf = (f: HomeCareFacts, code: string) =>
  homeCareEligibility(f).criteria.find((c) => c.code === code)?.outcome;

describe('homeCareEligibility under QĐ 4038 (21/08/2021 – 30/01/2022)', () => {
  it('RR ≤20 and SpO2 ≥96 are met; 21 and 95 are not', () => {
    expect(homeCareEligibility(facts({ respiratoryRate: 20, spo2: 96 })).outcome).toBe('eligible');
    expect(homeCareEligibility(facts({ respiratoryRate: 21 })).outcome).toBe('not_eligible');
    expect(homeCareEligibility(facts({ spo2: 95 })).outcome).toBe('not_eligible');
    expect(homeCareEligibility(facts()).policy.code).toBe('home-care/qd-4038');
    expect(homeCareEligibility(facts({ assessedOn: '2022-01-30' })).policy.code).toBe('home-care/qd-4038');
  });
  it('unvaccinated: needs age >1 and <50, no disease, not pregnant', () => {
    expect(homeCareEligibility(facts({ birthDate: '1971-09-02' })).outcome).toBe('eligible'); // 49
    const fifty = homeCareEligibility(facts({ birthDate: '1971-09-01' }));
    expect(fifty.outcome).toBe('not_eligible');
    expect(fifty.criteria.find((c) => c.code === 'vaccination_or_risk')?.reason).toContain('50 tuổi');
    expect(outcomeOf(facts({ pregnant: true }), 'vaccination_or_risk')).toBe('not_met');
    expect(outcomeOf(facts({ underlyingDisease: 'stable' }), 'vaccination_or_risk')).toBe('not_met');
    expect(outcomeOf(facts({ birthDate: '2020-09-02' }), 'vaccination_or_risk')).toBe('not_met'); // 0 years
    expect(outcomeOf(facts({ birthDate: '2020-09-01' }), 'vaccination_or_risk')).toBe('met'); // 1 today
  });
  it('vaccinated: 2 doses, or 1 dose 14 days before, whatever the age', () => {
    const old = { birthDate: '1950-01-01', underlyingDisease: 'stable' as const };
    expect(homeCareEligibility(facts({ ...old, vaccineDoses: 2 })).outcome).toBe('eligible');
    expect(homeCareEligibility(facts({ ...old, vaccineDoses: 1, lastDoseOn: '2021-08-18' })).outcome).toBe(
      'eligible',
    );
    expect(homeCareEligibility(facts({ ...old, vaccineDoses: 1, lastDoseOn: '2021-08-19' })).outcome).toBe(
      'not_eligible',
    );
  });
  it('diarrhoea is not on the mild list of 4038: review', () => {
    expect(homeCareEligibility(facts({ symptoms: ['fever', 'diarrhoea'] })).outcome).toBe('review');
    expect(homeCareEligibility(facts({ symptoms: ['fever', 'cough'] })).outcome).toBe('eligible');
  });
  it('needs self-care or a caregiver', () => {
    expect(homeCareEligibility(facts({ selfCare: false, caregiver: true })).outcome).toBe('eligible');
    expect(homeCareEligibility(facts({ selfCare: false })).outcome).toBe('not_eligible');
  });
  it('before 4038: review, saying no guidance was in force', () => {
    const r = homeCareEligibility(facts({ assessedOn: '2021-08-20' }));
    expect(r.outcome).toBe('review');
    expect(r.criteria[0]).toMatchObject({ code: 'policy', outcome: 'review' });
  });
});

describe('homeCareEligibility under QĐ 261 (31/01/2022) and 604 (14/03/2022)', () => {
  const at = (assessedOn: string, over: Partial<HomeCareFacts> = {}) => facts({ assessedOn, ...over });
  it('RR 20 and SpO2 96 are borderline (UNCONFIRMED operator); 19 and 97 are met; 21 and 95 not', () => {
    expect(homeCareEligibility(at('2022-01-31', { respiratoryRate: 19, spo2: 97 })).outcome).toBe('eligible');
    const rr = homeCareEligibility(at('2022-01-31', { respiratoryRate: 20 }));
    expect(rr.outcome).toBe('review');
    expect(rr.policy).toMatchObject({ code: 'home-care/qd-261', unconfirmed: true });
    expect(homeCareEligibility(at('2022-01-31', { spo2: 96 })).outcome).toBe('review');
    expect(homeCareEligibility(at('2022-01-31', { respiratoryRate: 21 })).outcome).toBe('not_eligible');
    expect(homeCareEligibility(at('2022-01-31', { spo2: 95 })).outcome).toBe('not_eligible');
  });
  it('drops age and vaccination; a stable disease is allowed, an unstable one is not', () => {
    const old = { birthDate: '1940-01-01', vaccineDoses: 0 };
    expect(homeCareEligibility(at('2022-02-01', { ...old, underlyingDisease: 'stable' })).outcome).toBe(
      'eligible',
    );
    expect(homeCareEligibility(at('2022-02-01', { ...old, underlyingDisease: 'unstable' })).outcome).toBe(
      'not_eligible',
    );
    expect(
      homeCareEligibility(at('2022-02-01', { symptoms: ['diarrhoea', 'loss_taste_smell'] })).outcome,
    ).toBe('eligible');
  });
  it('604 from 14/03/2022, read like 261 and marked UNCONFIRMED', () => {
    expect(homeCareEligibility(at('2022-03-13')).policy.code).toBe('home-care/qd-261');
    const r = homeCareEligibility(at('2022-03-14', { spo2: 96 }));
    expect(r.policy).toMatchObject({ code: 'home-care/qd-604', unconfirmed: true });
    expect(r.outcome).toBe('review');
  });
  it('missing measurements or abnormal breathing', () => {
    expect(homeCareEligibility(at('2022-02-01', { spo2: null })).outcome).toBe('review');
    expect(homeCareEligibility(at('2022-02-01', { abnormalBreathing: true })).outcome).toBe('not_eligible');
  });
});
