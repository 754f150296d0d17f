import { formatVnDate } from '../dates/dates.ts';
import { addDays, addMonths, daysBetween } from './days.ts';
import { FIRST_CASE_DATE, type PolicyRef, policyRef, versionAt, withUnconfirmed } from './policy.ts';
import {
  QUARANTINE_PLACE_LABELS,
  type QuarantinePlace,
  VACCINATION_STATUS_LABELS,
  type VaccinationStatus,
} from './vocabulary.ts';

/**
 * Whether the exposure day is day 0 or day 1 of a count: no source in the rules file says (§2.2 gives
 * lengths, "from last exposure", and test days only). UNCONFIRMED: every order carries this point.
 */
export const DAY_ZERO_POINT =
  'Cách tính ngày: ngày tiếp xúc được tính là ngày 0 (quy ước này chưa được xác nhận trong văn bản)';

/** One quarantine regime. Days are counted from the exposure date, which is day 0 (DAY_ZERO_POINT). */
export interface QuarantineRule {
  place: QuarantinePlace;
  days: number;
  /** Days of the count on which the person is tested. */
  testDays: readonly number[];
  /** Days of self-monitoring of health after release. */
  monitoringDays: number;
}

/** What "vaccinated" means for a version's shorter regime: the number and the dates of the doses. */
export interface DoseRequirement {
  minDoses: number;
  /** Whole days from the last dose to the exposure, at least. */
  minDaysSinceLastDose: number;
  /** Calendar months from the last dose to the exposure, at most; null: no upper limit. */
  maxMonthsSinceLastDose: number | null;
}

/**
 * The doses a person received before the exposure, as far as they are known: from the contact's
 * input today, from the dose registry when it exists (the vaccination capability will answer here).
 */
export interface DoseHistory {
  count: number;
  /** YYYY-MM-DD of the last dose; null when the count is known but not the date. */
  lastOn: string | null;
}

/** A version of F1 (close contact) quarantine, chosen by the exposure date (rules file §2.2). */
export interface ContactQuarantinePolicy extends PolicyRef {
  /**
   * The shorter regime for F1 whose doses meet `doses` (described by `vaccination`) or who recovered
   * within `recoveredWithinMonths` before exposure.
   */
  vaccinatedOrRecovered: {
    vaccination: string;
    doses: DoseRequirement;
    recoveredWithinMonths: number;
    rule: QuarantineRule;
  } | null;
  /** Every other F1; null when F1 are no longer quarantined. */
  rule: QuarantineRule | null;
  /** When F1 are not quarantined: days of self-monitoring after the exposure. */
  selfMonitoringDays?: number;
}

/** A version of F2 (contact of an F1) handling; rule null: F2 are not tracked. */
export interface SecondaryContactPolicy extends PolicyRef {
  rule: QuarantineRule | null;
}

// The test schedule of CV 5599/BYT-MT (tests on day 1, 7 and 14), kept for unvaccinated F1 by CV 10696/BYT-MT.
const FACILITY_14: QuarantineRule = { place: 'facility', days: 14, testDays: [1, 7, 14], monitoringDays: 14 };

/** Sorted by effectiveFrom; a province may pass its own table to quarantineOrder. */
export const CONTACT_QUARANTINE_POLICIES: readonly ContactQuarantinePolicy[] = [
  {
    code: 'quarantine/2020',
    source: 'Quy định cách ly F1 năm 2020', // rules file §2.2: 14 days centralised + 14 days at home (tuoitrenews 06/05/2021)
    effectiveFrom: FIRST_CASE_DATE,
    vaccinatedOrRecovered: null,
    // The rules file gives no test schedule for this period.
    rule: { place: 'facility', days: 14, testDays: [], monitoringDays: 14 },
  },
  {
    code: 'quarantine/cd-600-cd-bcd',
    source: 'CĐ 600/CĐ-BCĐ (05/05/2021)', // 21 days, tests day 1, 14, 20, then 7 days at home
    effectiveFrom: '2021-05-05',
    vaccinatedOrRecovered: null,
    rule: { place: 'facility', days: 21, testDays: [1, 14, 20], monitoringDays: 7 },
  },
  {
    code: 'quarantine/cv-5599-byt-mt',
    source: 'CV 5599/BYT-MT (14/07/2021)', // 21 → 14 days, then 14 days of monitoring at home
    effectiveFrom: '2021-07-14',
    vaccinatedOrRecovered: null,
    rule: FACILITY_14,
  },
  {
    code: 'quarantine/cv-10696-byt-mt',
    source: 'CV 10696/BYT-MT (16/12/2021)', // vaccinated or recovered ≤6 months: 7 days at home, tests day 1 and 7
    effectiveFrom: '2021-12-16',
    vaccinatedOrRecovered: {
      vaccination: 'đã tiêm đủ liều vắc xin (mũi cuối từ 14 ngày đến 6 tháng trước ngày tiếp xúc)',
      // Rules file §2.2: fully vaccinated, last dose ≥14 days and ≤6 months before. "Fully" is read as
      // 2 doses (the primary series of the vaccines used in Vietnam but Janssen, 1 dose): the count
      // alone cannot tell a 1-dose series; the dose registry, which knows the product, will.
      doses: { minDoses: 2, minDaysSinceLastDose: 14, maxMonthsSinceLastDose: 6 },
      recoveredWithinMonths: 6,
      rule: { place: 'home', days: 7, testDays: [1, 7], monitoringDays: 7 },
    },
    rule: FACILITY_14,
  },
  {
    code: 'quarantine/cv-762-byt-dp',
    source: 'CV 762/BYT-DP (21/02/2022)', // ≥2 doses or recovered ≤3 months: 5 days (+5); others 7 days (+3)
    effectiveFrom: '2022-02-21',
    vaccinatedOrRecovered: {
      vaccination: 'đã tiêm ít nhất 2 liều vắc xin (mũi cuối ít nhất 14 ngày trước ngày tiếp xúc)',
      // Rules file §2.2: ≥2 doses, the last one ≥14 days before the exposure.
      doses: { minDoses: 2, minDaysSinceLastDose: 14, maxMonthsSinceLastDose: null },
      recoveredWithinMonths: 3,
      rule: { place: 'home', days: 5, testDays: [5], monitoringDays: 5 },
    },
    rule: { place: 'home', days: 7, testDays: [7], monitoringDays: 3 },
  },
  {
    code: 'quarantine/cv-1909-byt-dp',
    source: 'CV 1909/BYT-DP (15/04/2022)', // F1 no longer quarantined; 10 days of self-monitoring
    effectiveFrom: '2022-04-15',
    vaccinatedOrRecovered: null,
    rule: null,
    selfMonitoringDays: 10,
  },
];

/** Sorted by effectiveFrom; a province may pass its own table to quarantineOrder. */
export const SECONDARY_CONTACT_POLICIES: readonly SecondaryContactPolicy[] = [
  {
    code: 'quarantine-f2/2020',
    // Rules file R2.1.1: F2 isolated at home (common usage); the 14 days are UNCONFIRMED, no document found.
    source: 'Thực hành trước CV 11042/BYT-DP (thời gian cách ly F2 chưa xác nhận)',
    effectiveFrom: FIRST_CASE_DATE,
    unconfirmed: true,
    unconfirmedPoints: [
      'Không có văn bản quy định thời gian cách ly F2; 14 ngày tại nhà là cách làm phổ biến',
    ],
    rule: { place: 'home', days: 14, testDays: [], monitoringDays: 0 },
  },
  {
    code: 'quarantine-f2/cv-11042-byt-dp',
    // Rules file R2.1.1-R2.1.2, §7.3: CV 11042 redefined F0 and F1; that F2 are no longer tracked from
    // then is UNCONFIRMED (no formal F2 definition was found).
    source: 'CV 11042/BYT-DP (29/12/2021)',
    effectiveFrom: '2021-12-29',
    unconfirmed: true,
    unconfirmedPoints: [
      'CV 11042/BYT-DP định nghĩa lại F0, F1; việc thôi truy vết F2 từ ngày 29/12/2021 chưa được xác nhận',
    ],
    rule: null,
  },
];

export interface QuarantineTables {
  contacts: readonly ContactQuarantinePolicy[];
  secondaryContacts: readonly SecondaryContactPolicy[];
}

export interface ContactFacts {
  /** YYYY-MM-DD of the (last) exposure: chooses the policy and is day 0. */
  exposureDate: string;
  /**
   * The doses before the exposure, when known: they decide the shorter regime. Absent or null, the
   * declared `vaccination` does (`full` then stands for what the version requires), and the reasons
   * say so.
   */
  doses?: DoseHistory | null;
  vaccination: VaccinationStatus;
  recoveredOn?: string | null;
  degree: 1 | 2;
}

export interface QuarantineOrder extends QuarantineRule {
  /** The exposure date, day 0. */
  start: string;
  /** start + days: the day the person may be released. */
  end: string;
  policy: PolicyRef;
  reasons: string[];
}

/** The F1 policy in force on a date (for display; see quarantinePolicySummary). */
export function quarantinePolicyAt(
  date: string,
  policies: readonly ContactQuarantinePolicy[] = CONTACT_QUARANTINE_POLICIES,
): ContactQuarantinePolicy {
  return versionAt(policies, date);
}

/** Whether contacts of F1 (F2) exposed on `date` are tracked at all. */
export function tracksSecondaryContacts(
  date: string,
  policies: readonly SecondaryContactPolicy[] = SECONDARY_CONTACT_POLICIES,
): boolean {
  return versionAt(policies, date).rule !== null;
}

/** The F2 version in force on a date, as a citation (for a refusal that names it). */
export function secondaryContactPolicyAt(
  date: string,
  policies: readonly SecondaryContactPolicy[] = SECONDARY_CONTACT_POLICIES,
): PolicyRef {
  return policyRef(versionAt(policies, date));
}

/**
 * The citation a stored quarantine order carries, from its policy code, exactly as quarantineOrder
 * gave it (with DAY_ZERO_POINT); null for a code no table knows.
 */
export function orderPolicyOf(
  code: string,
  {
    contacts = CONTACT_QUARANTINE_POLICIES,
    secondaryContacts = SECONDARY_CONTACT_POLICIES,
  }: Partial<QuarantineTables> = {},
): PolicyRef | null {
  const version = [...contacts, ...secondaryContacts].find((p) => p.code === code);
  return version ? withUnconfirmed(policyRef(version), DAY_ZERO_POINT) : null;
}

/** Whether doses meet a version's requirement on the exposure date, and the sentence that says why. */
export function dosesMeet(
  requirement: DoseRequirement,
  doses: DoseHistory,
  exposureDate: string,
): { met: boolean; reason: string } {
  const given = `Đã tiêm ${doses.count} mũi vắc xin`;
  if (doses.count < requirement.minDoses) {
    return { met: false, reason: `${given}, cần ít nhất ${requirement.minDoses} mũi` };
  }
  if (doses.lastOn === null) {
    return { met: false, reason: `${given} nhưng chưa rõ ngày tiêm mũi cuối: chưa đủ căn cứ để rút ngắn` };
  }
  const last = `mũi cuối ngày ${formatVnDate(doses.lastOn)}`;
  // daysBetween also refuses a lastOn that is not a date.
  const days = daysBetween(doses.lastOn, exposureDate);
  if (days < requirement.minDaysSinceLastDose) {
    return {
      met: false,
      reason: `${given}, ${last}: chưa đủ ${requirement.minDaysSinceLastDose} ngày trước ngày tiếp xúc`,
    };
  }
  const months = requirement.maxMonthsSinceLastDose;
  if (months !== null && doses.lastOn < addMonths(exposureDate, -months)) {
    return { met: false, reason: `${given}, ${last}: đã quá ${months} tháng trước ngày tiếp xúc` };
  }
  const window =
    months === null
      ? `ít nhất ${requirement.minDaysSinceLastDose} ngày`
      : `từ ${requirement.minDaysSinceLastDose} ngày đến ${months} tháng`;
  return { met: true, reason: `${given}, ${last}: ${window} trước ngày tiếp xúc` };
}

function ruleText(rule: QuarantineRule): string {
  return `${QUARANTINE_PLACE_LABELS[rule.place].toLowerCase()} ${rule.days} ngày`;
}

function dayList(days: readonly number[]): string {
  return days.length < 2 ? days.join('') : `${days.slice(0, -1).join(', ')} và ${days[days.length - 1]}`;
}

/** One Vietnamese sentence describing a version, for display. */
export function quarantinePolicySummary(policy: ContactQuarantinePolicy): string {
  if (!policy.rule) {
    return `F1 không phải cách ly; tự theo dõi sức khỏe ${policy.selfMonitoringDays ?? 0} ngày sau lần tiếp xúc cuối`;
  }
  const group = policy.vaccinatedOrRecovered;
  if (!group) return `F1 ${ruleText(policy.rule)}`;
  return (
    `F1 ${group.vaccination} hoặc khỏi bệnh trong vòng ${group.recoveredWithinMonths} tháng: ` +
    `${ruleText(group.rule)}; F1 khác: ${ruleText(policy.rule)}`
  );
}

function orderOf(
  facts: ContactFacts,
  rule: QuarantineRule,
  policy: PolicyRef,
  reasons: string[],
): QuarantineOrder {
  const end = addDays(facts.exposureDate, rule.days);
  if (rule.testDays.length > 0) {
    reasons.push(`Xét nghiệm vào ngày thứ ${dayList(rule.testDays)} (ngày tiếp xúc là ngày 0)`);
  }
  reasons.push(
    `Được kết thúc cách ly từ ngày ${formatVnDate(end)}` +
      (rule.monitoringDays > 0 ? `, sau đó tự theo dõi sức khỏe ${rule.monitoringDays} ngày` : ''),
  );
  return {
    ...rule,
    testDays: [...rule.testDays],
    start: facts.exposureDate,
    end,
    policy: withUnconfirmed(policyRef(policy), DAY_ZERO_POINT),
    reasons,
  };
}

/**
 * The quarantine a contact must do under the policy in force on the exposure date, or null when
 * the policy quarantines no one of this degree (F1 from 15/04/2022, F2 from 29/12/2021).
 */
export function quarantineOrder(
  facts: ContactFacts,
  {
    contacts = CONTACT_QUARANTINE_POLICIES,
    secondaryContacts = SECONDARY_CONTACT_POLICIES,
  }: Partial<QuarantineTables> = {},
): QuarantineOrder | null {
  const exposed = `Tiếp xúc ngày ${formatVnDate(facts.exposureDate)}`;

  if (facts.degree === 2) {
    const version = versionAt(secondaryContacts, facts.exposureDate);
    if (!version.rule) return null;
    const reason = `${exposed} (F2): ${version.source} quy định ${ruleText(version.rule)}`;
    return orderOf(facts, version.rule, version, [reason]);
  }

  const version = versionAt(contacts, facts.exposureDate);
  if (!version.rule) return null;
  const group = version.vaccinatedOrRecovered;
  if (!group) {
    return orderOf(facts, version.rule, version, [
      `${exposed}: ${version.source} quy định ${ruleText(version.rule)}`,
    ]);
  }

  const recoveredOn = facts.recoveredOn ?? null;
  const recoveredSince = addMonths(facts.exposureDate, -group.recoveredWithinMonths);
  // daysBetween also refuses a recoveredOn that is not a date.
  const recentlyRecovered =
    recoveredOn !== null &&
    daysBetween(recoveredSince, recoveredOn) >= 0 &&
    daysBetween(recoveredOn, facts.exposureDate) >= 0;
  // The doses decide when they are known; else the declared status, as the reasons say.
  const doses = facts.doses ?? null;
  const byDoses = doses ? dosesMeet(group.doses, doses, facts.exposureDate) : null;
  const vaccinated = byDoses ? byDoses.met : facts.vaccination === 'full';
  const declared = `Chưa rõ số mũi và ngày tiêm: theo tình trạng tiêm chủng khai báo (${VACCINATION_STATUS_LABELS[
    facts.vaccination
  ].toLowerCase()})`;
  const condition = `${group.vaccination} hoặc khỏi bệnh trong vòng ${group.recoveredWithinMonths} tháng`;

  if (vaccinated || recentlyRecovered) {
    const rule = `${exposed}: ${version.source} quy định ${ruleText(group.rule)} với người ${condition}`;
    const fact = vaccinated
      ? (byDoses?.reason ?? `${declared}: người tiếp xúc ${group.vaccination}`)
      : `Người tiếp xúc khỏi bệnh ngày ${formatVnDate(recoveredOn!)}, trong vòng ${group.recoveredWithinMonths} tháng trước ngày tiếp xúc`;
    return orderOf(facts, group.rule, version, [rule, fact]);
  }

  const rule = `${exposed}: ${version.source} quy định ${ruleText(version.rule)} với người không thuộc diện ${condition}`;
  const recovery = recoveredOn
    ? `; khỏi bệnh ngày ${formatVnDate(recoveredOn)}, không trong vòng ${group.recoveredWithinMonths} tháng trước ngày tiếp xúc`
    : '';
  const fact = `${byDoses?.reason ?? declared}${recovery}`;
  return orderOf(facts, version.rule, version, [rule, fact]);
}
