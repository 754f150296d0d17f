import { describe, expect, it } from 'vitest';
import {
  CONTACT_QUARANTINE_POLICIES,
  type ContactFacts,
  DAY_ZERO_POINT,
  dosesMeet,
  orderPolicyOf,
  quarantineOrder,
  quarantinePolicyAt,
  quarantinePolicySummary,
  SECONDARY_CONTACT_POLICIES,
  secondaryContactPolicyAt,
  tracksSecondaryContacts,
} from './quarantine.ts';

const f1 = (exposureDate: string, over: Partial<ContactFacts> = {}): ContactFacts => ({
  exposureDate,
  vaccination: 'none',
  recoveredOn: null,
  degree: 1,
  ...over,
});

describe('quarantineOrder: F1 by exposure date', () => {
  it('until 04/05/2021: facility 14 days', () => {
    const order = quarantineOrder(f1('2021-05-04'));
    expect(order).toMatchObject({ place: 'facility', days: 14, start: '2021-05-04', end: '2021-05-18' });
    expect(order?.policy.code).toBe('quarantine/2020');
  });

  it('from 05/05/2021 (CĐ 600): facility 21 days, tests day 1, 14, 20, then 7 days of monitoring', () => {
    expect(quarantineOrder(f1('2021-05-05'))).toMatchObject({ days: 21, end: '2021-05-26' });
    const order = quarantineOrder(f1('2021-06-10', { vaccination: 'full' }));
    expect(order).toEqual({
      place: 'facility',
      days: 21,
      testDays: [1, 14, 20],
      monitoringDays: 7,
      start: '2021-06-10',
      end: '2021-07-01',
      policy: {
        code: 'quarantine/cd-600-cd-bcd',
        source: 'CĐ 600/CĐ-BCĐ (05/05/2021)',
        effectiveFrom: '2021-05-05',
        unconfirmed: true,
        unconfirmedPoints: [DAY_ZERO_POINT],
      },
      reasons: [
        'Tiếp xúc ngày 10/06/2021: CĐ 600/CĐ-BCĐ (05/05/2021) quy định cách ly tập trung 21 ngày',
        'Xét nghiệm vào ngày thứ 1, 14 và 20 (ngày tiếp xúc là ngày 0)',
        'Được kết thúc cách ly từ ngày 01/07/2021, sau đó tự theo dõi sức khỏe 7 ngày',
      ],
    });
  });

  it('from 14/07/2021 (CV 5599): facility 14 days', () => {
    expect(quarantineOrder(f1('2021-07-13'))?.days).toBe(21);
    expect(quarantineOrder(f1('2021-07-14'))).toMatchObject({
      place: 'facility',
      days: 14,
      testDays: [1, 7, 14],
      monitoringDays: 14,
      end: '2021-07-28',
    });
  });

  it('from 16/12/2021 (CV 10696): fully vaccinated → home 7 days, others facility 14 days', () => {
    expect(quarantineOrder(f1('2021-12-15', { vaccination: 'full' }))).toMatchObject({
      place: 'facility',
      days: 14,
    });
    const vaccinated = quarantineOrder(f1('2021-12-16', { vaccination: 'full' }));
    expect(vaccinated).toMatchObject({
      place: 'home',
      days: 7,
      testDays: [1, 7],
      monitoringDays: 7,
      end: '2021-12-23',
    });
    expect(vaccinated?.reasons.slice(0, 2)).toEqual([
      'Tiếp xúc ngày 16/12/2021: CV 10696/BYT-MT (16/12/2021) quy định cách ly tại nhà 7 ngày với người đã tiêm đủ liều vắc xin (mũi cuối từ 14 ngày đến 6 tháng trước ngày tiếp xúc) hoặc khỏi bệnh trong vòng 6 tháng',
      'Chưa rõ số mũi và ngày tiêm: theo tình trạng tiêm chủng khai báo (đã tiêm đủ liều): người tiếp xúc đã tiêm đủ liều vắc xin (mũi cuối từ 14 ngày đến 6 tháng trước ngày tiếp xúc)',
    ]);
    for (const vaccination of ['partial', 'none', 'unknown'] as const) {
      expect(quarantineOrder(f1('2021-12-16', { vaccination }))).toMatchObject({
        place: 'facility',
        days: 14,
      });
    }
    expect(quarantineOrder(f1('2021-12-16', { vaccination: 'unknown' }))?.reasons[1]).toBe(
      'Chưa rõ số mũi và ngày tiêm: theo tình trạng tiêm chủng khai báo (chưa rõ)',
    );
  });

  it('under CV 10696 counts a recovery within 6 months before the exposure, not after it', () => {
    expect(quarantineOrder(f1('2021-12-20', { recoveredOn: '2021-06-20' }))).toMatchObject({
      place: 'home',
      days: 7,
    });
    expect(quarantineOrder(f1('2021-12-20', { recoveredOn: '2021-06-20' }))?.reasons[1]).toBe(
      'Người tiếp xúc khỏi bệnh ngày 20/06/2021, trong vòng 6 tháng trước ngày tiếp xúc',
    );
    const old = quarantineOrder(f1('2021-12-20', { recoveredOn: '2021-06-19', vaccination: 'partial' }));
    expect(old).toMatchObject({ place: 'facility', days: 14 });
    expect(old?.reasons[1]).toBe(
      'Chưa rõ số mũi và ngày tiêm: theo tình trạng tiêm chủng khai báo (chưa tiêm đủ liều); khỏi bệnh ngày 19/06/2021, không trong vòng 6 tháng trước ngày tiếp xúc',
    );
    expect(quarantineOrder(f1('2021-12-20', { recoveredOn: '2021-12-21' }))?.place).toBe('facility');
    expect(() => quarantineOrder(f1('2021-12-20', { recoveredOn: '20/06/2021' }))).toThrow(RangeError);
  });

  it('from 21/02/2022 (CV 762): ≥2 doses or recovered within 3 months → 5 days, others 7 days, at home', () => {
    expect(quarantineOrder(f1('2022-02-20', { vaccination: 'full' }))?.days).toBe(7);
    expect(quarantineOrder(f1('2022-02-20'))).toMatchObject({ place: 'facility', days: 14 });
    expect(quarantineOrder(f1('2022-02-21', { vaccination: 'full' }))).toMatchObject({
      place: 'home',
      days: 5,
      testDays: [5],
      monitoringDays: 5,
      end: '2022-02-26',
    });
    expect(quarantineOrder(f1('2022-02-21'))).toMatchObject({
      place: 'home',
      days: 7,
      testDays: [7],
      monitoringDays: 3,
    });
    expect(quarantineOrder(f1('2022-03-01', { recoveredOn: '2021-12-01' }))?.days).toBe(5);
    expect(quarantineOrder(f1('2022-03-01', { recoveredOn: '2021-11-30' }))?.days).toBe(7);
  });

  it('from 15/04/2022 (CV 1909): no quarantine', () => {
    expect(quarantineOrder(f1('2022-04-14'))?.days).toBe(7);
    expect(quarantineOrder(f1('2022-04-15'))).toBeNull();
    expect(quarantineOrder(f1('2022-04-15', { vaccination: 'full' }))).toBeNull();
  });
});

describe('quarantineOrder: CV 10696 by the number and dates of doses', () => {
  const at = (lastOn: string | null, count = 2, vaccination: ContactFacts['vaccination'] = 'unknown') =>
    quarantineOrder(f1('2022-01-20', { doses: { count, lastOn }, vaccination }));

  it('needs the last dose at least 14 days before the exposure: 13 days no, 14 days yes', () => {
    expect(at('2022-01-07')).toMatchObject({ place: 'facility', days: 14 });
    expect(at('2022-01-07')?.reasons[1]).toBe(
      'Đã tiêm 2 mũi vắc xin, mũi cuối ngày 07/01/2022: chưa đủ 14 ngày trước ngày tiếp xúc',
    );
    expect(at('2022-01-06')).toMatchObject({ place: 'home', days: 7 });
    expect(at('2022-01-06')?.reasons[1]).toBe(
      'Đã tiêm 2 mũi vắc xin, mũi cuối ngày 06/01/2022: từ 14 ngày đến 6 tháng trước ngày tiếp xúc',
    );
  });

  it('needs the last dose at most 6 months before: 20/07/2021 yes, 19/07/2021 no', () => {
    expect(at('2021-07-20')).toMatchObject({ place: 'home', days: 7 });
    expect(at('2021-07-19')).toMatchObject({ place: 'facility', days: 14 });
    expect(at('2021-07-19')?.reasons[1]).toBe(
      'Đã tiêm 2 mũi vắc xin, mũi cuối ngày 19/07/2021: đã quá 6 tháng trước ngày tiếp xúc',
    );
    // A booster inside the window counts: it is the last dose.
    expect(at('2021-12-01', 3)).toMatchObject({ place: 'home' });
  });

  it('needs 2 doses: 1 dose no, whatever the declared status', () => {
    expect(at('2021-12-01', 1, 'full')).toMatchObject({ place: 'facility', days: 14 });
    expect(at('2021-12-01', 1, 'full')?.reasons[1]).toBe('Đã tiêm 1 mũi vắc xin, cần ít nhất 2 mũi');
    expect(at(null, 0, 'full')).toMatchObject({ place: 'facility' });
  });

  it('does not shorten on a dose count without the date of the last dose', () => {
    expect(at(null, 2, 'full')).toMatchObject({ place: 'facility' });
    expect(at(null, 2, 'full')?.reasons[1]).toBe(
      'Đã tiêm 2 mũi vắc xin nhưng chưa rõ ngày tiêm mũi cuối: chưa đủ căn cứ để rút ngắn',
    );
  });

  it('still shortens for a recent recovery whatever the doses', () => {
    const order = quarantineOrder(
      f1('2022-01-20', { doses: { count: 0, lastOn: null }, recoveredOn: '2021-10-01' }),
    );
    expect(order).toMatchObject({ place: 'home', days: 7 });
  });
});

describe('quarantineOrder: CV 762 by the number and dates of doses', () => {
  const at = (lastOn: string, count = 2) => quarantineOrder(f1('2022-03-10', { doses: { count, lastOn } }));

  it('1 dose: 7 days; 2 doses: 5 days', () => {
    expect(at('2021-10-01', 1)).toMatchObject({ days: 7 });
    expect(at('2021-10-01', 2)).toMatchObject({ days: 5, place: 'home' });
  });

  it('13 days after the last dose: 7 days; 14 days: 5 days; no upper limit', () => {
    expect(at('2022-02-25')).toMatchObject({ days: 7 });
    expect(at('2022-02-24')).toMatchObject({ days: 5 });
    expect(at('2021-03-10')).toMatchObject({ days: 5 });
    expect(at('2022-02-24')?.reasons[1]).toBe(
      'Đã tiêm 2 mũi vắc xin, mũi cuối ngày 24/02/2022: ít nhất 14 ngày trước ngày tiếp xúc',
    );
  });
});

describe('dosesMeet', () => {
  it('refuses a last dose that is not a date', () => {
    const requirement = CONTACT_QUARANTINE_POLICIES[4].vaccinatedOrRecovered!.doses;
    expect(() => dosesMeet(requirement, { count: 2, lastOn: '24/02/2022' }, '2022-03-10')).toThrow(
      RangeError,
    );
  });
});

describe('UNCONFIRMED points carried by quarantine orders', () => {
  it('every order carries the day-0 convention; a stored code gives the same citation', () => {
    for (const date of ['2021-05-04', '2021-08-01', '2022-01-10', '2022-03-01']) {
      const order = quarantineOrder(f1(date))!;
      expect(order.policy.unconfirmed).toBe(true);
      expect(order.policy.unconfirmedPoints).toContain(DAY_ZERO_POINT);
      expect(orderPolicyOf(order.policy.code)).toEqual(order.policy);
    }
    expect(orderPolicyOf('no/such-code')).toBeNull();
  });

  it('the end of F2 tracing under CV 11042 is UNCONFIRMED', () => {
    expect(secondaryContactPolicyAt('2021-12-29')).toMatchObject({
      code: 'quarantine-f2/cv-11042-byt-dp',
      unconfirmed: true,
    });
    expect(secondaryContactPolicyAt('2021-12-29').unconfirmedPoints?.[0]).toContain('thôi truy vết F2');
  });
});

describe('quarantineOrder: F2', () => {
  it('until 28/12/2021: home 14 days (UNCONFIRMED duration); from 29/12/2021: not tracked', () => {
    const order = quarantineOrder(f1('2021-12-28', { degree: 2, vaccination: 'full' }));
    expect(order).toMatchObject({
      place: 'home',
      days: 14,
      start: '2021-12-28',
      end: '2022-01-11',
      monitoringDays: 0,
    });
    expect(order?.policy.unconfirmed).toBe(true);
    expect(order?.reasons).toEqual([
      'Tiếp xúc ngày 28/12/2021 (F2): Thực hành trước CV 11042/BYT-DP (thời gian cách ly F2 chưa xác nhận) quy định cách ly tại nhà 14 ngày',
      'Được kết thúc cách ly từ ngày 11/01/2022',
    ]);
    expect(quarantineOrder(f1('2021-12-29', { degree: 2 }))).toBeNull();
  });

  it('tracksSecondaryContacts switches on 29/12/2021', () => {
    expect(tracksSecondaryContacts('2021-12-28')).toBe(true);
    expect(tracksSecondaryContacts('2021-12-29')).toBe(false);
  });

  it('lets a province replace the F2 duration', () => {
    const province = [
      {
        ...SECONDARY_CONTACT_POLICIES[0],
        code: 'province/f2-7',
        rule: { place: 'home' as const, days: 7, testDays: [7], monitoringDays: 7 },
      },
    ];
    const order = quarantineOrder(f1('2021-08-01', { degree: 2 }), { secondaryContacts: province });
    expect(order).toMatchObject({ days: 7, end: '2021-08-08', policy: { code: 'province/f2-7' } });
    expect(quarantineOrder(f1('2021-08-01'), { secondaryContacts: province })?.days).toBe(14);
  });
});

describe('quarantinePolicyAt and quarantinePolicySummary', () => {
  it('returns the version in force, described in Vietnamese', () => {
    expect(quarantinePolicyAt('2021-05-05').code).toBe('quarantine/cd-600-cd-bcd');
    expect(quarantinePolicySummary(quarantinePolicyAt('2021-05-05'))).toBe('F1 cách ly tập trung 21 ngày');
    expect(quarantinePolicySummary(quarantinePolicyAt('2022-02-21'))).toBe(
      'F1 đã tiêm ít nhất 2 liều vắc xin (mũi cuối ít nhất 14 ngày trước ngày tiếp xúc) hoặc khỏi bệnh trong vòng 3 tháng: cách ly tại nhà 5 ngày; F1 khác: cách ly tại nhà 7 ngày',
    );
    expect(quarantinePolicySummary(quarantinePolicyAt('2022-04-15'))).toBe(
      'F1 không phải cách ly; tự theo dõi sức khỏe 10 ngày sau lần tiếp xúc cuối',
    );
  });

  it('keeps the table sorted by effective date', () => {
    const dates = CONTACT_QUARANTINE_POLICIES.map((p) => p.effectiveFrom);
    expect(dates).toEqual([...dates].sort());
  });
});
