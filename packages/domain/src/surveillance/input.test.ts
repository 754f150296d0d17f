import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import type { Checked } from '../errors.ts';
import {
  CaseInput,
  ClusterInput,
  ContactInput,
  checkCaseInput,
  checkClusterInput,
  checkContactInput,
  checkLockdownInput,
  checkPoolInput,
  checkTestInput,
  LockdownInput,
  PoolInput,
  TestInput,
} from './input.ts';

const NOW = '2021-08-15T10:00:00+07:00';
const TODAY = '2021-08-15';
const PERSON = '7D1F0C4E-0000-4000-8000-000000000001';
const OTHER = '7d1f0c4e-0000-4000-8000-000000000002';

/** The fields at fault, in order. */
function fields<T>(checked: Checked<T>): (string | undefined)[] {
  return checked.ok ? [] : checked.problems.map((p) => p.field);
}

function problem<T>(checked: Checked<T>, code: string) {
  return checked.ok ? undefined : checked.problems.find((p) => p.code === code);
}

const test: TestInput = {
  personId: PERSON,
  kind: 'rapid_antigen',
  performer: 'health_worker',
  site: '  Trạm y tế phường Phú Hội ',
  sampledAt: '2021-08-15T08:30:00+07:00',
  resultedAt: '2021-08-15T08:45:00+07:00',
  result: 'positive',
};

describe('TestInput', () => {
  it('schema constrains enums and refuses unknown fields', () => {
    expect(Value.Check(TestInput, test)).toBe(true);
    expect(Value.Check(TestInput, { ...test, kind: 'elisa' })).toBe(false);
    expect(Value.Check(TestInput, { ...test, result: 'maybe' })).toBe(false);
    expect(Value.Check(TestInput, { ...test, lab: 'x' })).toBe(false);
  });

  it('normalises a valid test', () => {
    expect(checkTestInput(test, NOW)).toEqual({
      ok: true,
      value: {
        personId: PERSON.toLowerCase(),
        kind: 'rapid_antigen',
        performer: 'health_worker',
        site: 'Trạm y tế phường Phú Hội',
        sampledAt: '2021-08-15T01:30:00.000Z',
        resultedAt: '2021-08-15T01:45:00.000Z',
        result: 'positive',
        externalRef: null,
      },
    });
    const pending = checkTestInput({ ...test, result: 'pending', resultedAt: null }, NOW);
    expect(pending.ok && pending.value.resultedAt).toBeNull();
  });

  it('refuses a result before the sample, at the boundary', () => {
    const same = checkTestInput({ ...test, resultedAt: '2021-08-15T01:30:00Z' }, NOW);
    expect(same.ok).toBe(true);
    const before = checkTestInput({ ...test, resultedAt: '2021-08-15T01:29:59Z' }, NOW);
    expect(problem(before, 'resulted_before_sampled')).toEqual({
      code: 'resulted_before_sampled',
      message: 'Thời điểm có kết quả không được trước thời điểm lấy mẫu',
      field: 'resultedAt',
    });
  });

  it('refuses times in the future, beyond 5 minutes of clock skew', () => {
    expect(
      checkTestInput(
        { ...test, resultedAt: null, result: 'pending', sampledAt: '2021-08-15T10:05:00+07:00' },
        NOW,
      ).ok,
    ).toBe(true);
    const future = checkTestInput(
      { ...test, sampledAt: '2021-08-15T10:05:01+07:00', resultedAt: '2021-08-16T08:00:00+07:00' },
      NOW,
    );
    expect(fields(future)).toEqual(['sampledAt', 'resultedAt']);
    expect(problem(future, 'sampled_at_future')?.message).toBe(
      'Thời điểm lấy mẫu không được ở sau thời điểm hiện tại',
    );
  });

  it('requires a result time once there is a result, and none while pending', () => {
    expect(
      problem(checkTestInput({ ...test, resultedAt: undefined }, NOW), 'resulted_at_required')?.field,
    ).toBe('resultedAt');
    expect(problem(checkTestInput({ ...test, result: 'pending' }, NOW), 'resulted_at_pending')?.field).toBe(
      'resultedAt',
    );
  });

  it('reports every problem at once, each naming its field', () => {
    const bad = checkTestInput(
      { ...test, personId: 'abc', sampledAt: '2021-02-30T08:00:00Z', resultedAt: null },
      NOW,
    );
    expect(fields(bad)).toEqual(['personId', 'sampledAt', 'resultedAt']);
  });

  it('reads only strict ISO date-times with an offset', () => {
    for (const sampledAt of [
      '2021-08-15 08:30:00+07:00',
      '2021-08-15T08:30:00',
      '2021-08-15T24:00:00Z',
      '15/08/2021',
    ]) {
      expect(problem(checkTestInput({ ...test, sampledAt }, NOW), 'sampled_at_format')?.field).toBe(
        'sampledAt',
      );
    }
    expect(checkTestInput({ ...test, sampledAt: '2021-08-15T08:30+07:00' }, NOW).ok).toBe(true);
    expect(
      problem(
        checkTestInput({ ...test, sampledAt: '2020-01-22T23:59:59+07:00' }, NOW),
        'sampled_at_too_early',
      ),
    ).toBeDefined();
  });

  it('throws on an invalid now: a programming error, not bad input', () => {
    expect(() => checkTestInput(test, '2021-08-15')).toThrow(RangeError);
  });
});

describe('PoolInput', () => {
  const members = (n: number) =>
    Array.from({ length: n }, (_, i) => `7d1f0c4e-0000-4000-8000-${String(i).padStart(12, '0')}`);

  it('schema fixes the kind', () => {
    expect(Value.Check(PoolInput, { memberIds: members(2), sampledAt: NOW, kind: 'rt_pcr_pool' })).toBe(true);
    expect(Value.Check(PoolInput, { memberIds: members(2), sampledAt: NOW, kind: 'rt_pcr' })).toBe(false);
  });

  it('accepts 2 to 10 distinct people', () => {
    for (const n of [2, 10]) {
      const checked = checkPoolInput({ memberIds: members(n), sampledAt: NOW }, NOW);
      expect(checked.ok && checked.value.kind).toBe('rt_pcr_pool');
      expect(checked.ok && checked.value.memberIds.length).toBe(n);
    }
    for (const n of [0, 1, 11]) {
      expect(problem(checkPoolInput({ memberIds: members(n), sampledAt: NOW }, NOW), 'member_count')).toEqual(
        {
          code: 'member_count',
          message: 'Một mẫu gộp phải có từ 2 đến 10 người',
          field: 'memberIds',
        },
      );
    }
  });

  it('refuses the same person twice and malformed ids', () => {
    const twice = checkPoolInput({ memberIds: [PERSON, PERSON.toLowerCase(), OTHER], sampledAt: NOW }, NOW);
    expect(problem(twice, 'member_duplicate')?.field).toBe('memberIds');
    const onlyOne = checkPoolInput({ memberIds: [OTHER, OTHER], sampledAt: NOW }, NOW);
    expect(fields(onlyOne)).toEqual(['memberIds', 'memberIds']);
    expect(
      problem(checkPoolInput({ memberIds: [OTHER, 'x'], sampledAt: NOW }, NOW), 'member_id_format'),
    ).toBeDefined();
  });
});

describe('CaseInput', () => {
  const kase: CaseInput = { personId: PERSON, detectedOn: TODAY, foundBy: 'community' };

  it('schema constrains the vocabularies', () => {
    expect(Value.Check(CaseInput, kase)).toBe(true);
    expect(Value.Check(CaseInput, { ...kase, severity: 'grave' })).toBe(false);
    // Care tiers are data: any code passes the schema, the server checks it against the province's tiers.
    expect(Value.Check(CaseInput, { ...kase, carePlace: 'hospital_t4' })).toBe(true);
    expect(Value.Check(CaseInput, { ...kase, carePlace: 'x'.repeat(31) })).toBe(false);
  });

  it('refuses a care place that is not a code', () => {
    expect(fields(checkCaseInput({ ...kase, carePlace: 'Tầng 1' }, TODAY))).toEqual(['carePlace']);
    const tier = checkCaseInput({ ...kase, carePlace: 'field_hospital_2' }, TODAY);
    expect(tier.ok && tier.value.carePlace).toBe('field_hospital_2');
  });

  it('applies defaults and refuses a detection after today', () => {
    expect(checkCaseInput({ ...kase, note: '  ' }, TODAY)).toEqual({
      ok: true,
      value: {
        personId: PERSON.toLowerCase(),
        detectedOn: TODAY,
        foundBy: 'community',
        clusterId: null,
        severity: 'asymptomatic',
        carePlace: 'home',
        confirmTestId: null,
        note: null,
      },
    });
    expect(
      problem(checkCaseInput({ ...kase, detectedOn: '2021-08-16' }, TODAY), 'detected_on_future'),
    ).toEqual({
      code: 'detected_on_future',
      message: 'Ngày phát hiện không được ở sau ngày hôm nay',
      field: 'detectedOn',
    });
  });

  it('checks the optional ids', () => {
    const bad = checkCaseInput({ ...kase, clusterId: 'c1', confirmTestId: 't1' }, TODAY);
    expect(fields(bad)).toEqual(['clusterId', 'confirmTestId']);
  });
});

describe('ContactInput', () => {
  const contact: ContactInput = { personId: PERSON, exposureDate: '2021-08-10', setting: 'household' };

  it('schema allows degree 1 or 2 only', () => {
    expect(Value.Check(ContactInput, { ...contact, degree: 2 })).toBe(true);
    expect(Value.Check(ContactInput, { ...contact, degree: 3 })).toBe(false);
    expect(Value.Check(ContactInput, { ...contact, setting: 'market' })).toBe(false);
  });

  it('defaults to an F1 of unknown vaccination', () => {
    const checked = checkContactInput(contact, TODAY);
    expect(checked.ok && checked.value).toMatchObject({
      degree: 1,
      vaccination: 'unknown',
      doses: null,
      lastDoseOn: null,
    });
  });

  it('takes the number of doses (0 to 5) and the last dose date, not after the exposure nor today', () => {
    expect(Value.Check(ContactInput, { ...contact, doses: 5 })).toBe(true);
    expect(Value.Check(ContactInput, { ...contact, doses: 6 })).toBe(false);
    expect(Value.Check(ContactInput, { ...contact, doses: 1.5 })).toBe(false);
    const ok = checkContactInput({ ...contact, doses: 2, lastDoseOn: '2021-08-10' }, TODAY);
    expect(ok.ok && ok.value).toMatchObject({ doses: 2, lastDoseOn: '2021-08-10' });
    const count = checkContactInput({ ...contact, doses: 2 }, TODAY);
    expect(count.ok && count.value).toMatchObject({ doses: 2, lastDoseOn: null });
    expect(fields(checkContactInput({ ...contact, doses: 2, lastDoseOn: '2021-08-11' }, TODAY))).toEqual([
      'lastDoseOn',
    ]);
    expect(
      problem(
        checkContactInput({ ...contact, exposureDate: TODAY, doses: 1, lastDoseOn: '2021-08-16' }, TODAY),
        'last_dose_on_future',
      )?.field,
    ).toBe('lastDoseOn');
    expect(
      problem(
        checkContactInput({ ...contact, doses: 2, lastDoseOn: '10/08/2021' }, TODAY),
        'last_dose_on_format',
      ),
    ).toBeDefined();
    expect(fields(checkContactInput({ ...contact, lastDoseOn: '2021-08-01' }, TODAY))).toEqual(['doses']);
    expect(fields(checkContactInput({ ...contact, doses: 0, lastDoseOn: '2021-08-01' }, TODAY))).toEqual([
      'doses',
    ]);
    expect(fields(checkContactInput({ ...contact, doses: -1 }, TODAY))).toEqual(['doses']);
  });

  it('refuses an exposure after today and before the first case in Vietnam, at the boundaries', () => {
    expect(checkContactInput({ ...contact, exposureDate: TODAY }, TODAY).ok).toBe(true);
    expect(
      problem(checkContactInput({ ...contact, exposureDate: '2021-08-16' }, TODAY), 'exposure_date_future'),
    ).toEqual({
      code: 'exposure_date_future',
      message: 'Ngày tiếp xúc không được ở sau ngày hôm nay',
      field: 'exposureDate',
    });
    expect(checkContactInput({ ...contact, exposureDate: '2020-01-23' }, TODAY).ok).toBe(true);
    expect(
      problem(
        checkContactInput({ ...contact, exposureDate: '2020-01-22' }, TODAY),
        'exposure_date_too_early',
      ),
    ).toEqual({
      code: 'exposure_date_too_early',
      message: 'Ngày tiếp xúc không được trước ngày 23/01/2020 (ca bệnh đầu tiên tại Việt Nam)',
      field: 'exposureDate',
    });
  });
});

describe('ClusterInput', () => {
  const cluster: ClusterInput = {
    name: ' Ổ dịch chợ Đông Ba ',
    unitCode: '19792',
    openedOn: TODAY,
    villages: [' Tổ 3 ', 'Tổ 3', ''],
  };

  it('normalises names and villages', () => {
    expect(Value.Check(ClusterInput, cluster)).toBe(true);
    expect(checkClusterInput(cluster, TODAY)).toEqual({
      ok: true,
      value: {
        name: 'Ổ dịch chợ Đông Ba',
        unitCode: '19792',
        openedOn: TODAY,
        villages: ['Tổ 3'],
        note: null,
      },
    });
  });

  it('requires a name, a unit and a real date not after today', () => {
    const bad = checkClusterInput({ name: ' ', unitCode: '', openedOn: '2021-08-16' }, TODAY);
    expect(fields(bad)).toEqual(['name', 'unitCode', 'openedOn']);
  });
});

describe('LockdownInput', () => {
  const zone: LockdownInput = { unitCodes: ['19792'], startsOn: '2021-08-20', endsOn: '2021-09-03' };

  it('accepts a planned zone, and one without an end', () => {
    expect(Value.Check(LockdownInput, zone)).toBe(true);
    expect(checkLockdownInput(zone)).toEqual({
      ok: true,
      value: { unitCodes: ['19792'], villages: [], startsOn: '2021-08-20', endsOn: '2021-09-03' },
    });
    expect(checkLockdownInput({ ...zone, endsOn: null }).ok).toBe(true);
  });

  it('refuses an end before the start, at the boundary', () => {
    expect(checkLockdownInput({ ...zone, endsOn: '2021-08-20' }).ok).toBe(true);
    expect(problem(checkLockdownInput({ ...zone, endsOn: '2021-08-19' }), 'ends_before_start')).toEqual({
      code: 'ends_before_start',
      message: 'Ngày kết thúc phong tỏa không được trước ngày bắt đầu',
      field: 'endsOn',
    });
  });

  it('requires at least one unit and real dates', () => {
    const bad = checkLockdownInput({ unitCodes: [' '], startsOn: '2021-13-01', endsOn: 'soon' });
    expect(fields(bad)).toEqual(['unitCodes', 'startsOn', 'endsOn']);
  });
});
