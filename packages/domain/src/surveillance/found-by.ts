import { formatVnDate } from '../dates/dates.ts';
import { addDays } from './days.ts';
import { CONTACT_QUARANTINE_POLICIES, SECONDARY_CONTACT_POLICIES } from './quarantine.ts';
import type { FoundBy } from './vocabulary.ts';

/** What the registry knows of one exposure of the person before the sample. */
export interface ExposureFacts {
  exposureDate: string;
  /** The quarantine order, when there was one. */
  quarantineStart?: string | null;
  quarantineEnd?: string | null;
  /** The quarantine policy version of the order (contacts.policy_code): it says how long monitoring lasts. */
  policyCode?: string | null;
}

export interface FoundByAnswer {
  foundBy: FoundBy;
  reasons: string[];
}

// Days of health monitoring after release (or after the exposure, when no one is quarantined), per
// policy version: the monitoringDays / selfMonitoringDays of the quarantine tables (rules file §2.2).
const MONITORING_DAYS: Record<string, number> = Object.fromEntries([
  ...CONTACT_QUARANTINE_POLICIES.map((p) => [p.code, p.rule?.monitoringDays ?? p.selfMonitoringDays ?? 0]),
  ...SECONDARY_CONTACT_POLICIES.map((p) => [p.code, p.rule?.monitoringDays ?? 0]),
]);

/**
 * When no policy is recorded with an exposure: 14 days of follow-up after it, the usual F1 monitoring
 * of 2021 (CV 5599/BYT-MT). UNCONFIRMED as a general rule: the rules file gives no such default.
 */
export const DEFAULT_FOLLOW_UP_DAYS = 14;

/**
 * How a case was found, derived from the facts rather than defaulted: a person sampled while in
 * quarantine as an F1 (or F2) was found in quarantine; one sampled while under health monitoring
 * after an exposure (before or after release) was found by contact tracing. Only a person no one
 * was following counts as found in the community, which is what epidemic levels count (Decisions
 * 4800/QĐ-BYT and 218/QĐ-BYT count community cases). A stated way other than "community" (an
 * arrival, a symptomatic visit, a workplace screening) is kept when the facts do not say more.
 */
export function foundByOf(facts: {
  sampledOn: string;
  exposures: readonly ExposureFacts[];
  stated?: FoundBy | null;
}): FoundByAnswer {
  const day = facts.sampledOn;
  const past = facts.exposures.filter((e) => e.exposureDate <= day);
  const quarantined = past.find(
    (e) => e.quarantineStart && e.quarantineEnd && e.quarantineStart <= day && day <= e.quarantineEnd,
  );
  if (quarantined) {
    return {
      foundBy: 'in_quarantine',
      reasons: [
        `Lấy mẫu ngày ${formatVnDate(day)}, trong thời gian cách ly từ ${formatVnDate(quarantined.quarantineStart!)} đến ${formatVnDate(quarantined.quarantineEnd!)}`,
      ],
    };
  }
  const followed = past.find((e) => {
    const from = e.quarantineEnd ?? e.exposureDate;
    const days =
      e.policyCode && e.policyCode in MONITORING_DAYS
        ? MONITORING_DAYS[e.policyCode]
        : DEFAULT_FOLLOW_UP_DAYS;
    return day <= addDays(from, days);
  });
  if (followed) {
    return {
      foundBy: 'contact_tracing',
      reasons: [
        `Lấy mẫu ngày ${formatVnDate(day)}, khi đang được theo dõi sau lần tiếp xúc ngày ${formatVnDate(followed.exposureDate)}`,
      ],
    };
  }
  const stated = facts.stated ?? 'community';
  return {
    foundBy: stated,
    reasons:
      stated === 'community'
        ? [`Không đang cách ly hay được theo dõi sau tiếp xúc khi lấy mẫu ngày ${formatVnDate(day)}`]
        : [],
  };
}
