import { describe, expect, it } from 'vitest';
import {
  CONFIRMATION_POLICIES,
  type ConfirmationPolicy,
  confirmationOf,
  type TestFacts,
} from './confirmation.ts';

const antigen = (over: Partial<TestFacts>): TestFacts => ({
  kind: 'rapid_antigen',
  performer: 'health_worker',
  result: 'positive',
  resultDate: '2022-01-10',
  symptomatic: true,
  epidemiologicalLink: false,
  ...over,
});

describe('confirmationOf: RT-PCR and pools', () => {
  it('confirms a positive individual RT-PCR under every version', () => {
    for (const resultDate of ['2020-03-01', '2021-12-29', '2022-03-14', '2022-04-15']) {
      const r = confirmationOf({ ...antigen({ resultDate }), kind: 'rt_pcr', symptomatic: false });
      expect(r.outcome).toBe('confirmed');
    }
  });

  it('never confirms anyone from a positive pool', () => {
    for (const resultDate of ['2021-06-01', '2022-05-01']) {
      const r = confirmationOf(antigen({ kind: 'rt_pcr_pool', resultDate, epidemiologicalLink: true }));
      expect(r.outcome).toBe('suspected');
      expect(r.reasons.join(' ')).toContain('từng người trong mẫu gộp phải xét nghiệm RT-PCR mẫu đơn');
    }
  });

  it('confirms nothing without a positive result', () => {
    expect(confirmationOf(antigen({ kind: 'rt_pcr', result: 'pending' })).outcome).toBe('none');
    expect(confirmationOf(antigen({ kind: 'rt_pcr', result: 'negative' })).reasons).toContain(
      'Kết quả âm tính',
    );
    expect(confirmationOf(antigen({ result: 'invalid' })).outcome).toBe('none');
  });
});

describe('confirmationOf: positive antigen test, by version', () => {
  it('until 28/12/2021 only makes a suspected case, even by a health worker with symptoms', () => {
    const r = confirmationOf(antigen({ resultDate: '2021-12-28', epidemiologicalLink: true }));
    expect(r.outcome).toBe('suspected');
    expect(r.policy.code).toBe('confirmation/2020');
    expect(r.reasons).toContain('Ca nghi ngờ: cần xét nghiệm RT-PCR để khẳng định');
  });

  it('from 29/12/2021 (CV 11042) confirms a health-worker test with symptoms or an epidemiological factor', () => {
    const symptoms = confirmationOf(antigen({ resultDate: '2021-12-29' }));
    expect(symptoms.outcome).toBe('confirmed');
    expect(symptoms.policy).toEqual({
      code: 'confirmation/cv-11042-byt-dp',
      source: 'CV 11042/BYT-DP (29/12/2021)',
      effectiveFrom: '2021-12-29',
      // Confirmation by a health worker's antigen test under CV 11042 is UNCONFIRMED (rules file R2.1.2).
      unconfirmed: true,
      unconfirmedPoints: [
        'Test nhanh kháng nguyên dương tính do nhân viên y tế thực hiện khẳng định ca bệnh theo CV 11042/BYT-DP: chưa xác nhận',
      ],
    });
    expect(symptoms.reasons).toEqual([
      'Kết quả ngày 29/12/2021: áp dụng CV 11042/BYT-DP (29/12/2021)',
      'Test nhanh kháng nguyên dương tính do nhân viên y tế thực hiện, có triệu chứng lâm sàng: khẳng định ca bệnh (F0)',
    ]);
    const epi = confirmationOf(
      antigen({ resultDate: '2021-12-29', symptomatic: false, epidemiologicalLink: true }),
    );
    expect(epi.outcome).toBe('confirmed');
  });

  it('under CV 11042 a health-worker test without symptoms nor epidemiological factor stays suspected', () => {
    const r = confirmationOf(antigen({ resultDate: '2022-01-10', symptomatic: false }));
    expect(r.outcome).toBe('suspected');
    expect(r.reasons).toContain('Không có triệu chứng lâm sàng và không có yếu tố dịch tễ');
  });

  it('until 13/03/2022 a self-test or an employer-team test stays suspected', () => {
    for (const over of [
      { kind: 'self_test' as const, performer: 'self' as const },
      { performer: 'employer_team' as const },
    ]) {
      const r = confirmationOf(antigen({ ...over, resultDate: '2022-03-13' }));
      expect(r.outcome).toBe('suspected');
      expect(r.reasons.join(' ')).toContain('CV 11042/BYT-DP (29/12/2021) không công nhận test nhanh');
    }
  });

  it('from 14/03/2022 (QĐ 604) confirms a self-test or an employer-team test with symptoms or epidemiological factor', () => {
    const self = confirmationOf(antigen({ kind: 'self_test', performer: 'self', resultDate: '2022-03-14' }));
    expect(self.outcome).toBe('confirmed');
    expect(self.policy.code).toBe('confirmation/qd-604-qd-byt');
    const team = confirmationOf(
      antigen({
        performer: 'employer_team',
        resultDate: '2022-03-14',
        symptomatic: false,
        epidemiologicalLink: true,
      }),
    );
    expect(team.outcome).toBe('confirmed');
    expect(team.reasons[1]).toBe(
      'Test nhanh kháng nguyên dương tính do tổ xét nghiệm của doanh nghiệp thực hiện, có yếu tố dịch tễ: khẳng định ca bệnh (F0)',
    );
  });

  it('treats a self-test as self-performed even when recorded as by a health worker', () => {
    const r = confirmationOf(
      antigen({ kind: 'self_test', performer: 'health_worker', resultDate: '2022-01-10' }),
    );
    expect(r.outcome).toBe('suspected');
  });

  it('from 15/04/2022 (CV 1909) confirms antigen + symptoms or antigen + epidemiological factor', () => {
    expect(confirmationOf(antigen({ resultDate: '2022-04-14' })).policy.code).toBe(
      'confirmation/qd-604-qd-byt',
    );
    const r = confirmationOf(antigen({ performer: 'self', kind: 'self_test', resultDate: '2022-04-15' }));
    expect(r.outcome).toBe('confirmed');
    expect(r.policy.code).toBe('confirmation/cv-1909-byt-dp');
    const bare = confirmationOf(antigen({ resultDate: '2022-04-15', symptomatic: false }));
    expect(bare.outcome).toBe('suspected');
  });

  it('lets a province pass its own table', () => {
    const strict: ConfirmationPolicy[] = [{ ...CONFIRMATION_POLICIES[0], code: 'province/pcr-only' }];
    const r = confirmationOf(antigen({ resultDate: '2022-05-01' }), strict);
    expect(r.outcome).toBe('suspected');
    expect(r.policy.code).toBe('province/pcr-only');
  });
});

describe('CONFIRMATION_POLICIES', () => {
  it('is sorted by effective date and marks the undocumented first version', () => {
    const dates = CONFIRMATION_POLICIES.map((p) => p.effectiveFrom);
    expect(dates).toEqual([...dates].sort());
    expect(CONFIRMATION_POLICIES[0].unconfirmed).toBe(true);
  });
});
