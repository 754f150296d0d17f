import { formatVnDate } from '../dates/dates.ts';
import { FIRST_CASE_DATE, type PolicyRef, policyRef, versionAt } from './policy.ts';
import type { TestKind, TestPerformer, TestResult } from './vocabulary.ts';

/** A version of the confirmed-case (F0) definition. */
export interface ConfirmationPolicy extends PolicyRef {
  /**
   * Who may perform a positive antigen test that confirms a case when the person also has symptoms or an
   * epidemiological factor. Empty: only an individual RT-PCR confirms.
   */
  antigenConfirmsWhenPerformedBy: readonly TestPerformer[];
}

/** Sorted by effectiveFrom; a province may pass its own table to confirmationOf. */
export const CONFIRMATION_POLICIES: readonly ConfirmationPolicy[] = [
  {
    code: 'confirmation/2020',
    // The rules file names no document for the RT-PCR-only definition before CV 11042/BYT-DP.
    source: 'Hướng dẫn giám sát của Bộ Y tế trước CV 11042/BYT-DP',
    effectiveFrom: FIRST_CASE_DATE,
    unconfirmed: true,
    unconfirmedPoints: ['Văn bản quy định chỉ RT-PCR mẫu đơn khẳng định ca bệnh trước ngày 29/12/2021'],
    antigenConfirmsWhenPerformedBy: [],
  },
  {
    code: 'confirmation/cv-11042-byt-dp',
    // Rules file §0, R2.1.2: CV 11042 changed the suspected / F0 / F1 definitions (CONFIRMED); that a
    // positive antigen test by a health worker confirms F0 under it is UNCONFIRMED (the F0 wording was not read).
    source: 'CV 11042/BYT-DP (29/12/2021)',
    effectiveFrom: '2021-12-29',
    unconfirmed: true,
    unconfirmedPoints: [
      'Test nhanh kháng nguyên dương tính do nhân viên y tế thực hiện khẳng định ca bệnh theo CV 11042/BYT-DP: chưa xác nhận',
    ],
    antigenConfirmsWhenPerformedBy: ['health_worker'],
  },
  {
    code: 'confirmation/qd-604-qd-byt',
    source: 'QĐ 604/QĐ-BYT (14/03/2022)', // rules file §2.3: F0 confirmed by a self-test at home
    effectiveFrom: '2022-03-14',
    antigenConfirmsWhenPerformedBy: ['health_worker', 'employer_team', 'self'],
  },
  {
    code: 'confirmation/cv-1909-byt-dp',
    source: 'CV 1909/BYT-DP (15/04/2022)', // rules file R2.1.3: PCR, or antigen + symptoms, or antigen + epi factor
    effectiveFrom: '2022-04-15',
    antigenConfirmsWhenPerformedBy: ['health_worker', 'employer_team', 'self'],
  },
];

export interface TestFacts {
  kind: TestKind;
  performer: TestPerformer;
  result: TestResult;
  /** YYYY-MM-DD of the result: chooses the definition in force. */
  resultDate: string;
  symptomatic: boolean;
  /** An epidemiological factor: the person is an F1, or comes from an outbreak area. */
  epidemiologicalLink: boolean;
}

export interface Confirmation {
  /** suspected: confirm by an individual RT-PCR (for a pool: retest each member). */
  outcome: 'confirmed' | 'suspected' | 'none';
  policy: PolicyRef;
  reasons: string[];
}

const NOT_POSITIVE: Record<Exclude<TestResult, 'positive'>, string> = {
  pending: 'Chưa có kết quả xét nghiệm',
  negative: 'Kết quả âm tính',
  invalid: 'Kết quả không hợp lệ: cần lấy mẫu xét nghiệm lại',
};

const PERFORMED_BY: Record<TestPerformer, string> = {
  health_worker: 'do nhân viên y tế thực hiện',
  employer_team: 'do tổ xét nghiệm của doanh nghiệp thực hiện',
  self: 'do người được xét nghiệm tự làm',
};

/** Whether a test result confirms a case (F0), under the definition in force on the result date. */
export function confirmationOf(
  facts: TestFacts,
  policies: readonly ConfirmationPolicy[] = CONFIRMATION_POLICIES,
): Confirmation {
  const version = versionAt(policies, facts.resultDate);
  const answer = (outcome: Confirmation['outcome'], ...why: string[]): Confirmation => ({
    outcome,
    policy: policyRef(version),
    reasons: [`Kết quả ngày ${formatVnDate(facts.resultDate)}: áp dụng ${version.source}`, ...why],
  });

  if (facts.result !== 'positive') return answer('none', NOT_POSITIVE[facts.result]);
  if (facts.kind === 'rt_pcr')
    return answer('confirmed', 'RT-PCR mẫu đơn dương tính: khẳng định ca bệnh (F0)');
  if (facts.kind === 'rt_pcr_pool') {
    return answer(
      'suspected',
      'Mẫu gộp dương tính không khẳng định ca bệnh nào: từng người trong mẫu gộp phải xét nghiệm RT-PCR mẫu đơn',
    );
  }

  // A self-test is never performed by a health worker, whatever the record says.
  const performer = facts.kind === 'self_test' ? 'self' : facts.performer;
  const factors = [
    ...(facts.symptomatic ? ['có triệu chứng lâm sàng'] : []),
    ...(facts.epidemiologicalLink ? ['có yếu tố dịch tễ'] : []),
  ];
  const test = `Test nhanh kháng nguyên dương tính ${PERFORMED_BY[performer]}`;
  const accepted = version.antigenConfirmsWhenPerformedBy.includes(performer);
  if (accepted && factors.length > 0) {
    return answer('confirmed', `${test}, ${factors.join(' và ')}: khẳng định ca bệnh (F0)`);
  }

  const gaps = [
    ...(accepted
      ? []
      : [`${version.source} không công nhận test nhanh ${PERFORMED_BY[performer]} để khẳng định ca bệnh`]),
    ...(factors.length > 0 ? [] : ['Không có triệu chứng lâm sàng và không có yếu tố dịch tễ']),
  ];
  return answer('suspected', test, ...gaps, 'Ca nghi ngờ: cần xét nghiệm RT-PCR để khẳng định');
}
