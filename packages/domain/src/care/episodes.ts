import { formatVnDate } from '../dates/dates.ts';
import { addDays } from '../surveillance/days.ts';
import {
  FIRST_CASE_DATE,
  type PolicyRef,
  policyRef,
  versionAt,
  withUnconfirmed,
} from '../surveillance/policy.ts';
import type { VaccinationStatus } from '../surveillance/vocabulary.ts';

/**
 * Isolation and quarantine episodes (issue 10): why a person is isolated, where, how it ended, and
 * the arrival quarantine policy. Ids are a contract; labels are what people read.
 */

export const EPISODE_REASONS = ['case', 'contact', 'arrival', 'other'] as const;
export type EpisodeReason = (typeof EPISODE_REASONS)[number];
export const EPISODE_REASON_LABELS: Record<EpisodeReason, string> = {
  case: 'F0 – cách ly điều trị',
  contact: 'F1 – cách ly y tế',
  arrival: 'Người nhập cảnh, từ vùng dịch về',
  other: 'Lý do khác',
};

export const EPISODE_STATUSES = ['active', 'ended'] as const;
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number];
export const EPISODE_STATUS_LABELS: Record<EpisodeStatus, string> = {
  active: 'Đang cách ly',
  ended: 'Đã kết thúc',
};

export const EPISODE_PLACES = ['home', 'facility'] as const;
export type EpisodePlace = (typeof EPISODE_PLACES)[number];
export const EPISODE_PLACE_LABELS: Record<EpisodePlace, string> = {
  home: 'Tại nhà',
  facility: 'Tại cơ sở',
};

export const END_REASONS = ['completed', 'became_case', 'transferred', 'died', 'absconded', 'other'] as const;
export type EpisodeEndReason = (typeof END_REASONS)[number];
export const END_REASON_LABELS: Record<EpisodeEndReason, string> = {
  completed: 'Hoàn thành cách ly, khỏi bệnh',
  became_case: 'Trở thành F0',
  transferred: 'Chuyển đi địa phương khác',
  died: 'Tử vong',
  absconded: 'Bỏ trốn khỏi nơi cách ly',
  other: 'Lý do khác',
};
/** How an officer may end an episode by hand (became_case follows a case record; transferred, a move out). */
export const DISCHARGE_REASONS = [
  'completed',
  'died',
  'absconded',
  'other',
] as const satisfies readonly EpisodeEndReason[];
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

export const STAY_REASONS = ['enrolment', 'admission', 'transfer', 'return_home'] as const;
export type StayReason = (typeof STAY_REASONS)[number];
export const STAY_REASON_LABELS: Record<StayReason, string> = {
  enrolment: 'Bắt đầu cách ly tại nhà',
  admission: 'Tiếp nhận vào cơ sở',
  transfer: 'Chuyển cơ sở, chuyển tầng',
  return_home: 'Về nhà tiếp tục cách ly',
};

/** One version of the quarantine of people arriving from abroad or from an outbreak area. */
export interface ArrivalQuarantinePolicy extends PolicyRef {
  /** Days for a fully vaccinated (or recently recovered) arrival, counted from the arrival day (day 0). */
  fullyVaccinatedDays: number;
  /** Days for everyone else (and when the vaccination is unknown). */
  otherDays: number;
}

/**
 * Whether the arrival day is day 0 or day 1 of the count: the rules file (§2.2) gives lengths only.
 * UNCONFIRMED, as for contacts and cases.
 */
export const ARRIVAL_DAY_ZERO_POINT =
  'Cách tính ngày: ngày đến được tính là ngày 0 (quy ước này chưa được xác nhận trong văn bản)';

/** Sorted by effectiveFrom (rules file §2.2, the rows that name arrivals); a province may pass its own. */
export const ARRIVAL_QUARANTINE_POLICIES: readonly ArrivalQuarantinePolicy[] = [
  {
    code: 'arrival/2020',
    // §2.2 gives 14 days centralised for F1 in 2020; the same for arrivals is UNCONFIRMED.
    source: 'Quy định cách ly người nhập cảnh năm 2020 (chưa xác nhận số văn bản)',
    effectiveFrom: FIRST_CASE_DATE,
    unconfirmed: true,
    unconfirmedPoints: [
      'Thời gian cách ly người nhập cảnh năm 2020 (14 ngày) chưa được xác nhận trong văn bản',
    ],
    fullyVaccinatedDays: 14,
    otherDays: 14,
  },
  {
    code: 'arrival/cd-600',
    // §2.2: CĐ 600/CĐ-BCĐ 05/05/2021 sets 21 days for F1; CV 5599 speaks of arrivals going "21 → 14": UNCONFIRMED for arrivals.
    source: 'CĐ 600/CĐ-BCĐ (05/05/2021)',
    effectiveFrom: '2021-05-05',
    unconfirmed: true,
    unconfirmedPoints: ['CĐ 600/CĐ-BCĐ áp dụng 21 ngày cho người nhập cảnh chưa được xác nhận trong văn bản'],
    fullyVaccinatedDays: 21,
    otherDays: 21,
  },
  {
    code: 'arrival/cv-5599-byt-mt',
    // §2.2: CV 5599/BYT-MT 14/07/2021, "F1 and arrivals: 21 → 14 days".
    source: 'CV 5599/BYT-MT (14/07/2021)',
    effectiveFrom: '2021-07-14',
    fullyVaccinatedDays: 14,
    otherDays: 14,
  },
  {
    code: 'arrival/2021-08',
    // §2.2, 08/2021: fully vaccinated arrivals 7 days centralised + 7 days monitoring; document and day UNCONFIRMED.
    source: 'Hướng dẫn của Bộ Y tế tháng 08/2021 (số văn bản chưa xác nhận)',
    effectiveFrom: '2021-08-01',
    unconfirmed: true,
    unconfirmedPoints: [
      'Số văn bản và ngày áp dụng (01/08/2021) của quy định cách ly 7 ngày cho người đã tiêm đủ liều chưa được xác nhận',
    ],
    fullyVaccinatedDays: 7,
    otherDays: 14,
  },
  {
    code: 'arrival/nq-128',
    // §2.2, 10/2021 (NQ 128 era): fully vaccinated → self-monitoring 7 days; others 7 (partial) or 14 days. UNCONFIRMED.
    source: 'Hướng dẫn theo Nghị quyết 128/NQ-CP (10/2021, số văn bản của Bộ Y tế chưa xác nhận)',
    effectiveFrom: '2021-10-11',
    unconfirmed: true,
    unconfirmedPoints: [
      'Số văn bản và ngày áp dụng (11/10/2021) chưa được xác nhận; người tiêm chưa đủ liều được tính 14 ngày',
    ],
    fullyVaccinatedDays: 7,
    otherDays: 14,
  },
];

export interface EpisodePlan {
  startOn: string;
  plannedEndOn: string | null;
  policy: PolicyRef;
  reasons: string[];
}

/** The planned end of an arrival quarantine under the policy in force on the arrival day. */
export function arrivalPlan(
  facts: { arrivedOn: string; vaccination: VaccinationStatus },
  policies: readonly ArrivalQuarantinePolicy[] = ARRIVAL_QUARANTINE_POLICIES,
): EpisodePlan {
  const version = versionAt(policies, facts.arrivedOn);
  const full = facts.vaccination === 'full';
  const days = full ? version.fullyVaccinatedDays : version.otherDays;
  const plannedEndOn = addDays(facts.arrivedOn, days);
  const who =
    version.fullyVaccinatedDays === version.otherDays
      ? ''
      : full
        ? ' (đã tiêm đủ liều vắc xin)'
        : facts.vaccination === 'unknown'
          ? ' (chưa rõ tiêm chủng, tính như chưa tiêm đủ liều)'
          : ' (chưa tiêm đủ liều vắc xin)';
  return {
    startOn: facts.arrivedOn,
    plannedEndOn,
    policy: withUnconfirmed(policyRef(version), ARRIVAL_DAY_ZERO_POINT),
    reasons: [
      `Đến ngày ${formatVnDate(facts.arrivedOn)}: ${version.source} quy định cách ly ${days} ngày${who}`,
      `Dự kiến kết thúc cách ly ngày ${formatVnDate(plannedEndOn)}`,
    ],
  };
}

/** Day n of an episode on a date: the start is day 1 (the isolation's first day, not the enrolment). */
export function episodeDay(startOn: string, on: string): number {
  const a = Date.parse(`${startOn}T00:00:00Z`);
  const b = Date.parse(`${on}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000) + 1;
}
