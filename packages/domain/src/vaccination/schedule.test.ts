import { describe, expect, it } from 'vitest';
import { inAgeGroup } from './age-groups.ts';
import { productOfName } from './products.ts';
import { checkDose, type DoseFacts, nextDose } from './schedule.ts';
import { coverageSentence, formatCount, formatRate } from './sentence.ts';

const adult = '1980-05-05';
const az1: DoseFacts = { doseNumber: 1, kind: 'primary', product: 'astrazeneca', givenOn: '2021-08-01' };
const az2: DoseFacts = { doseNumber: 2, kind: 'primary', product: 'astrazeneca', givenOn: '2021-10-01' };
const codes = (c: ReturnType<typeof checkDose>) => c.flags.map((f) => f.code);

describe('checkDose: a dose that breaks a rule is flagged, never refused', () => {
  it('accepts a clean primary series', () => {
    expect(checkDose({ birthDate: adult, previous: [], dose: az1 })).toMatchObject({ clean: true });
    expect(checkDose({ birthDate: adult, previous: [az1], dose: az2 }).clean).toBe(true);
  });

  it('flags a second dose one day before the product interval, not on the day', () => {
    const early = { ...az2, givenOn: '2021-08-28' }; // AstraZeneca: 28 days
    const onTime = { ...az2, givenOn: '2021-08-29' };
    expect(codes(checkDose({ birthDate: adult, previous: [az1], dose: early }))).toEqual([
      'interval_too_short',
    ]);
    expect(checkDose({ birthDate: adult, previous: [az1], dose: onTime }).clean).toBe(true);
  });

  it('flags a dose recorded under the wrong number (a second dose written as a first)', () => {
    const wrong = { ...az2, doseNumber: 1 };
    expect(codes(checkDose({ birthDate: adult, previous: [az1], dose: wrong }))).toContain('sequence');
  });

  it('knows the 12–17 rollout and the 5–11 one by the date of the dose', () => {
    const child = '2009-01-01'; // 12 in 2021
    const pfizer = (givenOn: string): DoseFacts => ({
      doseNumber: 1,
      kind: 'primary',
      product: 'pfizer',
      givenOn,
    });
    expect(codes(checkDose({ birthDate: child, previous: [], dose: pfizer('2021-10-26') }))).toEqual([
      'too_young',
    ]);
    expect(checkDose({ birthDate: child, previous: [], dose: pfizer('2021-10-27') }).clean).toBe(true);
    const small = '2015-06-01'; // 6 in 2022
    const paed = (givenOn: string): DoseFacts => ({ ...pfizer(givenOn), product: 'pfizer_paediatric' });
    expect(codes(checkDose({ birthDate: small, previous: [], dose: paed('2022-03-27') }))).toEqual([
      'too_young',
    ]);
    expect(checkDose({ birthDate: small, previous: [], dose: paed('2022-03-28') }).clean).toBe(true);
    // An adult formulation for a child is flagged.
    expect(codes(checkDose({ birthDate: small, previous: [], dose: pfizer('2022-04-01') }))).toContain(
      'product_age',
    );
  });

  it('gives mũi 3 three months after the series from CV 3309 (18+), five months for 12–17', () => {
    const booster = (givenOn: string): DoseFacts => ({
      doseNumber: 3,
      kind: 'booster',
      product: 'pfizer',
      givenOn,
    });
    const series = [
      { ...az1, givenOn: '2022-03-01' },
      { ...az2, givenOn: '2022-05-01' },
    ];
    expect(codes(checkDose({ birthDate: adult, previous: series, dose: booster('2022-07-31') }))).toEqual([
      'interval_too_short',
    ]);
    expect(checkDose({ birthDate: adult, previous: series, dose: booster('2022-08-01') }).clean).toBe(true);
    const teen = '2007-01-01';
    const teenSeries = series.map((d) => ({ ...d, product: 'pfizer' }));
    expect(codes(checkDose({ birthDate: teen, previous: teenSeries, dose: booster('2022-09-30') }))).toEqual([
      'interval_too_short',
    ]);
    expect(checkDose({ birthDate: teen, previous: teenSeries, dose: booster('2022-10-01') }).clean).toBe(
      true,
    );
  });

  it('has no mũi 4 before CV 3309, four months after mũi 3 from then', () => {
    const three: DoseFacts = { doseNumber: 3, kind: 'booster', product: 'pfizer', givenOn: '2022-01-10' };
    const four = (givenOn: string): DoseFacts => ({
      doseNumber: 4,
      kind: 'booster',
      product: 'moderna',
      givenOn,
    });
    expect(
      codes(checkDose({ birthDate: '1960-01-01', previous: [az1, az2, three], dose: four('2022-06-22') })),
    ).toEqual(['booster_not_allowed']);
    expect(
      checkDose({ birthDate: '1960-01-01', previous: [az1, az2, three], dose: four('2022-06-23') }).clean,
    ).toBe(true);
  });

  it('counts Abdala’s third dose in the primary series', () => {
    const a = (n: number, givenOn: string): DoseFacts => ({
      doseNumber: n,
      kind: 'primary',
      product: 'abdala',
      givenOn,
    });
    const series = [a(1, '2021-10-01'), a(2, '2021-10-15')];
    expect(checkDose({ birthDate: adult, previous: series, dose: a(3, '2021-10-29') }).clean).toBe(true);
    expect(nextDose({ birthDate: adult, doses: series, asOf: '2021-10-20' })).toMatchObject({
      doseNumber: 3,
      kind: 'primary',
      dueOn: '2021-10-29',
    });
  });
});

describe('nextDose: who is due for what, for the door-to-door lists', () => {
  it('is the second primary dose after the interval, then mũi 3, then mũi 4 for 50+', () => {
    expect(nextDose({ birthDate: adult, doses: [az1], asOf: '2021-08-10' })).toMatchObject({
      doseNumber: 2,
      dueOn: '2021-08-29',
      overdue: false,
    });
    const three: DoseFacts = { doseNumber: 3, kind: 'booster', product: 'pfizer', givenOn: '2022-02-01' };
    expect(nextDose({ birthDate: adult, doses: [az1, az2], asOf: '2022-08-31' })).toMatchObject({
      doseNumber: 3,
      dueOn: '2022-01-01',
      overdue: true,
    });
    expect(nextDose({ birthDate: adult, doses: [az1, az2, three], asOf: '2022-08-31' })).toBeNull();
    expect(nextDose({ birthDate: '1960-01-01', doses: [az1, az2, three], asOf: '2022-08-31' })).toMatchObject(
      {
        doseNumber: 4,
        dueOn: '2022-06-01',
      },
    );
  });

  it('is nothing for a child too young for any vaccine', () => {
    expect(nextDose({ birthDate: '2019-01-01', doses: [], asOf: '2022-08-31' })).toBeNull();
  });
});

describe('age groups and the sentence officials write', () => {
  it('puts the 18th birthday in 18+', () => {
    expect(inAgeGroup('12-17', '2004-08-31', '2022-08-30')).toBe(true);
    expect(inAgeGroup('12-17', '2004-08-31', '2022-08-31')).toBe(false);
    expect(inAgeGroup('18+', '2004-08-31', '2022-08-31')).toBe(true);
  });

  it('formats rates and counts the Vietnamese way', () => {
    expect(formatRate(0.634)).toBe('63,4%');
    expect(formatRate(0.65)).toBe('65,0%');
    expect(formatCount(27975)).toBe('27.975');
    expect(formatCount(66975)).toBe('66.975');
  });

  it('writes the paragraph with the child units in descending order', () => {
    expect(
      coverageSentence({
        group: '12-17',
        dose: 3,
        whole: 'toàn tỉnh',
        rate: 0.634,
        children: [
          { unitName: 'Tân Uyên', rate: 0.672 },
          { unitName: 'TP Lai Châu', rate: 0.804 },
          { unitName: 'Sìn Hồ', rate: 0.476 },
        ],
      }),
    ).toBe(
      'Tỷ lệ người từ 12 tuổi đến dưới 18 tuổi được tiêm mũi 3 toàn tỉnh đạt 63,4%, trong đó: TP Lai Châu 80,4%, Tân Uyên 67,2%, Sìn Hồ 47,6%.',
    );
  });

  it('reads the vaccine names files write', () => {
    expect(productOfName('Vero Cell')).toBe('sinopharm');
    expect(productOfName('  astrazeneca ')).toBe('astrazeneca');
    expect(productOfName('Pfizer (trẻ 5-11 tuổi)')).toBe('pfizer_paediatric');
    expect(productOfName('Hayat Vax')).toBe('hayat_vax');
    expect(productOfName('Khác')).toBeUndefined();
  });
});
