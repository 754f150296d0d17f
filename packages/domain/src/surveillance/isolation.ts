import { formatVnDate } from '../dates/dates.ts';
import { addDays } from './days.ts';
import { FIRST_CASE_DATE, type PolicyRef, policyRef, versionAt, withUnconfirmed } from './policy.ts';
import {
  CARE_PLACE_LABELS,
  type CarePlace,
  isFixedCarePlace,
  type TestKind,
  type VaccinationStatus,
} from './vocabulary.ts';

/**
 * Whether the detection day is day 0 or day 1 of the isolation count: the rules file (§2.3) gives
 * lengths only. UNCONFIRMED: every plan counted in days carries this point.
 */
export const ISOLATION_DAY_ZERO_POINT =
  'Cách tính ngày: ngày phát hiện được tính là ngày 0 (quy ước này chưa được xác nhận trong văn bản)';

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
    unconfirmedPoints: ['Số văn bản của tiêu chuẩn ra viện chưa được xác nhận'],
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
      unconfirmedPoints: ['Số văn bản của Bộ Y tế ngày 28/12/2021 chưa được xác nhận'],
      days: 10,
      exitTest: true,
      extendedDays: null,
    },
    {
      code: 'isolation/cv-762-byt-dp',
      // Rules file §2.3, §3.5: 7 days + negative antigen test, else 10 (fully vaccinated) or 14 days.
      // The start on 17/02/2022 is the day the news reported the MoH guidance: UNCONFIRMED.
      source: 'Hướng dẫn điều trị của Bộ Y tế (đưa tin 17/02/2022), CV 762/BYT-DP (21/02/2022)',
      effectiveFrom: '2022-02-17',
      unconfirmed: true,
      unconfirmedPoints: [
        'Ngày bắt đầu áp dụng 17/02/2022 là ngày báo chí đưa tin hướng dẫn, chưa được xác nhận trong văn bản',
      ],
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
      unconfirmedPoints: [
        'Quy định cách ly F0 theo CV 1909/BYT-DP (7 ngày, không cần xét nghiệm) chưa được xác nhận',
      ],
      days: 7,
      exitTest: false,
      extendedDays: null,
    },
  ],
};

export interface IsolationFacts {
  /** YYYY-MM-DD: chooses the policy and is day 0. */
  detectedOn: string;
  /** `home`, `facility`, or the code of a care tier (cared for under the discharge criterion). */
  carePlace: CarePlace;
  /** The name of the care tier, for the reasons (care tiers are data: care_tiers). */
  carePlaceName?: string | null;
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
    const name =
      facts.carePlaceName ??
      (isFixedCarePlace(facts.carePlace) ? CARE_PLACE_LABELS[facts.carePlace] : facts.carePlace);
    return dischargePlan(`${detected}, điều trị tại ${name.charAt(0).toLowerCase()}${name.slice(1)}`);
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
    policy: withUnconfirmed(policyRef(version), ISOLATION_DAY_ZERO_POINT),
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

/** A negative test of the person, sampled on or after the detection date. */
export interface NegativeTest {
  /** YYYY-MM-DD the sample was taken (in Vietnam). */
  on: string;
  kind: TestKind;
}

export interface ReleaseFacts extends IsolationFacts {
  /** The person's negative individual tests sampled on or after the detection date, any order. */
  negativeTests: readonly NegativeTest[];
}

export interface EarliestRelease {
  /** The earliest recovery date the policy allows; null while it waits for a negative test. */
  earliestOn: string | null;
  /** The criterion or plan this answer applies. */
  policy: PolicyRef;
  reasons: string[];
}

/**
 * Tests that may end an isolation: an antigen test (health worker's or self-test, the supervision the
 * 2022 rules ask for is not recorded) or an individual RT-PCR; a pool never names one person's result.
 */
const EXIT_TEST_KINDS: readonly TestKind[] = ['rapid_antigen', 'self_test', 'rt_pcr'];

function firstNegativeFrom(tests: readonly NegativeTest[], from: string): string | null {
  const days = tests.filter((t) => EXIT_TEST_KINDS.includes(t.kind) && t.on >= from).map((t) => t.on);
  return days.length ? days.sort()[0] : null;
}

/**
 * The earliest day a case may be recorded as recovered under the policy in force on its detection
 * date (isolationPlan), with the negative test the policy needs when it needs one:
 * - discharge criterion (hospital, facility, home before 28/12/2021): a negative test on the day
 *   before discharge, so the day after the first negative test sampled after detection;
 * - home versions with an exit test: the first negative test on or after the earliest end; without
 *   one, the extended end of the version when it sets one (no test then), else no date yet;
 * - home versions without an exit test: the earliest end.
 * An earlier date needs a clinician's reason (the caller's business).
 */
export function earliestRelease(facts: ReleaseFacts, tables: Partial<IsolationTables> = {}): EarliestRelease {
  const plan = isolationPlan(facts, tables);
  const reasons = [...plan.reasons];
  const answer = (earliestOn: string | null, ...why: string[]): EarliestRelease => ({
    earliestOn,
    policy: plan.policy,
    reasons: [...reasons, ...why],
  });

  if (plan.earliestEnd === null) {
    const negative = firstNegativeFrom(facts.negativeTests, facts.detectedOn);
    if (negative === null) {
      return answer(
        null,
        'Tiêu chuẩn ra viện cần xét nghiệm âm tính vào ngày trước khi ra viện: chưa có kết quả âm tính nào sau ngày phát hiện',
      );
    }
    const earliestOn = addDays(negative, 1);
    return answer(
      earliestOn,
      `Xét nghiệm âm tính ngày ${formatVnDate(negative)}: có thể xác nhận khỏi bệnh từ ngày ${formatVnDate(earliestOn)}`,
    );
  }

  const version = versionAt(tables.home ?? ISOLATION_POLICIES.home, facts.detectedOn);
  if (!version.exitTest) return answer(plan.earliestEnd);
  const negative = firstNegativeFrom(facts.negativeTests, plan.earliestEnd);
  const extended = plan.extendedEnd ?? null;
  if (negative !== null && (extended === null || negative <= extended)) {
    return answer(
      negative,
      `Test âm tính ngày ${formatVnDate(negative)}: có thể kết thúc cách ly từ ngày này`,
    );
  }
  if (extended !== null) {
    return answer(
      extended,
      `Chưa có xét nghiệm âm tính từ ngày ${formatVnDate(plan.earliestEnd)}: kết thúc cách ly từ ngày ${formatVnDate(extended)}`,
    );
  }
  return answer(
    null,
    `Cần test nhanh kháng nguyên âm tính từ ngày ${formatVnDate(plan.earliestEnd)}: chưa có kết quả âm tính nào`,
  );
}
