import { formatVnDate } from '../dates/dates.ts';
import { addDays, daysBetween } from './days.ts';
import { FIRST_CASE_DATE, type PolicyRef, policyRef, versionAt } from './policy.ts';

/** A version of the cluster (ổ dịch) closing rule, chosen by the date of the cluster's last case. */
export interface ClusterClosingPolicy extends PolicyRef {
  /** Consecutive days without a new case after which the cluster may be closed. */
  daysWithoutCase: number;
}

/** Sorted by effectiveFrom; a province may pass its own table (some used 28 days before 11/10/2021). */
export const CLUSTER_CLOSING_POLICIES: readonly ClusterClosingPolicy[] = [
  {
    code: 'cluster/14-days',
    source: 'Thực hành phổ biến của các địa phương (chưa xác nhận văn bản)',
    effectiveFrom: FIRST_CASE_DATE,
    unconfirmed: true,
    daysWithoutCase: 14, // UNCONFIRMED: common practice, not in the rules file
  },
];

export interface ClusterFacts {
  /** YYYY-MM-DD of the cluster's last new case. */
  lastCaseOn: string;
  /** The date being judged, on or after lastCaseOn. */
  today: string;
}

export interface ClusterClosing {
  canClose: boolean;
  /** lastCaseOn + the required days: the first day the cluster may be closed. */
  closableFrom: string;
  daysWithoutCase: number;
  policy: PolicyRef;
  reasons: string[];
}

/** Whether a cluster may be closed on `today`. */
export function clusterClosing(
  facts: ClusterFacts,
  policies: readonly ClusterClosingPolicy[] = CLUSTER_CLOSING_POLICIES,
): ClusterClosing {
  const daysWithoutCase = daysBetween(facts.lastCaseOn, facts.today);
  if (daysWithoutCase < 0)
    throw new RangeError(`today ${facts.today} is before the last case ${facts.lastCaseOn}`);
  const version = versionAt(policies, facts.lastCaseOn);
  const closableFrom = addDays(facts.lastCaseOn, version.daysWithoutCase);
  const canClose = daysWithoutCase >= version.daysWithoutCase;
  return {
    canClose,
    closableFrom,
    daysWithoutCase,
    policy: policyRef(version),
    reasons: [
      `Ca bệnh mới cuối cùng ngày ${formatVnDate(facts.lastCaseOn)}: đã ${daysWithoutCase} ngày không có ca mới`,
      `${version.source}: đóng ổ dịch sau ${version.daysWithoutCase} ngày liên tục không có ca mới`,
      canClose
        ? `Có thể đóng ổ dịch (từ ngày ${formatVnDate(closableFrom)})`
        : `Chưa thể đóng ổ dịch: sớm nhất ngày ${formatVnDate(closableFrom)}`,
    ],
  };
}
