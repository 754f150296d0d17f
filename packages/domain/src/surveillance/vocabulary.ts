/**
 * Ids and Vietnamese labels of case surveillance. Ids are a contract (API, database, CLI);
 * labels are what people read.
 */

export const TEST_KINDS = ['rt_pcr', 'rt_pcr_pool', 'rapid_antigen', 'self_test'] as const;
export type TestKind = (typeof TEST_KINDS)[number];
export const TEST_KIND_LABELS: Record<TestKind, string> = {
  rt_pcr: 'RT-PCR mẫu đơn',
  rt_pcr_pool: 'RT-PCR mẫu gộp',
  rapid_antigen: 'Test nhanh kháng nguyên',
  self_test: 'Tự test nhanh kháng nguyên',
};

export const TEST_PERFORMERS = ['health_worker', 'employer_team', 'self'] as const;
export type TestPerformer = (typeof TEST_PERFORMERS)[number];
export const TEST_PERFORMER_LABELS: Record<TestPerformer, string> = {
  health_worker: 'Nhân viên y tế',
  employer_team: 'Tổ xét nghiệm của doanh nghiệp',
  self: 'Người được xét nghiệm tự làm',
};

export const TEST_RESULTS = ['pending', 'positive', 'negative', 'invalid'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];
export const TEST_RESULT_LABELS: Record<TestResult, string> = {
  pending: 'Chờ kết quả',
  positive: 'Dương tính',
  negative: 'Âm tính',
  invalid: 'Không hợp lệ',
};

/** How a case was found; the community / in-quarantine split is what daily reports count. */
export const FOUND_BY = [
  'community',
  'in_quarantine',
  'arrival',
  'symptomatic',
  'contact_tracing',
  'screening_workplace',
] as const;
export type FoundBy = (typeof FOUND_BY)[number];
export const FOUND_BY_LABELS: Record<FoundBy, string> = {
  community: 'Trong cộng đồng',
  in_quarantine: 'Trong khu cách ly, phong tỏa',
  arrival: 'Người nhập cảnh hoặc từ vùng dịch về',
  symptomatic: 'Có triệu chứng, đến cơ sở y tế',
  contact_tracing: 'Qua truy vết',
  screening_workplace: 'Xét nghiệm sàng lọc tại nơi làm việc',
};

/** Clinical severity classes of QĐ 4689/QĐ-BYT (rules file §3.6). */
export const SEVERITIES = ['asymptomatic', 'mild', 'moderate', 'severe', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = {
  asymptomatic: 'Không triệu chứng',
  mild: 'Nhẹ',
  moderate: 'Trung bình',
  severe: 'Nặng',
  critical: 'Nguy kịch',
};

/**
 * Where a case is cared for: at home or in a centralised facility (fixed codes), or in a treatment
 * tier. The tiers (tầng 1/2/3 of QĐ 4111/QĐ-BYT, rules file §5) are data a province changes (table
 * care_tiers: its own rows, else the national defaults hospital_t1..t3), so they are not listed here.
 */
export const FIXED_CARE_PLACES = ['home', 'facility'] as const;
export type FixedCarePlace = (typeof FIXED_CARE_PLACES)[number];
/** A fixed place, or the code of a care tier of the case's province. */
export type CarePlace = string;
export const CARE_PLACE_LABELS: Record<FixedCarePlace, string> = {
  home: 'Tại nhà',
  facility: 'Cơ sở cách ly tập trung',
};

export function isFixedCarePlace(value: string): value is FixedCarePlace {
  return (FIXED_CARE_PLACES as readonly string[]).includes(value);
}

/** The code of a care tier: lower-case letters, digits and `_`, as the fixed codes and the defaults. */
export const CARE_TIER_CODE = /^[a-z][a-z0-9_]{0,29}$/;

export const OUTCOMES = ['recovered', 'transferred_out', 'died'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  recovered: 'Khỏi bệnh',
  transferred_out: 'Chuyển đi nơi khác',
  died: 'Tử vong',
};

export const CONTACT_SETTINGS = [
  'household',
  'relative',
  'workplace',
  'school',
  'neighbour',
  'transport',
  'event',
  'healthcare',
  'other',
] as const;
export type ContactSetting = (typeof CONTACT_SETTINGS)[number];
export const CONTACT_SETTING_LABELS: Record<ContactSetting, string> = {
  household: 'Hộ gia đình',
  relative: 'Họ hàng (truy vết thân tộc)',
  workplace: 'Nơi làm việc',
  school: 'Trường học',
  neighbour: 'Hàng xóm',
  transport: 'Phương tiện giao thông',
  event: 'Sự kiện/tụ tập',
  healthcare: 'Cơ sở y tế',
  other: 'Khác',
};

export const VACCINATION_STATUS = ['full', 'partial', 'none', 'unknown'] as const;
export type VaccinationStatus = (typeof VACCINATION_STATUS)[number];
export const VACCINATION_STATUS_LABELS: Record<VaccinationStatus, string> = {
  full: 'Đã tiêm đủ liều',
  partial: 'Chưa tiêm đủ liều',
  none: 'Chưa tiêm',
  unknown: 'Chưa rõ',
};

/** A case is active until one of the outcomes closes it. */
export const CASE_STATUSES = ['active', 'recovered', 'transferred_out', 'died'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  active: 'Đang điều trị',
  recovered: 'Khỏi bệnh',
  transferred_out: 'Đã chuyển đi nơi khác',
  died: 'Tử vong',
};

export const QUARANTINE_PLACES = ['facility', 'home'] as const;
export type QuarantinePlace = (typeof QUARANTINE_PLACES)[number];
export const QUARANTINE_PLACE_LABELS: Record<QuarantinePlace, string> = {
  facility: 'Cách ly tập trung',
  home: 'Cách ly tại nhà',
};
