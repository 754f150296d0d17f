import { formatVnDate } from '../dates/dates.ts';
import type { Problem } from '../errors.ts';
import { daysBetween } from './days.ts';
import { FIRST_CASE_DATE, type PolicyRef, policyRef, versionAt } from './policy.ts';
import type { CaseStatus } from './vocabulary.ts';

/** A version of the reinfection rule, chosen by the detection date of the new case. */
export interface ReinfectionPolicy extends PolicyRef {
  /** Minimum days between the previous detection and a new one for the new case to count. */
  minDaysSincePrevious: number;
}

/** Sorted by effectiveFrom; a province may pass its own table. */
export const REINFECTION_POLICIES: readonly ReinfectionPolicy[] = [
  {
    code: 'reinfection/90-days',
    source:
      'Thực hành phổ biến (chưa xác nhận văn bản); CV 1848/BYT-DP (13/04/2022) dùng mốc 3 tháng sau khi mắc',
    effectiveFrom: FIRST_CASE_DATE,
    unconfirmed: true,
    minDaysSincePrevious: 90, // UNCONFIRMED: common practice; CV 1848/BYT-DP uses 3 months for vaccination after infection
  },
];

export interface NewCaseFacts {
  /** The person's latest case, if any. */
  previous: { status: CaseStatus; detectedOn: string } | null;
  detectedOn: string;
}

export interface NewCaseDecision {
  allowed: boolean;
  reinfection: boolean;
  /** Why a new case is refused, naming the field at fault. */
  problem?: Problem;
  policy: PolicyRef;
  reasons: string[];
}

/**
 * Whether a person may get a new case: at most one active case per person, and a new case after a
 * closed one (recovered, or transferred out of the province) is a reinfection only after the minimum gap.
 */
export function newCaseAllowed(
  facts: NewCaseFacts,
  policies: readonly ReinfectionPolicy[] = REINFECTION_POLICIES,
): NewCaseDecision {
  const version = versionAt(policies, facts.detectedOn);
  const policy = policyRef(version);
  const { previous } = facts;
  if (!previous)
    return { allowed: true, reinfection: false, policy, reasons: ['Người này chưa có ca bệnh nào trước đó'] };

  const previousOn = formatVnDate(previous.detectedOn);
  const refuse = (code: string, field: string, message: string): NewCaseDecision => ({
    allowed: false,
    reinfection: false,
    problem: { code, message, field },
    policy,
    reasons: [message],
  });
  if (previous.status === 'active') {
    return refuse(
      'active_case',
      'personId',
      `Người này đang là ca bệnh chưa kết thúc (phát hiện ngày ${previousOn})`,
    );
  }
  if (previous.status === 'died') {
    return refuse('person_died', 'personId', `Người này đã tử vong (ca bệnh phát hiện ngày ${previousOn})`);
  }

  const days = daysBetween(previous.detectedOn, facts.detectedOn);
  if (days < 0) {
    return refuse(
      'detected_before_previous',
      'detectedOn',
      `Ngày phát hiện không được trước ngày phát hiện ca bệnh trước (${previousOn})`,
    );
  }
  if (days < version.minDaysSincePrevious) {
    return refuse(
      'reinfection_too_soon',
      'detectedOn',
      `Chưa đủ ${version.minDaysSincePrevious} ngày kể từ lần phát hiện trước (${previousOn}): không tính là ca tái nhiễm`,
    );
  }
  return {
    allowed: true,
    reinfection: true,
    policy,
    reasons: [
      `Phát hiện sau ${days} ngày kể từ lần phát hiện trước (${previousOn}): ca tái nhiễm ` +
        `(từ ${version.minDaysSincePrevious} ngày trở lên, ${version.source})`,
    ],
  };
}
