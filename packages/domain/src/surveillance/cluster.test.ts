import { describe, expect, it } from 'vitest';
import { CLUSTER_CLOSING_POLICIES, clusterClosing } from './cluster.ts';

describe('clusterClosing', () => {
  it('opens the way on the 14th day without a new case, not the day before', () => {
    const before = clusterClosing({ lastCaseOn: '2021-08-01', today: '2021-08-14' });
    expect(before).toMatchObject({ canClose: false, closableFrom: '2021-08-15', daysWithoutCase: 13 });
    expect(before.reasons[2]).toBe('Chưa thể đóng ổ dịch: sớm nhất ngày 15/08/2021');
    const on = clusterClosing({ lastCaseOn: '2021-08-01', today: '2021-08-15' });
    expect(on).toMatchObject({ canClose: true, closableFrom: '2021-08-15', daysWithoutCase: 14 });
    expect(on.policy).toMatchObject({ code: 'cluster/14-days', unconfirmed: true });
    expect(on.reasons).toEqual([
      'Ca bệnh mới cuối cùng ngày 01/08/2021: đã 14 ngày không có ca mới',
      'Thực hành phổ biến của các địa phương (chưa xác nhận văn bản): đóng ổ dịch sau 14 ngày liên tục không có ca mới',
      'Có thể đóng ổ dịch (từ ngày 15/08/2021)',
    ]);
  });

  it('counts a case on the judged day as zero days without a case', () => {
    expect(clusterClosing({ lastCaseOn: '2022-01-10', today: '2022-01-10' })).toMatchObject({
      canClose: false,
      daysWithoutCase: 0,
    });
  });

  it('refuses a judged day before the last case', () => {
    expect(() => clusterClosing({ lastCaseOn: '2022-01-10', today: '2022-01-09' })).toThrow(RangeError);
  });

  it('lets a province use 28 days until 10/10/2021, chosen by the date of the last case', () => {
    const province = [
      {
        ...CLUSTER_CLOSING_POLICIES[0],
        code: 'province/28',
        source: 'Quy định của tỉnh',
        daysWithoutCase: 28,
      },
      { ...CLUSTER_CLOSING_POLICIES[0], effectiveFrom: '2021-10-11' },
    ];
    expect(clusterClosing({ lastCaseOn: '2021-10-10', today: '2021-10-30' }, province)).toMatchObject({
      canClose: false,
      closableFrom: '2021-11-07',
      policy: { code: 'province/28' },
    });
    expect(clusterClosing({ lastCaseOn: '2021-10-11', today: '2021-10-30' }, province)).toMatchObject({
      canClose: true,
      closableFrom: '2021-10-25',
    });
  });
});
