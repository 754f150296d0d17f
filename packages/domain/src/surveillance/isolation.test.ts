import { describe, expect, it } from 'vitest';
import {
  earliestRelease,
  homeIsolationCriterion,
  ISOLATION_DAY_ZERO_POINT,
  ISOLATION_POLICIES,
  type IsolationFacts,
  isolationPlan,
  type NegativeTest,
} from './isolation.ts';

const atHome = (detectedOn: string, over: Partial<IsolationFacts> = {}): IsolationFacts => ({
  detectedOn,
  carePlace: 'home',
  vaccination: 'full',
  ...over,
});

describe('isolationPlan: hospital and centralised care', () => {
  it('gives the discharge criterion, no computed day, whatever the date', () => {
    for (const detectedOn of ['2021-08-01', '2022-03-01']) {
      const plan = isolationPlan(atHome(detectedOn, { carePlace: 'hospital_t2' }));
      expect(plan.earliestEnd).toBeNull();
      expect(plan.extendedEnd).toBeUndefined();
      expect(plan.criterion).toContain('hết triệu chứng ít nhất 3 ngày');
      expect(plan.policy).toMatchObject({ code: 'isolation/discharge', unconfirmed: true });
    }
    expect(isolationPlan(atHome('2022-03-01', { carePlace: 'facility' })).reasons[0]).toBe(
      'Phát hiện ngày 01/03/2022, điều trị tại cơ sở cách ly tập trung',
    );
  });
});

describe('isolationPlan: home care by detection date', () => {
  it('until 27/12/2021 uses the discharge criterion', () => {
    const plan = isolationPlan(atHome('2021-12-27'));
    expect(plan.earliestEnd).toBeNull();
    expect(plan.policy.code).toBe('isolation/discharge');
    expect(plan.reasons[0]).toBe(
      'Phát hiện ngày 27/12/2021: chưa có quy định kết thúc cách ly theo số ngày cho F0 điều trị tại nhà',
    );
  });

  it('from 28/12/2021: 10 days and a negative antigen test, no extension', () => {
    const plan = isolationPlan(atHome('2021-12-28', { vaccination: 'none' }));
    expect(plan.earliestEnd).toBe('2022-01-07');
    expect(plan.extendedEnd).toBeUndefined();
    expect(plan.policy.code).toBe('isolation/home-2021-12-28');
    expect(plan.criterion).toMatch(/^Kết thúc cách ly sau 10 ngày nếu test nhanh kháng nguyên âm tính/);
    expect(isolationPlan(atHome('2022-02-16')).earliestEnd).toBe('2022-02-26');
  });

  it('from 17/02/2022: 7 days, else 10 (fully vaccinated) or 14 days', () => {
    const vaccinated = isolationPlan(atHome('2022-02-17'));
    expect(vaccinated).toMatchObject({ earliestEnd: '2022-02-24', extendedEnd: '2022-02-27' });
    expect(vaccinated.policy.code).toBe('isolation/cv-762-byt-dp');
    expect(vaccinated.reasons).toEqual([
      'Phát hiện ngày 17/02/2022, điều trị tại nhà: Hướng dẫn điều trị của Bộ Y tế (đưa tin 17/02/2022), CV 762/BYT-DP (21/02/2022) quy định kết thúc cách ly sau 7 ngày',
      'Có thể kết thúc cách ly từ ngày 24/02/2022 nếu test nhanh kháng nguyên âm tính',
      'Nếu còn dương tính: cách ly đến ngày 27/02/2022 (10 ngày, đã tiêm đủ liều vắc xin)',
    ]);
    for (const vaccination of ['partial', 'none', 'unknown'] as const) {
      expect(isolationPlan(atHome('2022-02-17', { vaccination })).extendedEnd).toBe('2022-03-03');
    }
    expect(isolationPlan(atHome('2022-02-17', { vaccination: 'unknown' })).reasons[2]).toContain(
      'chưa rõ tiêm chủng, tính như chưa tiêm đủ liều',
    );
  });

  it('from 15/04/2022: 7 days without an exit test (UNCONFIRMED)', () => {
    expect(isolationPlan(atHome('2022-04-14')).extendedEnd).toBe('2022-04-24');
    const plan = isolationPlan(atHome('2022-04-15'));
    expect(plan.earliestEnd).toBe('2022-04-22');
    expect(plan.extendedEnd).toBeUndefined();
    expect(plan.policy.unconfirmed).toBe(true);
    expect(plan.criterion).toBe('Kết thúc cách ly sau 7 ngày nếu đã hết triệu chứng, không cần xét nghiệm');
  });

  it('lets a province pass its own home rules', () => {
    const haiPhong = [
      { ...ISOLATION_POLICIES.home[0], code: 'province/hp-2022-01', effectiveFrom: '2022-01-01' },
    ];
    expect(isolationPlan(atHome('2021-12-31'), { home: haiPhong }).earliestEnd).toBeNull();
    expect(isolationPlan(atHome('2022-01-01'), { home: haiPhong })).toMatchObject({
      earliestEnd: '2022-01-11',
      policy: { code: 'province/hp-2022-01' },
    });
  });
});

describe('homeIsolationCriterion', () => {
  it('describes the extension of the February 2022 rule', () => {
    expect(homeIsolationCriterion(ISOLATION_POLICIES.home[1])).toBe(
      'Kết thúc cách ly sau 7 ngày nếu test nhanh kháng nguyên âm tính (do nhân viên y tế làm, hoặc người bệnh tự làm ' +
        'dưới sự giám sát của nhân viên y tế); nếu còn dương tính, cách ly đủ 10 ngày (đã tiêm đủ liều vắc xin) hoặc ' +
        '14 ngày (chưa tiêm đủ liều)',
    );
  });
});

describe('isolationPlan: UNCONFIRMED points', () => {
  it('the 17/02/2022 start of the 7-day rule and the day-0 convention are marked', () => {
    const plan = isolationPlan(atHome('2022-02-17'));
    expect(plan.policy.unconfirmed).toBe(true);
    expect(plan.policy.unconfirmedPoints).toEqual([
      'Ngày bắt đầu áp dụng 17/02/2022 là ngày báo chí đưa tin hướng dẫn, chưa được xác nhận trong văn bản',
      ISOLATION_DAY_ZERO_POINT,
    ]);
    expect(isolationPlan(atHome('2022-04-15')).policy.unconfirmedPoints).toContain(ISOLATION_DAY_ZERO_POINT);
    // The discharge criterion counts no days.
    expect(
      isolationPlan(atHome('2021-08-01', { carePlace: 'hospital_t1' })).policy.unconfirmedPoints,
    ).toEqual(['Số văn bản của tiêu chuẩn ra viện chưa được xác nhận']);
  });

  it('names a care tier by the name it is given (tiers are data)', () => {
    const plan = isolationPlan(
      atHome('2022-03-01', { carePlace: 'field_2', carePlaceName: 'Bệnh viện dã chiến số 2' }),
    );
    expect(plan.reasons[0]).toBe('Phát hiện ngày 01/03/2022, điều trị tại bệnh viện dã chiến số 2');
  });
});

describe('earliestRelease: the earliest recovery date, by policy version', () => {
  const negative = (...on: string[]): NegativeTest[] => on.map((d) => ({ on: d, kind: 'rapid_antigen' }));
  const release = (detectedOn: string, tests: NegativeTest[] = [], over: Partial<IsolationFacts> = {}) =>
    earliestRelease({ ...atHome(detectedOn, over), negativeTests: tests });

  it('discharge criterion: the day after the first negative test after detection, none without one', () => {
    const hospital = { carePlace: 'hospital_t2' };
    expect(release('2021-08-01', [], hospital)).toMatchObject({
      earliestOn: null,
      policy: { code: 'isolation/discharge' },
    });
    expect(release('2021-08-01', [], hospital).reasons.at(-1)).toBe(
      'Tiêu chuẩn ra viện cần xét nghiệm âm tính vào ngày trước khi ra viện: chưa có kết quả âm tính nào sau ngày phát hiện',
    );
    // A test before detection and a pooled sample do not count; an individual RT-PCR does.
    const tests: NegativeTest[] = [
      { on: '2021-07-31', kind: 'rt_pcr' },
      { on: '2021-08-09', kind: 'rt_pcr_pool' },
      { on: '2021-08-12', kind: 'rt_pcr' },
      { on: '2021-08-10', kind: 'rt_pcr' },
    ];
    expect(release('2021-08-01', tests, hospital).earliestOn).toBe('2021-08-11');
    // Home care before 28/12/2021 is judged by the same criterion.
    expect(release('2021-12-27', negative('2022-01-02')).earliestOn).toBe('2022-01-03');
  });

  it('from 28/12/2021: a negative test on day 10 or later; the day before does not count', () => {
    expect(release('2021-12-28', negative('2022-01-06')).earliestOn).toBeNull();
    expect(release('2021-12-28', negative('2022-01-06')).reasons.at(-1)).toBe(
      'Cần test nhanh kháng nguyên âm tính từ ngày 07/01/2022: chưa có kết quả âm tính nào',
    );
    expect(release('2021-12-28', negative('2022-01-06', '2022-01-07')).earliestOn).toBe('2022-01-07');
    expect(release('2022-02-16', negative('2022-02-26')).earliestOn).toBe('2022-02-26');
    expect(release('2022-02-16', negative('2022-02-25')).earliestOn).toBeNull();
  });

  it('from 17/02/2022: a negative test from day 7, else day 10 (fully vaccinated) or 14 without a test', () => {
    expect(release('2022-02-17', negative('2022-02-24'))).toMatchObject({
      earliestOn: '2022-02-24',
      policy: { code: 'isolation/cv-762-byt-dp', unconfirmed: true },
    });
    expect(release('2022-02-17', negative('2022-02-23')).earliestOn).toBe('2022-02-27');
    expect(release('2022-02-17', negative('2022-02-23')).reasons.at(-1)).toBe(
      'Chưa có xét nghiệm âm tính từ ngày 24/02/2022: kết thúc cách ly từ ngày 27/02/2022',
    );
    expect(release('2022-02-17', [], { vaccination: 'partial' }).earliestOn).toBe('2022-03-03');
    // A test after the extended end does not push the end back.
    expect(release('2022-02-17', negative('2022-02-28')).earliestOn).toBe('2022-02-27');
    expect(release('2022-04-14', [], { vaccination: 'unknown' }).earliestOn).toBe('2022-04-28');
  });

  it('from 15/04/2022: day 7, no test needed', () => {
    expect(release('2022-04-15')).toMatchObject({
      earliestOn: '2022-04-22',
      policy: { code: 'isolation/cv-1909-byt-dp' },
    });
  });
});
