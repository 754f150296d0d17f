import { formatVnDate } from '../dates/dates.ts';
import { addDays } from './days.ts';
import { FIRST_CASE_DATE, type PolicyRef, policyRef, versionAt } from './policy.ts';
import { CARE_PLACE_LABELS, type CarePlace, type VaccinationStatus } from './vocabulary.ts';

/** Discharge of a case treated in a hospital or a centralised facility: a criterion, not a day count. */
export interface DischargePolicy extends PolicyRef {
  criterion: string;
}

/** A version of the end of isolation of a case cared for at home, chosen by the detection date (rules file §2.3). */
export interface HomeIsolationPolicy extends PolicyRef {
  /** Days from detection (day 0) to the earliest end. */
  days: number;
  /** Whether the earliest end needs a negative rapid antigen test. */
  exitTest: boolean;
  /** Days to the end when the exit test is still positive; null when the version sets no extension. */
  extendedDays: { fullyVaccinated: number; others: number } | null;
}

export interface IsolationTables {
  discharge: DischargePolicy;
  /** Sorted by effectiveFrom; before the first version, home cases are judged by the discharge criterion. */
  home: readonly HomeIsolationPolicy[];
}

/** A province may pass its own tables to isolationPlan. */
export const ISOLATION_POLICIES: IsolationTables = {
  discharge: {
    code: 'isolation/discharge',
    // Rules file §2.3, "until 12/2021": reported by Báo Đà Nẵng 28/12/2021; the MoH document number is UNCONFIRMED.
    source: 'Tiêu chuẩn ra viện của Bộ Y tế (số văn bản chưa xác nhận)',
    effectiveFrom: FIRST_CASE_DATE,
    unconfirmed: true,
    criterion:
      'Ra viện khi đã hết triệu chứng ít nhất 3 ngày và có xét nghiệm âm tính (RT-PCR âm tính, hoặc tải lượng ' +
      'vi rút thấp Ct ≥ 30, hoặc test nhanh kháng nguyên âm tính) vào ngày trước khi ra viện; sau đó tự theo dõi ' +
      'sức khỏe tại nhà 7 ngày',
  },
  home: [
    {
      code: 'isolation/home-2021-12-28',
      // Rules file §2.3: 10 days + negative antigen test; dispatch of 28/12/2021, number UNCONFIRMED.
      source: 'Công văn Bộ Y tế ngày 28/12/2021 (số văn bản chưa xác nhận)',
      effectiveFrom: '2021-12-28',
      unconfirmed: true,
      days: 10,
      exitTest: true,
      extendedDays: null,
    },
    {
      code: 'isolation/cv-762-byt-dp',
      // Rules file §2.3, §3.5: 7 days + negative antigen test, else 10 (fully vaccinated) or 14 days.
      source: 'Hướng dẫn điều trị của Bộ Y tế (đưa tin 17/02/2022), CV 762/BYT-DP (21/02/2022)',
      effectiveFrom: '2022-02-17',
      days: 7,
      exitTest: true,
      extendedDays: { fullyVaccinated: 10, others: 14 },
    },
    {
      code: 'isolation/cv-1909-byt-dp',
      // Rules file §2.3: UNCONFIRMED best understanding, 7 days and no exit test once symptoms are gone.
      source: 'CV 1909/BYT-DP (15/04/2022) (quy định cách ly F0 chưa xác nhận)',
      effectiveFrom: '2022-04-15',
      unconfirmed: true,
      days: 7,
      exitTest: false,
      extendedDays: null,
    },
  ],
};

export interface IsolationFacts {
  /** YYYY-MM-DD: chooses the policy and is day 0. */
  detectedOn: string;
  carePlace: CarePlace;
  vaccination: VaccinationStatus;
}

export interface IsolationPlan {
  /** The earliest day isolation may end; null when the end is a clinical criterion (discharge). */
  earliestEnd: string | null;
  /** The end when the exit test is still positive, under versions that set one. */
  extendedEnd?: string;
  /** The criterion in Vietnamese, as the health worker applies it. */
  criterion: string;
  policy: PolicyRef;
  reasons: string[];
}

/** The criterion of a home version, in Vietnamese. */
export function homeIsolationCriterion(policy: HomeIsolationPolicy): string {
  const exit = policy.exitTest
    ? ' nếu test nhanh kháng nguyên âm tính (do nhân viên y tế làm, hoặc người bệnh tự làm dưới sự giám sát của nhân viên y tế)'
    : ' nếu đã hết triệu chứng, không cần xét nghiệm';
  const extension = policy.extendedDays
    ? `; nếu còn dương tính, cách ly đủ ${policy.extendedDays.fullyVaccinated} ngày (đã tiêm đủ liều vắc xin) ` +
      `hoặc ${policy.extendedDays.others} ngày (chưa tiêm đủ liều)`
    : '';
  return `Kết thúc cách ly sau ${policy.days} ngày${exit}${extension}`;
}

/** When and on what criterion a case's isolation ends, under the policy in force on the detection date. */
export function isolationPlan(
  facts: IsolationFacts,
  { discharge = ISOLATION_POLICIES.discharge, home = ISOLATION_POLICIES.home }: Partial<IsolationTables> = {},
): IsolationPlan {
  const detected = `Phát hiện ngày ${formatVnDate(facts.detectedOn)}`;
  const dischargePlan = (why: string): IsolationPlan => ({
    earliestEnd: null,
    criterion: discharge.criterion,
    policy: policyRef(discharge),
    reasons: [why, `Áp dụng tiêu chuẩn ra viện: ${discharge.source}`],
  });

  if (facts.carePlace !== 'home') {
    return dischargePlan(`${detected}, điều trị tại ${CARE_PLACE_LABELS[facts.carePlace].toLowerCase()}`);
  }
  if (home.length === 0 || facts.detectedOn < home[0].effectiveFrom) {
    return dischargePlan(
      `${detected}: chưa có quy định kết thúc cách ly theo số ngày cho F0 điều trị tại nhà`,
    );
  }

  const version = versionAt(home, facts.detectedOn);
  const earliestEnd = addDays(facts.detectedOn, version.days);
  const reasons = [
    `${detected}, điều trị tại nhà: ${version.source} quy định kết thúc cách ly sau ${version.days} ngày`,
    `Có thể kết thúc cách ly từ ngày ${formatVnDate(earliestEnd)}` +
      (version.exitTest ? ' nếu test nhanh kháng nguyên âm tính' : ''),
  ];
  const plan: IsolationPlan = {
    earliestEnd,
    criterion: homeIsolationCriterion(version),
    policy: policyRef(version),
    reasons,
  };
  if (version.extendedDays) {
    const full = facts.vaccination === 'full';
    const days = full ? version.extendedDays.fullyVaccinated : version.extendedDays.others;
    const who = full
      ? 'đã tiêm đủ liều vắc xin'
      : facts.vaccination === 'unknown'
        ? 'chưa rõ tiêm chủng, tính như chưa tiêm đủ liều'
        : 'chưa tiêm đủ liều vắc xin';
    plan.extendedEnd = addDays(facts.detectedOn, days);
    reasons.push(
      `Nếu còn dương tính: cách ly đến ngày ${formatVnDate(plan.extendedEnd)} (${days} ngày, ${who})`,
    );
  }
  return plan;
}
