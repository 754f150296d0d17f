/**
 * The spellings an import accepts for each coded value, Vietnamese first. The labels the app
 * shows are always accepted too, and so are the ids. Matching folds case, diacritics, spaces and
 * punctuation (`foldKey`), so "Dương tính", "DUONG TINH" and "duong-tinh" are the same.
 * docs/import.md lists them for the people who prepare the files.
 */
import {
  CARE_PLACE_LABELS,
  FOUND_BY_LABELS,
  SEVERITY_LABELS,
  TEST_PERFORMER_LABELS,
  TEST_RESULT_LABELS,
} from '@tuyendau/domain';
import { valueLookup } from './columns.ts';

const withLabels = <K extends string>(labels: Record<K, string>, more: Record<K, readonly string[]>) =>
  valueLookup(
    Object.fromEntries(Object.entries<string>(labels).map(([id, label]) => [id, [label, ...more[id as K]]])),
  );

/** Individual tests only: a pooled sample is registered through /tests/pools, not imported. */
export const TEST_KIND_VALUES = valueLookup({
  rt_pcr: ['RT-PCR', 'RT-PCR mẫu đơn', 'PCR', 'PCR mẫu đơn', 'Xét nghiệm PCR', 'Realtime PCR'],
  rapid_antigen: [
    'Test nhanh kháng nguyên',
    'Test nhanh',
    'Xét nghiệm nhanh',
    'Kháng nguyên',
    'TNKN',
    'Antigen',
    'Rapid test',
    'Rapid antigen',
  ],
  self_test: ['Tự test nhanh kháng nguyên', 'Tự test nhanh', 'Tự test', 'Tự xét nghiệm', 'Self test'],
});

export const TEST_PERFORMER_VALUES = withLabels(TEST_PERFORMER_LABELS, {
  health_worker: ['Nhân viên y tế', 'NVYT', 'Cán bộ y tế', 'Y tế'],
  employer_team: ['Doanh nghiệp', 'Tổ xét nghiệm doanh nghiệp', 'Công ty'],
  self: ['Tự làm', 'Tự test', 'Người dân tự làm', 'Cá nhân'],
});

export const TEST_RESULT_VALUES = withLabels(TEST_RESULT_LABELS, {
  positive: ['Dương tính', 'Dương', 'DT', 'Positive', 'Pos'],
  negative: ['Âm tính', 'Âm', 'AT', 'Negative', 'Neg'],
  pending: ['Chờ kết quả', 'Đang chờ', 'Chưa có kết quả', 'Pending'],
  invalid: ['Không hợp lệ', 'Không xác định', 'Mẫu lỗi', 'Invalid'],
});

export const YES_NO_VALUES = valueLookup({
  true: ['Có', 'x', '1', 'Đúng', 'Yes', 'y', 'true'],
  false: ['Không', '0', 'Sai', 'No', 'n', 'false'],
});

export const FOUND_BY_VALUES = withLabels(FOUND_BY_LABELS, {
  community: ['Cộng đồng', 'Ngoài cộng đồng'],
  in_quarantine: ['Khu cách ly', 'Đang cách ly', 'Cách ly', 'Khu phong tỏa', 'Phong tỏa'],
  arrival: ['Nhập cảnh', 'Từ vùng dịch về', 'Người về từ vùng dịch'],
  symptomatic: ['Có triệu chứng', 'Khám bệnh', 'Đến cơ sở y tế'],
  contact_tracing: ['Truy vết', 'F1'],
  screening_workplace: ['Sàng lọc', 'Sàng lọc nơi làm việc', 'Nơi làm việc', 'Doanh nghiệp'],
});

export const SEVERITY_VALUES = withLabels(SEVERITY_LABELS, {
  asymptomatic: ['Không triệu chứng', 'KTC'],
  mild: ['Nhẹ', 'Mức độ nhẹ'],
  moderate: ['Trung bình', 'Vừa'],
  severe: ['Nặng'],
  critical: ['Nguy kịch', 'Rất nặng'],
});

/**
 * Home and facility, and the usual spellings of the national default tiers (QĐ 4111/QĐ-BYT). Other
 * tiers are data (care_tiers): the case import also matches a tier of the person's province by its
 * code or its name, and accepts a default tier only while the province keeps it active.
 */
export const CARE_PLACE_VALUES = valueLookup({
  home: [CARE_PLACE_LABELS.home, 'Tại nhà', 'Cách ly tại nhà', 'Điều trị tại nhà', 'Nhà'],
  facility: [CARE_PLACE_LABELS.facility, 'Cách ly tập trung', 'Khu cách ly tập trung', 'Tập trung'],
  hospital_t1: ['Tầng 1', 'Bệnh viện tầng 1', 'Cơ sở tầng 1'],
  hospital_t2: ['Tầng 2', 'Bệnh viện tầng 2', 'Cơ sở tầng 2'],
  hospital_t3: ['Tầng 3', 'Bệnh viện tầng 3', 'Cơ sở tầng 3'],
});
