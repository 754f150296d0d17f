import { ageOn } from '../dates/dates.ts';
import { addMonths } from '../surveillance/days.ts';
import { type PolicyRef, policyRef, versionAt } from '../surveillance/policy.ts';

/**
 * What a home-care monitoring form asks (rules file §3.3, R3.3.2: the "Phiếu theo dõi sức khỏe tại
 * nhà") and the few observations the warning signs of §3.4 name that the form's list lacks.
 */
export const SYMPTOMS = [
  'fever',
  'fatigue',
  'cough',
  'cough_sputum',
  'chills',
  'conjunctivitis',
  'loss_taste_smell',
  'diarrhoea',
  'coughing_blood',
  'dyspnoea',
  'chest_pain',
  'drowsiness',
  'sore_throat',
  'headache',
  'dizziness',
  'loss_appetite',
  'nausea_vomiting',
  'myalgia',
  'runny_nose',
  'stuffy_nose',
  // §3.4 W1 (children), W7, W8, W9, W10, W11: observations the form's list does not carry.
  'abnormal_breathing',
  'confusion',
  'cyanosis',
  'unable_to_drink',
  'inflammatory_signs',
  'worried',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** The words of each symptom, as the form shows them. */
export const SYMPTOM_LABELS: Record<Symptom, string> = {
  fever: 'Sốt',
  fatigue: 'Mệt mỏi',
  cough: 'Ho',
  cough_sputum: 'Ho có đờm',
  chills: 'Ớn lạnh, gai rét',
  conjunctivitis: 'Viêm kết mạc (mắt đỏ)',
  loss_taste_smell: 'Mất vị giác hoặc khứu giác',
  diarrhoea: 'Tiêu chảy',
  coughing_blood: 'Ho ra máu',
  dyspnoea: 'Thở dốc, khó thở',
  chest_pain: 'Đau tức ngực kéo dài',
  drowsiness: 'Lơ mơ, không tỉnh táo',
  sore_throat: 'Đau họng',
  headache: 'Đau đầu',
  dizziness: 'Chóng mặt',
  loss_appetite: 'Chán ăn',
  nausea_vomiting: 'Buồn nôn, nôn',
  myalgia: 'Đau nhức cơ',
  runny_nose: 'Chảy nước mũi',
  stuffy_nose: 'Nghẹt mũi',
  abnormal_breathing: 'Trẻ thở bất thường (thở rên, rút lõm lồng ngực, phập phồng cánh mũi, khò khè)',
  confusion: 'Thay đổi ý thức: lú lẫn, li bì, khó đánh thức, co giật',
  cyanosis: 'Tím môi, tím đầu móng tay, móng chân; da, môi nhợt nhạt',
  unable_to_drink: 'Không thể uống; trẻ bú kém, ăn kém, nôn',
  inflammatory_signs: 'Trẻ sốt cao, mắt đỏ, môi đỏ, bàn tay bàn chân sưng đỏ',
  worried: 'Có tình trạng khác mà người bệnh thấy lo lắng',
};

/** The warning signs of §3.4 the rules name (W1–W11), as codes stored with an entry and an alert. */
export const WARNING_SIGNS = [
  'dyspnoea',
  'fast_breathing',
  'low_spo2',
  'low_spo2_unconfirmed',
  'pulse',
  'low_blood_pressure',
  'chest_pain',
  'consciousness',
  'cyanosis',
  'unable_to_drink',
  'child_inflammatory',
  'worried',
] as const;
export type WarningSign = (typeof WARNING_SIGNS)[number];

export const WARNING_SIGN_LABELS: Record<WarningSign, string> = {
  dyspnoea: 'Khó thở, thở hụt hơi',
  fast_breathing: 'Nhịp thở nhanh',
  low_spo2: 'SpO2 thấp (đã đo lại)',
  low_spo2_unconfirmed: 'SpO2 thấp, cần đo lại',
  pulse: 'Mạch nhanh hoặc chậm bất thường',
  low_blood_pressure: 'Huyết áp thấp',
  chest_pain: 'Đau tức ngực',
  consciousness: 'Thay đổi ý thức',
  cyanosis: 'Tím tái',
  unable_to_drink: 'Không uống được, ăn kém, nôn',
  child_inflammatory: 'Dấu hiệu viêm đa hệ thống ở trẻ',
  worried: 'Tình trạng khác người bệnh lo lắng',
};

/** How urgent an entry or an alert is; the board shows the highest first. */
export const ALERT_SEVERITIES = [0, 1, 2, 3] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const ALERT_SEVERITY_LABELS: Record<AlertSeverity, string> = {
  0: 'Bình thường',
  1: 'Cần theo dõi',
  2: 'Khẩn',
  3: 'Cấp cứu',
};

/** The severity each sign raises. A low SpO2 read once stays below a confirmed one until re-measured. */
export const SIGN_SEVERITY: Record<WarningSign, AlertSeverity> = {
  dyspnoea: 3,
  low_spo2: 3,
  consciousness: 3,
  cyanosis: 3,
  low_spo2_unconfirmed: 2,
  fast_breathing: 2,
  pulse: 2,
  low_blood_pressure: 2,
  chest_pain: 2,
  unable_to_drink: 2,
  child_inflammatory: 2,
  worried: 1,
};

/** The sign an observation on the form stands for (§3.4), when it is one. */
const SYMPTOM_SIGN: Partial<Record<Symptom, WarningSign>> = {
  dyspnoea: 'dyspnoea', // W1
  abnormal_breathing: 'dyspnoea', // W1, children
  chest_pain: 'chest_pain', // W6
  drowsiness: 'consciousness', // W7
  confusion: 'consciousness', // W7
  cyanosis: 'cyanosis', // W8
  unable_to_drink: 'unable_to_drink', // W9
  inflammatory_signs: 'child_inflammatory', // W10
  worried: 'worried', // W11 (wording UNCONFIRMED)
};

/** Respiratory rate per minute at or above which breathing is fast, from an age (in months) on. */
export interface RespiratoryBand {
  fromMonths: number;
  atLeast: number;
}

/** A version of the warning thresholds (rules file §3.4), chosen by the day of the reading. */
export interface WarningPolicy extends PolicyRef {
  /** Sorted by fromMonths; the last band whose fromMonths the age reached applies. */
  respiratory: readonly RespiratoryBand[];
  /** SpO2 at or below this (%) is low; a province may set its own (settings). */
  spo2AtMost: number;
  pulseAbove: number;
  pulseBelow: number;
  systolicBelow: number;
  diastolicBelow: number;
}

const BANDS: readonly RespiratoryBand[] = [
  // Under 1 year: not in the rules file; WHO IMCI fast breathing (UNCONFIRMED for Vietnam).
  { fromMonths: 0, atLeast: 60 },
  { fromMonths: 2, atLeast: 50 },
  // §3.4 W2: children aged 1 to <5 years ≥40/min.
  { fromMonths: 12, atLeast: 40 },
  // §3.4 W2: children aged 5 to <12 years ≥30/min.
  { fromMonths: 60, atLeast: 30 },
  // §3.4 W2: adults ≥21/min (ages 12 to <18 read as adults: UNCONFIRMED).
  { fromMonths: 144, atLeast: 21 },
];

const UNCONFIRMED_POINTS = [
  'Ngưỡng SpO2 của Bộ Y tế chưa được xác nhận (Hà Nội: < 95%, TP.HCM: < 96%); mặc định ≤ 95%, tỉnh có thể đặt ngưỡng riêng',
  'Nhịp thở của trẻ dưới 1 tuổi theo WHO (IMCI), chưa có trong văn bản của Bộ Y tế',
  'Người 12 đến dưới 18 tuổi áp dụng ngưỡng nhịp thở của người lớn (chưa xác nhận)',
];

function warningVersion(code: string, source: string, effectiveFrom: string): WarningPolicy {
  return {
    code,
    source,
    effectiveFrom,
    unconfirmed: true,
    unconfirmedPoints: UNCONFIRMED_POINTS,
    respiratory: BANDS,
    // §3.4 W3: MoH cut-off UNCONFIRMED, best understanding ≤95% (Hà Nội DoH <95%, HCMC DoH <96%).
    spo2AtMost: 95,
    // §3.4 W4: pulse >120/min or <50/min.
    pulseAbove: 120,
    pulseBelow: 50,
    // §3.4 W5: systolic <90 mmHg, diastolic <60 mmHg.
    systolicBelow: 90,
    diastolicBelow: 60,
  };
}

/**
 * The thresholds by the document in force; the numbers are the same in the three (the rules file
 * gives one list of signs for the MoH home-care guidance), the citation follows the day.
 */
export const WARNING_POLICIES: readonly WarningPolicy[] = [
  warningVersion('warning/qd-4038', 'QĐ 4038/QĐ-BYT (21/08/2021)', '2021-08-21'),
  warningVersion('warning/qd-261', 'QĐ 261/QĐ-BYT (31/01/2022)', '2022-01-31'),
  warningVersion('warning/qd-604', 'QĐ 604/QĐ-BYT (14/03/2022)', '2022-03-14'),
];

/** The lowest and highest SpO2 cut-off a province may set (anything else is a typing error). */
export const SPO2_CUTOFF_RANGE = { min: 90, max: 97 } as const;

/** One reading of the monitoring form. Missing measurements are not judged. */
export interface Reading {
  /** YYYY-MM-DD (in Vietnam) of the reading: chooses the policy and the age. */
  on: string;
  birthDate: string;
  spo2?: number | null;
  /** SpO2 measured again after 30 s–1 min when the first was low. */
  spo2Recheck?: number | null;
  respiratoryRate?: number | null;
  pulse?: number | null;
  systolic?: number | null;
  diastolic?: number | null;
  symptoms?: readonly Symptom[];
}

export interface WarningResult {
  signs: WarningSign[];
  severity: AlertSeverity;
  /** The SpO2 was low once and not measured again: ask for it (Đo lại SpO2). */
  recheckSpo2: boolean;
  /** Each sign found, in Vietnamese, with the number and the threshold. */
  reasons: string[];
  policy: PolicyRef;
}

function monthsOld(birthDate: string, on: string): number {
  const years = ageOn(birthDate, on);
  let months = years * 12;
  while (months < years * 12 + 12 && addMonths(birthDate, months + 1) <= on) months++;
  return months;
}

/** The fast-breathing threshold for a child or an adult on a day. */
export function respiratoryThreshold(policy: WarningPolicy, birthDate: string, on: string): number {
  const months = monthsOld(birthDate, on);
  let found = policy.respiratory[0];
  for (const band of policy.respiratory) if (band.fromMonths <= months) found = band;
  return found.atLeast;
}

/**
 * The warning signs of a reading under the policy in force on its day (§3.4), the severity the
 * board orders by, and whether the SpO2 must be measured again. `spo2AtMost` is the province's
 * cut-off when it set one.
 */
export function warningSigns(
  reading: Reading,
  opts: { spo2AtMost?: number; policies?: readonly WarningPolicy[] } = {},
): WarningResult {
  const policy = versionAt(opts.policies ?? WARNING_POLICIES, reading.on);
  const cutoff = opts.spo2AtMost ?? policy.spo2AtMost;
  const signs = new Set<WarningSign>();
  const reasons: string[] = [];
  let recheckSpo2 = false;

  if (reading.spo2 != null && reading.spo2 <= cutoff) {
    if (reading.spo2Recheck == null) {
      recheckSpo2 = true;
      signs.add('low_spo2_unconfirmed');
      reasons.push(`SpO2 ${reading.spo2}% (≤ ${cutoff}%): cần đo lại sau 30 giây đến 1 phút`);
    } else if (reading.spo2Recheck <= cutoff) {
      signs.add('low_spo2');
      reasons.push(`SpO2 ${reading.spo2}%, đo lại ${reading.spo2Recheck}% (≤ ${cutoff}%)`);
    } else {
      reasons.push(`SpO2 ${reading.spo2}% nhưng đo lại ${reading.spo2Recheck}% (> ${cutoff}%)`);
    }
  } else if (reading.spo2 == null && reading.spo2Recheck != null && reading.spo2Recheck <= cutoff) {
    signs.add('low_spo2_unconfirmed');
    recheckSpo2 = true;
    reasons.push(`SpO2 ${reading.spo2Recheck}% (≤ ${cutoff}%): cần đo lại sau 30 giây đến 1 phút`);
  }

  if (reading.respiratoryRate != null) {
    const atLeast = respiratoryThreshold(policy, reading.birthDate, reading.on);
    if (reading.respiratoryRate >= atLeast) {
      signs.add('fast_breathing');
      reasons.push(`Nhịp thở ${reading.respiratoryRate} lần/phút (≥ ${atLeast} ở tuổi này)`);
    }
  }
  if (reading.pulse != null && (reading.pulse > policy.pulseAbove || reading.pulse < policy.pulseBelow)) {
    signs.add('pulse');
    reasons.push(`Mạch ${reading.pulse} lần/phút (> ${policy.pulseAbove} hoặc < ${policy.pulseBelow})`);
  }
  const lowSystolic = reading.systolic != null && reading.systolic < policy.systolicBelow;
  const lowDiastolic = reading.diastolic != null && reading.diastolic < policy.diastolicBelow;
  if (lowSystolic || lowDiastolic) {
    signs.add('low_blood_pressure');
    reasons.push(
      `Huyết áp ${reading.systolic ?? '?'}/${reading.diastolic ?? '?'} mmHg (tâm thu < ${policy.systolicBelow} hoặc tâm trương < ${policy.diastolicBelow})`,
    );
  }
  for (const symptom of reading.symptoms ?? []) {
    const sign = SYMPTOM_SIGN[symptom];
    if (sign && !signs.has(sign)) {
      signs.add(sign);
      reasons.push(SYMPTOM_LABELS[symptom]);
    }
  }

  const ordered = WARNING_SIGNS.filter((s) => signs.has(s));
  const severity = Math.max(0, ...ordered.map((s) => SIGN_SEVERITY[s])) as AlertSeverity;
  return { signs: ordered, severity, recheckSpo2, reasons, policy: policyRef(policy) };
}

/** The signs of an alert in Vietnamese, the most severe first. */
export function signWords(signs: readonly string[]): string[] {
  return [...signs]
    .filter((s): s is WarningSign => (WARNING_SIGNS as readonly string[]).includes(s))
    .sort((a, b) => SIGN_SEVERITY[b] - SIGN_SEVERITY[a])
    .map((s) => WARNING_SIGN_LABELS[s]);
}
