import { ageOn, formatVnDate } from '../dates/dates.ts';
import { addDays } from '../surveillance/days.ts';
import { type PolicyRef, policyRef, versionAt } from '../surveillance/policy.ts';
import { SYMPTOM_LABELS, type Symptom } from './warning-signs.ts';

export const UNDERLYING_DISEASE = ['none', 'stable', 'unstable'] as const;
export type UnderlyingDisease = (typeof UNDERLYING_DISEASE)[number];
export const UNDERLYING_DISEASE_LABELS: Record<UnderlyingDisease, string> = {
  none: 'Không có bệnh nền',
  stable: 'Có bệnh nền, đang điều trị ổn định',
  unstable: 'Có bệnh nền chưa ổn định',
};

/** A version of the criteria for caring for an F0 at home (rules file §3.2). */
export interface HomeCarePolicy extends PolicyRef {
  /** Symptoms that still count as mild (criterion 1); any other one needs a clinician's look. */
  mildSymptoms: readonly Symptom[];
  /** Criterion 2: respiratory rate and SpO2 on room air. */
  respiratory: { atMost: number; borderline: number | null };
  spo2: { atLeast: number; borderline: number | null };
  /** Criterion 3 of QĐ 4038: vaccinated, or young, healthy and not pregnant; null when dropped. */
  vaccinationOrLowRisk: { daysAfterSingleDose: number; minAge: number; maxAgeBelow: number } | null;
  /** Whether an underlying disease under stable treatment is allowed (QĐ 261 on). */
  stableDiseaseAllowed: boolean;
}

/** §3.2 R3.2.1: QĐ 4038 lists fever, dry cough, sore throat, stuffy nose, fatigue, headache, myalgia (numb tongue). */
const MILD_4038: readonly Symptom[] = [
  'fever',
  'cough',
  'sore_throat',
  'stuffy_nose',
  'fatigue',
  'headache',
  'myalgia',
];
/** §3.2 R3.2.2: QĐ 261 adds diarrhoea, runny nose, loss of smell and loss of taste. */
const MILD_261: readonly Symptom[] = [...MILD_4038, 'diarrhoea', 'runny_nose', 'loss_taste_smell'];

export const HOME_CARE_POLICIES: readonly HomeCarePolicy[] = [
  {
    code: 'home-care/qd-4038',
    source: 'QĐ 4038/QĐ-BYT (21/08/2021)',
    effectiveFrom: '2021-08-21',
    mildSymptoms: MILD_4038,
    // §3.2 R3.2.1: respiratory rate ≤20/min, SpO2 ≥96% on room air.
    respiratory: { atMost: 20, borderline: null },
    spo2: { atLeast: 96, borderline: null },
    // §3.2 R3.2.1 3(a): 2 doses, or 1 dose ≥14 days before; 3(b): age >1 and <50, no disease, not pregnant.
    vaccinationOrLowRisk: { daysAfterSingleDose: 14, minAge: 1, maxAgeBelow: 50 },
    stableDiseaseAllowed: false,
  },
  {
    code: 'home-care/qd-261',
    source: 'QĐ 261/QĐ-BYT (31/01/2022)',
    effectiveFrom: '2022-01-31',
    unconfirmed: true,
    unconfirmedPoints: [
      'Dấu so sánh của QĐ 261 (nhịp thở < 20, SpO2 > 96%) chưa xác nhận: nhịp thở 20 và SpO2 96% cần xem xét',
    ],
    mildSymptoms: MILD_261,
    // §3.2 R3.2.2: RR <20/min, SpO2 >96%; the operator is UNCONFIRMED, so 20 and 96 are borderline.
    respiratory: { atMost: 19, borderline: 20 },
    spo2: { atLeast: 97, borderline: 96 },
    // §3.2 R3.2.2 3: the vaccination and age conditions of 4038 are dropped.
    vaccinationOrLowRisk: null,
    stableDiseaseAllowed: true,
  },
  {
    code: 'home-care/qd-604',
    source: 'QĐ 604/QĐ-BYT (14/03/2022)',
    effectiveFrom: '2022-03-14',
    unconfirmed: true,
    unconfirmedPoints: [
      'Tiêu chí của QĐ 604 chưa được xác nhận: áp dụng như QĐ 261 (văn bản thay thế)',
      'Dấu so sánh (nhịp thở < 20, SpO2 > 96%) chưa xác nhận: nhịp thở 20 và SpO2 96% cần xem xét',
    ],
    // §3.1: 604 replaced 261 and 528; its criteria are read as 261's (UNCONFIRMED).
    mildSymptoms: MILD_261,
    respiratory: { atMost: 19, borderline: 20 },
    spo2: { atLeast: 97, borderline: 96 },
    vaccinationOrLowRisk: null,
    stableDiseaseAllowed: true,
  },
];

export interface HomeCareFacts {
  /** YYYY-MM-DD of the assessment: chooses the policy and the age. */
  assessedOn: string;
  birthDate: string;
  underlyingDisease: UnderlyingDisease;
  pregnant: boolean;
  vaccineDoses: number;
  lastDoseOn?: string | null;
  respiratoryRate?: number | null;
  spo2?: number | null;
  /** Grunting, chest indrawing, nasal flaring, wheeze, stridor. */
  abnormalBreathing?: boolean;
  symptoms: readonly Symptom[];
  /** Can eat, bathe, use the toilet and call a health worker unaided. */
  selfCare: boolean;
  /** A family caregiver who meets the criteria. */
  caregiver: boolean;
}

export type CriterionOutcome = 'met' | 'not_met' | 'review';
export type HomeCareOutcome = 'eligible' | 'not_eligible' | 'review';
export const HOME_CARE_OUTCOME_LABELS: Record<HomeCareOutcome, string> = {
  eligible: 'Đủ điều kiện chăm sóc tại nhà',
  not_eligible: 'Không đủ điều kiện chăm sóc tại nhà',
  review: 'Cần nhân viên y tế xem xét',
};

export interface HomeCareCriterion {
  code: 'policy' | 'symptoms' | 'respiratory' | 'vaccination_or_risk' | 'underlying_disease' | 'self_care';
  outcome: CriterionOutcome;
  reason: string;
}

export interface HomeCareEligibility {
  outcome: HomeCareOutcome;
  criteria: HomeCareCriterion[];
  policy: PolicyRef;
}

function symptomsCriterion(policy: HomeCarePolicy, facts: HomeCareFacts): HomeCareCriterion {
  const other = facts.symptoms.filter((s) => !policy.mildSymptoms.includes(s));
  if (facts.symptoms.length === 0) {
    return { code: 'symptoms', outcome: 'met', reason: 'Không có triệu chứng' };
  }
  if (other.length === 0) {
    return { code: 'symptoms', outcome: 'met', reason: 'Chỉ có triệu chứng nhẹ' };
  }
  return {
    code: 'symptoms',
    outcome: 'review',
    reason: `Triệu chứng ngoài danh sách triệu chứng nhẹ của ${policy.source}: ${other
      .map((s) => SYMPTOM_LABELS[s].toLowerCase())
      .join(', ')}`,
  };
}

function respiratoryCriterion(policy: HomeCarePolicy, facts: HomeCareFacts): HomeCareCriterion {
  const { respiratoryRate: rr, spo2 } = facts;
  if (facts.abnormalBreathing) {
    return { code: 'respiratory', outcome: 'not_met', reason: 'Có dấu hiệu thở bất thường' };
  }
  if (rr == null || spo2 == null) {
    return {
      code: 'respiratory',
      outcome: 'review',
      reason: 'Chưa đo nhịp thở hoặc SpO2: cần đo trước khi quyết định',
    };
  }
  const problems: string[] = [];
  const borderline: string[] = [];
  if (rr > policy.respiratory.atMost) {
    if (rr === policy.respiratory.borderline) borderline.push(`nhịp thở ${rr} lần/phút (đúng ngưỡng)`);
    else problems.push(`nhịp thở ${rr} lần/phút (tối đa ${policy.respiratory.atMost})`);
  }
  if (spo2 < policy.spo2.atLeast) {
    if (spo2 === policy.spo2.borderline) borderline.push(`SpO2 ${spo2}% (đúng ngưỡng)`);
    else problems.push(`SpO2 ${spo2}% (tối thiểu ${policy.spo2.atLeast}%)`);
  }
  if (problems.length) {
    return {
      code: 'respiratory',
      outcome: 'not_met',
      reason: `Có dấu hiệu viêm phổi hoặc thiếu oxy: ${problems.join(', ')}`,
    };
  }
  if (borderline.length) {
    return {
      code: 'respiratory',
      outcome: 'review',
      reason: `Giá trị ở ngưỡng, ${policy.source} chưa rõ có tính hay không: ${borderline.join(', ')}`,
    };
  }
  return {
    code: 'respiratory',
    outcome: 'met',
    reason: `Nhịp thở ${rr} lần/phút, SpO2 ${spo2}%: không có dấu hiệu thiếu oxy`,
  };
}

function vaccinationOrRiskCriterion(
  rule: NonNullable<HomeCarePolicy['vaccinationOrLowRisk']>,
  facts: HomeCareFacts,
): HomeCareCriterion {
  const code = 'vaccination_or_risk';
  if (facts.vaccineDoses >= 2)
    return { code, outcome: 'met', reason: `Đã tiêm ${facts.vaccineDoses} mũi vắc xin` };
  if (facts.vaccineDoses === 1 && facts.lastDoseOn) {
    const from = addDays(facts.lastDoseOn, rule.daysAfterSingleDose);
    if (from <= facts.assessedOn) {
      return {
        code,
        outcome: 'met',
        reason: `Đã tiêm 1 mũi ngày ${formatVnDate(facts.lastDoseOn)} (đủ ${rule.daysAfterSingleDose} ngày)`,
      };
    }
  }
  const age = ageOn(facts.birthDate, facts.assessedOn);
  const missing: string[] = [];
  if (age < rule.minAge || age >= rule.maxAgeBelow)
    missing.push(`${age} tuổi (cần trên 1 tuổi và dưới 50 tuổi)`);
  if (facts.underlyingDisease !== 'none') missing.push('có bệnh nền');
  if (facts.pregnant) missing.push('đang mang thai');
  if (missing.length === 0) {
    return {
      code,
      outcome: 'met',
      reason: `Chưa tiêm đủ vắc xin nhưng ${age} tuổi, không có bệnh nền, không mang thai`,
    };
  }
  const doses =
    facts.vaccineDoses === 0
      ? 'chưa tiêm vắc xin'
      : `mới tiêm 1 mũi${facts.lastDoseOn ? ` ngày ${formatVnDate(facts.lastDoseOn)}` : ''}, chưa đủ ${rule.daysAfterSingleDose} ngày`;
  return {
    code,
    outcome: 'not_met',
    reason: `${doses[0].toUpperCase()}${doses.slice(1)} và ${missing.join(', ')}`,
  };
}

/**
 * Whether an F0 may be cared for at home under the criteria in force on the day of the assessment
 * (rules file §3.2): each criterion with its outcome and reason in Vietnamese. Any criterion not met
 * makes the person not eligible; otherwise any to review makes the answer "review".
 */
export function homeCareEligibility(
  facts: HomeCareFacts,
  policies: readonly HomeCarePolicy[] = HOME_CARE_POLICIES,
): HomeCareEligibility {
  const policy = versionAt(policies, facts.assessedOn);
  const criteria: HomeCareCriterion[] = [];
  if (facts.assessedOn < policies[0].effectiveFrom) {
    criteria.push({
      code: 'policy',
      outcome: 'review',
      reason: `Trước ngày ${formatVnDate(policies[0].effectiveFrom)} chưa có hướng dẫn quản lý F0 tại nhà; áp dụng tạm ${policy.source}`,
    });
  }
  criteria.push(symptomsCriterion(policy, facts), respiratoryCriterion(policy, facts));
  if (policy.vaccinationOrLowRisk) {
    criteria.push(vaccinationOrRiskCriterion(policy.vaccinationOrLowRisk, facts));
  } else {
    const disease = facts.underlyingDisease;
    criteria.push({
      code: 'underlying_disease',
      outcome:
        disease === 'unstable' || (disease === 'stable' && !policy.stableDiseaseAllowed) ? 'not_met' : 'met',
      reason: UNDERLYING_DISEASE_LABELS[disease],
    });
  }
  criteria.push(
    facts.selfCare
      ? { code: 'self_care', outcome: 'met', reason: 'Tự chăm sóc được và liên lạc được với nhân viên y tế' }
      : facts.caregiver
        ? { code: 'self_care', outcome: 'met', reason: 'Có người nhà chăm sóc đáp ứng yêu cầu' }
        : {
            code: 'self_care',
            outcome: 'not_met',
            reason: 'Không tự chăm sóc được và không có người chăm sóc',
          },
  );
  const outcome: HomeCareOutcome = criteria.some((c) => c.outcome === 'not_met')
    ? 'not_eligible'
    : criteria.some((c) => c.outcome === 'review')
      ? 'review'
      : 'eligible';
  return { outcome, criteria, policy: policyRef(policy) };
}
