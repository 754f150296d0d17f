/**
 * Centralized isolation sites and treatment facilities (issue 10): ids and Vietnamese labels,
 * the states a facility goes through and which changes are allowed. Ids are a contract (API,
 * database); labels are what people read.
 */

export const FACILITY_KINDS = ['isolation', 'treatment'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];
export const FACILITY_KIND_LABELS: Record<FacilityKind, string> = {
  isolation: 'Cơ sở cách ly tập trung',
  treatment: 'Cơ sở thu dung, điều trị',
};

/** What a site was before it became one (the directives list hotels, guesthouses, dormitories, old offices, military sites). */
export const FACILITY_TYPES = [
  'hotel',
  'guesthouse',
  'dormitory',
  'office',
  'military',
  'school',
  'field_hospital',
  'health_center',
  'district_hospital',
  'provincial_hospital',
  'central_hospital',
  'other',
] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];
export const FACILITY_TYPE_LABELS: Record<FacilityType, string> = {
  hotel: 'Khách sạn',
  guesthouse: 'Nhà nghỉ',
  dormitory: 'Ký túc xá',
  office: 'Trụ sở cũ, nhà công vụ',
  military: 'Doanh trại quân đội',
  school: 'Trường học',
  field_hospital: 'Bệnh viện dã chiến',
  health_center: 'Trung tâm y tế',
  district_hospital: 'Bệnh viện tuyến huyện',
  provincial_hospital: 'Bệnh viện tuyến tỉnh',
  central_hospital: 'Bệnh viện tuyến trung ương',
  other: 'Khác',
};

export const FACILITY_STATES = ['planned', 'ready', 'active', 'closed'] as const;
export type FacilityState = (typeof FACILITY_STATES)[number];
export const FACILITY_STATE_LABELS: Record<FacilityState, string> = {
  planned: 'Dự kiến',
  ready: 'Sẵn sàng',
  active: 'Đang hoạt động',
  closed: 'Đã đóng',
};

/**
 * Allowed state changes: forward planned → ready → active → closed; a plan may be dropped
 * (planned → closed), a ready site stood down (ready → planned) or closed unused; an active site
 * goes back to ready when emptied between waves; a closed site is reopened as ready for a new wave.
 * Closing or standing down a site with people in it is refused by the service (occupied > 0).
 */
export const FACILITY_TRANSITIONS: Record<FacilityState, readonly FacilityState[]> = {
  planned: ['ready', 'closed'],
  ready: ['active', 'planned', 'closed'],
  active: ['closed', 'ready'],
  closed: ['ready'],
};

export function canChangeFacilityState(from: FacilityState, to: FacilityState): boolean {
  return FACILITY_TRANSITIONS[from].includes(to);
}

/** The capacity a facility reports (beds are what admissions count against). */
export const CAPACITY_FIELDS = [
  'beds',
  'icuBeds',
  'ventilators',
  'highFlowOxygen',
  'ecmo',
  'dialysis',
  'oxygenConcentrators',
] as const;
export type CapacityField = (typeof CAPACITY_FIELDS)[number];
export const CAPACITY_LABELS: Record<CapacityField, string> = {
  beds: 'Giường bệnh',
  icuBeds: 'Giường hồi sức tích cực (ICU)',
  ventilators: 'Máy thở',
  highFlowOxygen: 'Máy thở oxy dòng cao (HFNC)',
  ecmo: 'Máy ECMO',
  dialysis: 'Máy lọc máu',
  oxygenConcentrators: 'Máy tạo oxy',
};
export type Capacity = { beds: number } & Partial<Record<Exclude<CapacityField, 'beds'>, number>>;

/** The most of any capacity field a facility may declare (a field hospital of 10,000 beds is the largest seen). */
export const MAX_CAPACITY = 100_000;

/** How full a facility is, for the colour of its free beds: ok below 80 %, tight below 100 %, full. */
export function occupancyLevel(beds: number, occupied: number): 'ok' | 'tight' | 'full' {
  if (beds <= 0 || occupied >= beds) return 'full';
  return occupied / beds >= 0.8 ? 'tight' : 'ok';
}
export const OCCUPANCY_LEVEL_LABELS = {
  ok: 'Còn nhiều giường',
  tight: 'Sắp đầy',
  full: 'Hết giường',
} as const;

/**
 * Which treatment tier (its number, tầng 1/2/3) a case of a severity belongs in, for the "next wave"
 * estimate: QĐ 4111/QĐ-BYT (26/08/2021, rules file §5 R5.1) — tier 1 asymptomatic and mild, tier 2
 * moderate (and severe), tier 3 severe and critical. Severe goes to tier 3 here (the overlap is the
 * rules file's; the choice is ours). A province's tiers are data; only their numbers are used.
 */
export const SEVERITY_TIER: Record<string, number> = {
  asymptomatic: 1,
  mild: 1,
  moderate: 2,
  severe: 3,
  critical: 3,
};
export const SEVERITY_TIER_SOURCE =
  'QĐ 4111/QĐ-BYT (26/08/2021): tầng 1 không triệu chứng, nhẹ; tầng 2 trung bình; tầng 3 nặng, nguy kịch';

/** How many days the current free beds last at a net daily intake; null when the beds are not filling. */
export function daysUntilFull(free: number, netPerDay: number): number | null {
  if (netPerDay <= 0) return null;
  if (free <= 0) return 0;
  return Math.floor(free / netPerDay);
}

/** Growth of new cases a week may be projected with, at most (a week of 1 case then 40 is not a 40-fold trend). */
export const MAX_WEEKLY_GROWTH = 3;
/** Days a next wave is projected over. */
export const WAVE_DAYS = 14;

export interface WaveInput {
  /** New cases in the last 7 days and in the 7 days before. */
  casesLastWeek: number;
  casesWeekBefore: number;
  /** Active F0 (cases) by the tier number of their severity (SEVERITY_TIER). */
  activeBySeverityTier: Record<number, number>;
  /** Free beds today by tier number (treatment facilities; isolation sites under tier 1). */
  freeByTier: Record<number, number>;
}

export interface WaveNeed {
  weeklyGrowth: number;
  projectedCases: number;
  byTier: { tier: number; share: number; needed: number; free: number; shortfall: number }[];
  explanation: string;
}

/**
 * What the next wave would need: new cases keep growing at last week's weekly rate (cases of the
 * last 7 days over the 7 days before, at most MAX_WEEKLY_GROWTH; 1 when there is no week before)
 * for WAVE_DAYS days; the projected cases are split by tier in the shares of the active case
 * F0's severities (SEVERITY_TIER; all in tier 1 when none is active); each tier needs that many
 * beds, against its free beds today. Home care is not subtracted: a tier-1 bed stands for the home
 * or site place a mild case would take.
 */
export function nextWaveNeed(input: WaveInput): WaveNeed {
  const growth =
    input.casesWeekBefore > 0
      ? Math.min(MAX_WEEKLY_GROWTH, input.casesLastWeek / input.casesWeekBefore)
      : input.casesLastWeek > 0
        ? 1
        : 0;
  const weeks = WAVE_DAYS / 7;
  let projected = 0;
  for (let w = 1; w <= weeks; w++) projected += input.casesLastWeek * growth ** w;
  projected = Math.round(projected);
  const total = Object.values(input.activeBySeverityTier).reduce((a, b) => a + b, 0);
  const tiers = [...new Set([1, 2, 3, ...Object.keys(input.freeByTier).map(Number)])].sort((a, b) => a - b);
  const byTier = tiers.map((tier) => {
    const share = total > 0 ? (input.activeBySeverityTier[tier] ?? 0) / total : tier === 1 ? 1 : 0;
    const needed = Math.round(projected * share);
    const free = input.freeByTier[tier] ?? 0;
    return { tier, share, needed, free, shortfall: Math.max(0, needed - free) };
  });
  const pct = (growth * 100).toFixed(0);
  return {
    weeklyGrowth: growth,
    projectedCases: projected,
    byTier,
    explanation:
      `Số ca mới 7 ngày qua: ${input.casesLastWeek}, 7 ngày trước đó: ${input.casesWeekBefore} ` +
      `(tốc độ ${pct}% mỗi tuần, tối đa ${MAX_WEEKLY_GROWTH * 100}%). Nếu giữ tốc độ này ${WAVE_DAYS} ngày tới sẽ có ` +
      `khoảng ${projected} ca mới, chia theo tầng điều trị đúng tỉ lệ mức độ bệnh của các F0 đang cách ly, điều trị ` +
      `(${SEVERITY_TIER_SOURCE}). Số giường cần so với số giường trống hôm nay.`,
  };
}
