import { daysBetween } from '../surveillance/days.ts';
import { type PolicyRef, versionAt } from '../surveillance/policy.ts';

/** Who wrote a monitoring entry. */
export const RECORDED_BY_KINDS = ['station', 'team', 'self', 'caregiver'] as const;
export type RecordedByKind = (typeof RECORDED_BY_KINDS)[number];
export const RECORDED_BY_LABELS: Record<RecordedByKind, string> = {
  station: 'Trạm y tế',
  team: 'Tổ Covid cộng đồng',
  self: 'Người bệnh tự ghi',
  caregiver: 'Người chăm sóc ghi',
};

/** A version of how often a person at home is monitored and when silence makes them unreachable. */
export interface MonitoringPolicy extends PolicyRef {
  /** §3.3 R3.3.1: the form is filled in twice a day (morning and afternoon). */
  entriesPerDay: number;
  /** Hours without an entry after which the person is listed unreachable. */
  unreachableAfterHours: number;
  /** Hours after enrolment before a person who never sent an entry is listed unreachable. */
  graceHours: number;
}

export const MONITORING_POLICIES: readonly MonitoringPolicy[] = [
  {
    code: 'monitoring/qd-4038',
    // §3.3 R3.3.1: twice a day, QĐ 4038/QĐ-BYT (21/08/2021), kept by QĐ 261 and QĐ 604.
    source: 'QĐ 4038/QĐ-BYT (21/08/2021)',
    effectiveFrom: '2021-08-21',
    unconfirmed: true,
    unconfirmedPoints: [
      'Thời gian không có phiếu theo dõi để coi là không liên lạc được (24 giờ) không có trong văn bản; tỉnh có thể đặt riêng',
    ],
    entriesPerDay: 2,
    // Not in the rules file (UNCONFIRMED): one missed day of a twice-a-day form.
    unreachableAfterHours: 24,
    // Not in the rules file (UNCONFIRMED): the same span from enrolment when no entry ever came.
    graceHours: 24,
  },
];

export function monitoringPolicyAt(on: string, policies = MONITORING_POLICIES): MonitoringPolicy {
  return versionAt(policies, on);
}

/** The day of isolation on `today`: day 1 is the first day of isolation (the episode's start). */
export function isolationDay(startOn: string, today: string): number {
  return daysBetween(startOn, today) + 1;
}

/**
 * Whether a person at home has been silent longer than the policy allows at `now`: the last entry
 * older than `unreachableAfterHours`, or none since enrolment plus `graceHours`.
 */
export function isUnreachable(
  facts: { lastEntryAt: Date | null; enrolledAt: Date },
  now: Date,
  policy: Pick<MonitoringPolicy, 'unreachableAfterHours' | 'graceHours'>,
): boolean {
  const hour = 3_600_000;
  if (facts.lastEntryAt)
    return now.getTime() - facts.lastEntryAt.getTime() > policy.unreachableAfterHours * hour;
  return now.getTime() - facts.enrolledAt.getTime() > policy.graceHours * hour;
}

/** The bounds a measurement must lie in to be taken as typed (else the field is refused by name). */
export const READING_RANGES = {
  spo2: { min: 50, max: 100, label: 'SpO2' },
  spo2Recheck: { min: 50, max: 100, label: 'SpO2 đo lại' },
  respiratoryRate: { min: 5, max: 80, label: 'Nhịp thở' },
  pulse: { min: 20, max: 250, label: 'Mạch' },
  /** Tenths of °C: 30.0–45.0 °C. */
  temperatureTenths: { min: 300, max: 450, label: 'Nhiệt độ' },
  systolic: { min: 50, max: 260, label: 'Huyết áp tâm thu' },
  diastolic: { min: 20, max: 160, label: 'Huyết áp tâm trương' },
} as const;
export type ReadingField = keyof typeof READING_RANGES;
