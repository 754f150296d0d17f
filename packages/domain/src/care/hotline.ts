import { FIRST_CASE_DATE, type PolicyRef, policyRef, versionAt } from '../surveillance/policy.ts';

/**
 * Hotline requests (issue 10 §4): what people ask for when isolated at home (or anyone), how urgent
 * each is, and how soon the commune team must answer.
 */

export const HOTLINE_KINDS = ['medical', 'medicine', 'food', 'test_kit', 'transport', 'other'] as const;
export type HotlineKind = (typeof HOTLINE_KINDS)[number];

export const HOTLINE_KIND_LABELS: Record<HotlineKind, string> = {
  medical: 'Tư vấn y tế',
  medicine: 'Thuốc (túi thuốc điều trị)',
  food: 'Lương thực, nhu yếu phẩm',
  test_kit: 'Bộ xét nghiệm nhanh',
  transport: 'Vận chuyển',
  other: 'Khác',
};

export const HOTLINE_STATUSES = ['open', 'assigned', 'resolved', 'cancelled'] as const;
export type HotlineStatus = (typeof HOTLINE_STATUSES)[number];

export const HOTLINE_STATUS_LABELS: Record<HotlineStatus, string> = {
  open: 'Mới tiếp nhận',
  assigned: 'Đã giao xử lý',
  resolved: 'Đã giải quyết',
  cancelled: 'Đã hủy',
};

export const HOTLINE_CHANNELS = ['public', 'hotline'] as const;
export type HotlineChannel = (typeof HOTLINE_CHANNELS)[number];

export const HOTLINE_CHANNEL_LABELS: Record<HotlineChannel, string> = {
  public: 'Người dân gửi từ trang công khai',
  hotline: 'Cuộc gọi đường dây nóng',
};

/**
 * The warning signs a caller can report (rules file §3.4, W1–W11, the ones a person at home can
 * tell without an instrument, plus a low SpO2 they measured themselves), coded as the home-care
 * symptoms and warning signs are (warning-signs.ts). Any of them makes the request priority 1.
 */
export const CALLER_WARNING_SIGNS = [
  'dyspnoea',
  'fast_breathing',
  'low_spo2',
  'chest_pain',
  'confusion',
  'cyanosis',
  'unable_to_drink',
  'inflammatory_signs',
  'worried',
] as const;
export type CallerWarningSign = (typeof CALLER_WARNING_SIGNS)[number];

export const CALLER_WARNING_SIGN_LABELS: Record<CallerWarningSign, string> = {
  dyspnoea: 'Khó thở, hụt hơi (trẻ em: thở rên, rút lõm lồng ngực, phập phồng cánh mũi)',
  fast_breathing: 'Thở nhanh',
  low_spo2: 'SpO2 đo được thấp (từ 95% trở xuống)',
  chest_pain: 'Đau tức ngực thường xuyên, đau hơn khi hít sâu',
  confusion: 'Lơ mơ, khó đánh thức, li bì, mệt không thể gượng dậy (trẻ em: quấy khóc, co giật)',
  cyanosis: 'Tím môi, tím đầu móng tay, móng chân; da, môi nhợt nhạt',
  unable_to_drink: 'Không thể uống; trẻ em bú kém, ăn kém, nôn',
  inflammatory_signs: 'Trẻ em sốt cao, đỏ mắt, môi đỏ, tay chân sưng đỏ',
  worried: 'Tình trạng khác khiến người bệnh lo lắng',
};

/** Why a request got its priority; several may apply, the first decides. */
export type HotlinePriorityReason =
  | 'warning_signs'
  | 'open_alert'
  | 'poor_household'
  | 'policy_family'
  | 'in_isolation';

export const HOTLINE_PRIORITY_REASON_LABELS: Record<HotlinePriorityReason, string> = {
  warning_signs: 'Người gọi báo dấu hiệu cảnh báo',
  open_alert: 'Đang có cảnh báo sức khỏe chưa xử lý',
  poor_household: 'Hộ nghèo',
  policy_family: 'Gia đình chính sách',
  in_isolation: 'Đang cách ly',
};

export const HOTLINE_PRIORITY_LABELS: Record<1 | 2 | 3 | 4, string> = {
  1: 'Ưu tiên 1 — dấu hiệu cảnh báo',
  2: 'Ưu tiên 2 — hộ nghèo, gia đình chính sách',
  3: 'Ưu tiên 3 — đang cách ly',
  4: 'Ưu tiên 4 — khác',
};

export interface HotlinePriorityFacts {
  /** Warning signs the caller reports (CALLER_WARNING_SIGNS codes). */
  warningSigns: readonly string[];
  /** The matched person has an open care alert (home monitoring found a warning sign). */
  openAlert: boolean;
  /** The matched person's flags (persons.flags): poor_household, policy_family. */
  flags: readonly string[];
  /** The caller says, or the records show, the person is isolated or quarantined now. */
  inIsolation: boolean;
}

export interface HotlinePriority {
  priority: 1 | 2 | 3 | 4;
  /** Every reason that applies, most urgent first. */
  reasons: HotlinePriorityReason[];
}

/**
 * The order of the directive (issue 10 §4): warning signs first, then poor households and policy
 * families (who must not go hungry in isolation), then people in isolation, then everyone else.
 */
export function hotlinePriority(facts: HotlinePriorityFacts): HotlinePriority {
  const reasons: HotlinePriorityReason[] = [];
  if (facts.warningSigns.length > 0) reasons.push('warning_signs');
  if (facts.openAlert) reasons.push('open_alert');
  if (facts.flags.includes('poor_household')) reasons.push('poor_household');
  if (facts.flags.includes('policy_family')) reasons.push('policy_family');
  if (facts.inIsolation) reasons.push('in_isolation');
  const first = reasons[0];
  const priority =
    first === 'warning_signs' || first === 'open_alert'
      ? 1
      : first === 'poor_household' || first === 'policy_family'
        ? 2
        : first === 'in_isolation'
          ? 3
          : 4;
  return { priority, reasons };
}

/** A version of the response-time targets: minutes from receipt to an answer, by kind. */
export interface HotlineResponsePolicy extends PolicyRef {
  minutes: Record<HotlineKind, number>;
  /** A priority-1 request (a warning sign) is answered within this many minutes whatever its kind. */
  urgentMinutes: number;
}

/**
 * No stored MoH document sets response times per kind of request: these are local defaults, marked
 * UNCONFIRMED, for a province to replace with its own (pass its table to hotlineDue). The basis is
 * the directive "tuyệt đối không để người nhiễm Covid-19 không liên hệ được với cơ sở y tế" and the
 * home-care guidance that a warning sign is reported to the health station at once (rules §3.4).
 */
export const HOTLINE_RESPONSE_POLICIES: readonly HotlineResponsePolicy[] = [
  {
    code: 'hotline/local-default',
    source: 'Mặc định của hệ thống (chưa có văn bản quy định thời hạn phản hồi theo loại yêu cầu)',
    effectiveFrom: FIRST_CASE_DATE,
    unconfirmed: true,
    unconfirmedPoints: [
      'Thời hạn phản hồi theo loại yêu cầu là mặc định của hệ thống, chưa có văn bản quy định: tỉnh cần quyết định',
    ],
    minutes: {
      // Medical advice: a call back within 30 minutes (UNCONFIRMED local default).
      medical: 30,
      // Medicine, e.g. the antiviral pack: delivered within 4 hours (UNCONFIRMED local default).
      medicine: 240,
      // Food and necessities: within 12 hours (UNCONFIRMED local default).
      food: 720,
      // A rapid test kit: within 24 hours (UNCONFIRMED local default).
      test_kit: 1440,
      // Transport (to a clinic, a facility): within 1 hour (UNCONFIRMED local default).
      transport: 60,
      // Anything else: within 24 hours (UNCONFIRMED local default).
      other: 1440,
    },
    // A reported warning sign: within 15 minutes, rules §3.4 say "at once" (UNCONFIRMED number).
    urgentMinutes: 15,
  },
];

export interface HotlineDue {
  dueAt: Date;
  minutes: number;
  policy: PolicyRef;
}

/** The day (YYYY-MM-DD) of an instant in Vietnam (UTC+7, no daylight saving). */
function vietnamDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * When a request received at `receivedAt` must be answered: the target of its kind under the
 * version in force on the day it was received, shortened to the urgent target for priority 1.
 */
export function hotlineDue(
  receivedAt: Date,
  kind: HotlineKind,
  priority: number,
  policies: readonly HotlineResponsePolicy[] = HOTLINE_RESPONSE_POLICIES,
): HotlineDue {
  const version = versionAt(policies, vietnamDay(receivedAt));
  const minutes =
    priority === 1 ? Math.min(version.urgentMinutes, version.minutes[kind]) : version.minutes[kind];
  return { dueAt: new Date(receivedAt.getTime() + minutes * 60_000), minutes, policy: policyRef(version) };
}

/** Whether an open request is overdue at `now` (a request due at this very instant is not yet). */
export function hotlineOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime();
}

/** The short reference given to a caller: the first 8 characters of the request's id, upper-case. */
export function hotlineReference(id: string): string {
  return id.replace(/-/g, '').slice(0, 8).toUpperCase();
}
