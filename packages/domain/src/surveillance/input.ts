import { type Static, type TSchema, Type } from 'typebox';
import { formatVnDate, parseIsoDate } from '../dates/dates.ts';
import type { Checked, Problem } from '../errors.ts';
import { LIST_LIMITS, TEXT_LIMITS } from '../text-limits.ts';
import { FIRST_CASE_DATE } from './policy.ts';
import {
  CARE_TIER_CODE,
  type CarePlace,
  CONTACT_SETTINGS,
  type ContactSetting,
  FOUND_BY,
  type FoundBy,
  SEVERITIES,
  type Severity,
  TEST_KINDS,
  TEST_PERFORMERS,
  TEST_RESULTS,
  type TestKind,
  type TestPerformer,
  type TestResult,
  VACCINATION_STATUS,
  type VaccinationStatus,
} from './vocabulary.ts';

// As in persons/person.ts: schemas constrain types, enums and lengths; formats and dates are checked by the
// check* functions, which name the field and speak Vietnamese. Null clears an optional value.
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const OptionalText = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));
const Uuid = () => Type.String({ description: 'UUID', maxLength: TEXT_LIMITS.uuid });
const Villages = () =>
  Type.Array(Type.String({ maxLength: TEXT_LIMITS.village }), { maxItems: LIST_LIMITS.villages });
const IsoDate = () => Type.String({ description: 'YYYY-MM-DD', maxLength: TEXT_LIMITS.date });
/** More doses than this is a typing error (2 primary, an additional dose, 2 boosters). */
export const MAX_DOSES = 5;
const IsoDateTime = () =>
  Type.String({
    description: 'ISO 8601 date-time with offset, 2021-08-15T08:30:00+07:00',
    maxLength: TEXT_LIMITS.dateTime,
  });

export const TestInput = Type.Object(
  {
    personId: Uuid(),
    kind: Type.Enum(TEST_KINDS),
    performer: Type.Enum(TEST_PERFORMERS),
    site: OptionalText(TEXT_LIMITS.site),
    sampledAt: IsoDateTime(),
    resultedAt: Type.Optional(Nullable(IsoDateTime())),
    result: Type.Enum(TEST_RESULTS),
    externalRef: OptionalText(TEXT_LIMITS.ref),
  },
  { additionalProperties: false },
);
export type TestInput = Static<typeof TestInput>;

export const PoolInput = Type.Object(
  {
    memberIds: Type.Array(Uuid(), { maxItems: LIST_LIMITS.poolMembers }),
    sampledAt: IsoDateTime(),
    site: OptionalText(TEXT_LIMITS.site),
    kind: Type.Optional(Type.Literal('rt_pcr_pool')),
  },
  { additionalProperties: false },
);
export type PoolInput = Static<typeof PoolInput>;

export const CaseInput = Type.Object(
  {
    personId: Uuid(),
    detectedOn: IsoDate(),
    /** Derived from the person's exposures when absent (surveillance/found-by.ts). */
    foundBy: Type.Optional(Nullable(Type.Enum(FOUND_BY))),
    clusterId: Type.Optional(Nullable(Uuid())),
    severity: Type.Optional(Nullable(Type.Enum(SEVERITIES))),
    /** `home`, `facility`, or the code of an active care tier of the person's province (GET /care-tiers). */
    carePlace: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    confirmTestId: Type.Optional(Nullable(Uuid())),
    note: OptionalText(TEXT_LIMITS.note),
  },
  { additionalProperties: false },
);
export type CaseInput = Static<typeof CaseInput>;

export const ContactInput = Type.Object(
  {
    personId: Uuid(),
    exposureDate: IsoDate(),
    setting: Type.Enum(CONTACT_SETTINGS),
    vaccination: Type.Optional(Nullable(Type.Enum(VACCINATION_STATUS))),
    degree: Type.Optional(Nullable(Type.Union([Type.Literal(1), Type.Literal(2)]))),
    /** For an F2 (degree 2): the F1 contact record of the same case through whom the exposure happened. */
    viaContactId: Type.Optional(Nullable(Uuid())),
    /** Doses of vaccine received before the exposure; with lastDoseOn they decide CV 10696 and CV 762. */
    doses: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: MAX_DOSES }))),
    lastDoseOn: Type.Optional(Nullable(IsoDate())),
  },
  { additionalProperties: false },
);
export type ContactInput = Static<typeof ContactInput>;

export const ClusterInput = Type.Object(
  {
    name: Type.String({ maxLength: TEXT_LIMITS.name }),
    unitCode: Type.String({ maxLength: TEXT_LIMITS.unitCode }),
    openedOn: IsoDate(),
    villages: Type.Optional(Nullable(Villages())),
    note: OptionalText(TEXT_LIMITS.note),
  },
  { additionalProperties: false },
);
export type ClusterInput = Static<typeof ClusterInput>;

export const LockdownInput = Type.Object(
  {
    unitCodes: Type.Array(Type.String({ maxLength: TEXT_LIMITS.unitCode }), {
      maxItems: LIST_LIMITS.unitCodes,
    }),
    villages: Type.Optional(Nullable(Villages())),
    startsOn: IsoDate(),
    endsOn: Type.Optional(Nullable(IsoDate())),
  },
  { additionalProperties: false },
);
export type LockdownInput = Static<typeof LockdownInput>;

/** What the check* functions hand to storage: trimmed, absent values as null, defaults applied. */
export interface NormalisedTestInput {
  personId: string;
  kind: TestKind;
  performer: TestPerformer;
  site: string | null;
  /** UTC ISO string. */
  sampledAt: string;
  resultedAt: string | null;
  result: TestResult;
  externalRef: string | null;
}

export interface NormalisedPoolInput {
  memberIds: string[];
  sampledAt: string;
  site: string | null;
  kind: 'rt_pcr_pool';
}

export interface NormalisedCaseInput {
  personId: string;
  detectedOn: string;
  /** null: derived from the person's exposures when the case is opened. */
  foundBy: FoundBy | null;
  clusterId: string | null;
  /** Defaults: asymptomatic, cared for at home (the database defaults too). */
  severity: Severity;
  carePlace: CarePlace;
  confirmTestId: string | null;
  note: string | null;
}

export interface NormalisedContactInput {
  personId: string;
  exposureDate: string;
  setting: ContactSetting;
  vaccination: VaccinationStatus;
  degree: 1 | 2;
  viaContactId: string | null;
  /** null: not known (the declared vaccination status decides). */
  doses: number | null;
  lastDoseOn: string | null;
}

export interface NormalisedClusterInput {
  name: string;
  unitCode: string;
  openedOn: string;
  villages: string[];
  note: string | null;
}

export interface NormalisedLockdownInput {
  unitCodes: string[];
  villages: string[];
  startsOn: string;
  endsOn: string | null;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME_PATTERN =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const POOL_MIN = 2;
const POOL_MAX = 10;
/** A device clock may run a little ahead of the server's: tolerated when judging "not in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;
const FIRST_CASE_PHRASE = `ngày ${formatVnDate(FIRST_CASE_DATE)} (ca bệnh đầu tiên tại Việt Nam)`;

/** Trimmed text, or null when nothing is left. */
function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Trimmed, non-empty, distinct entries. */
function textList(values: readonly string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter((v) => v !== ''))];
}

/** Milliseconds of a strict ISO 8601 date-time with an offset (Z or ±hh:mm), else null. */
function parseDateTime(s: string): number | null {
  const match = DATE_TIME_PATTERN.exec(s);
  if (!match || !parseIsoDate(match[1])) return null;
  const [hour, minute, second, offsetHour, offsetMinute] = [2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0));
  if (hour > 23 || minute > 59 || second > 59 || offsetHour > 14 || offsetMinute > 59) return null;
  return Date.parse(s);
}

function checkUuid(value: string, field: string, code: string, message: string): Problem[] {
  return UUID_PATTERN.test(value.trim()) ? [] : [{ code, message, field }];
}

function checkOptionalUuid(value: string | null | undefined, field: string, code: string, message: string) {
  const id = text(value);
  return id === null ? [] : checkUuid(id, field, code, message);
}

const uuidOrNull = (value: string | null | undefined) => text(value)?.toLowerCase() ?? null;

/** A YYYY-MM-DD date of an event: real, on or after the first case, and (given today) not in the future. */
function checkEventDate(
  value: string,
  field: string,
  code: string,
  label: string,
  today?: string,
): Problem[] {
  if (!parseIsoDate(value)) {
    return [{ code: `${code}_format`, message: `${label} không hợp lệ (định dạng YYYY-MM-DD)`, field }];
  }
  if (today !== undefined && value > today) {
    return [{ code: `${code}_future`, message: `${label} không được ở sau ngày hôm nay`, field }];
  }
  if (value < FIRST_CASE_DATE) {
    return [{ code: `${code}_too_early`, message: `${label} không được trước ${FIRST_CASE_PHRASE}`, field }];
  }
  return [];
}

/** An ISO date-time of an event: well formed, on or after the first case, not after `now`. */
function checkEventTime(value: string, field: string, code: string, label: string, nowMs: number) {
  const ms = parseDateTime(value);
  if (ms === null) {
    const message = `${label} không hợp lệ (định dạng ISO 8601, ví dụ 2021-08-15T08:30:00+07:00)`;
    return { ms, problems: [{ code: `${code}_format`, message, field }] };
  }
  if (ms > nowMs + CLOCK_SKEW_MS) {
    return {
      ms,
      problems: [{ code: `${code}_future`, message: `${label} không được ở sau thời điểm hiện tại`, field }],
    };
  }
  if (ms < Date.parse(`${FIRST_CASE_DATE}T00:00:00+07:00`)) {
    return {
      ms,
      problems: [
        { code: `${code}_too_early`, message: `${label} không được trước ${FIRST_CASE_PHRASE}`, field },
      ],
    };
  }
  return { ms, problems: [] as Problem[] };
}

function requireToday(today: string): void {
  if (!parseIsoDate(today)) throw new RangeError(`today is not a valid YYYY-MM-DD date: ${today}`);
}

function requireNow(now: string): number {
  const ms = parseDateTime(now);
  if (ms === null) throw new RangeError(`now is not a valid ISO 8601 date-time: ${now}`);
  return ms;
}

const checkPersonId = (personId: string) =>
  checkUuid(personId, 'personId', 'person_id_format', 'Mã người không hợp lệ');

/** Validates a test of one person, reporting every problem. `now` is the current ISO date-time. */
export function checkTestInput(input: TestInput, now: string): Checked<NormalisedTestInput> {
  const nowMs = requireNow(now);
  const sampled = checkEventTime(input.sampledAt, 'sampledAt', 'sampled_at', 'Thời điểm lấy mẫu', nowMs);
  const problems: Problem[] = [...checkPersonId(input.personId), ...sampled.problems];

  const rawResultedAt = text(input.resultedAt);
  let resultedMs: number | null = null;
  if (rawResultedAt === null) {
    if (input.result !== 'pending') {
      problems.push({
        code: 'resulted_at_required',
        message: 'Đã có kết quả thì phải nhập thời điểm có kết quả',
        field: 'resultedAt',
      });
    }
  } else if (input.result === 'pending') {
    problems.push({
      code: 'resulted_at_pending',
      message: 'Xét nghiệm đang chờ kết quả thì chưa có thời điểm có kết quả',
      field: 'resultedAt',
    });
  } else {
    const resulted = checkEventTime(
      rawResultedAt,
      'resultedAt',
      'resulted_at',
      'Thời điểm có kết quả',
      nowMs,
    );
    problems.push(...resulted.problems);
    resultedMs = resulted.ms;
    if (resultedMs !== null && sampled.ms !== null && resultedMs < sampled.ms) {
      problems.push({
        code: 'resulted_before_sampled',
        message: 'Thời điểm có kết quả không được trước thời điểm lấy mẫu',
        field: 'resultedAt',
      });
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      personId: input.personId.trim().toLowerCase(),
      kind: input.kind,
      performer: input.performer,
      site: text(input.site),
      sampledAt: new Date(sampled.ms!).toISOString(),
      resultedAt: resultedMs === null ? null : new Date(resultedMs).toISOString(),
      result: input.result,
      externalRef: text(input.externalRef),
    },
  };
}

/** Validates a pooled sample (gộp mẫu) of 2 to 10 distinct people. `now` is the current ISO date-time. */
export function checkPoolInput(input: PoolInput, now: string): Checked<NormalisedPoolInput> {
  const sampled = checkEventTime(
    input.sampledAt,
    'sampledAt',
    'sampled_at',
    'Thời điểm lấy mẫu',
    requireNow(now),
  );
  const problems: Problem[] = [...sampled.problems];
  const ids = input.memberIds.map((id) => id.trim().toLowerCase());
  const memberIds = [...new Set(ids)];
  if (ids.some((id) => !UUID_PATTERN.test(id))) {
    problems.push({
      code: 'member_id_format',
      message: 'Mã người trong mẫu gộp không hợp lệ',
      field: 'memberIds',
    });
  }
  if (memberIds.length < ids.length) {
    problems.push({
      code: 'member_duplicate',
      message: 'Một người không được có mặt hai lần trong cùng mẫu gộp',
      field: 'memberIds',
    });
  }
  if (memberIds.length < POOL_MIN || memberIds.length > POOL_MAX) {
    problems.push({
      code: 'member_count',
      message: `Một mẫu gộp phải có từ ${POOL_MIN} đến ${POOL_MAX} người`,
      field: 'memberIds',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      memberIds,
      sampledAt: new Date(sampled.ms!).toISOString(),
      site: text(input.site),
      kind: 'rt_pcr_pool',
    },
  };
}

/** Validates a new case. `today` is the YYYY-MM-DD date in Vietnam. */
export function checkCaseInput(input: CaseInput, today: string): Checked<NormalisedCaseInput> {
  requireToday(today);
  const carePlace = text(input.carePlace);
  const problems: Problem[] = [
    // Whether the tier exists in the person's province is the server's question (care_tiers).
    ...(carePlace !== null && !CARE_TIER_CODE.test(carePlace)
      ? [{ code: 'care_place_format', message: 'Mã nơi điều trị không hợp lệ', field: 'carePlace' }]
      : []),
    ...checkPersonId(input.personId),
    ...checkEventDate(input.detectedOn, 'detectedOn', 'detected_on', 'Ngày phát hiện', today),
    ...checkOptionalUuid(input.clusterId, 'clusterId', 'cluster_id_format', 'Mã ổ dịch không hợp lệ'),
    ...checkOptionalUuid(
      input.confirmTestId,
      'confirmTestId',
      'confirm_test_id_format',
      'Mã xét nghiệm không hợp lệ',
    ),
  ];
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      personId: input.personId.trim().toLowerCase(),
      detectedOn: input.detectedOn,
      foundBy: input.foundBy ?? null,
      clusterId: uuidOrNull(input.clusterId),
      severity: input.severity ?? 'asymptomatic',
      carePlace: carePlace ?? 'home',
      confirmTestId: uuidOrNull(input.confirmTestId),
      note: text(input.note),
    },
  };
}

/** Validates an exposure of a person (F1, or F2 with degree 2). `today` is the YYYY-MM-DD date in Vietnam. */
export function checkContactInput(input: ContactInput, today: string): Checked<NormalisedContactInput> {
  requireToday(today);
  const problems: Problem[] = [
    ...checkPersonId(input.personId),
    ...checkEventDate(input.exposureDate, 'exposureDate', 'exposure_date', 'Ngày tiếp xúc', today),
    ...checkOptionalUuid(
      input.viaContactId,
      'viaContactId',
      'via_contact_id_format',
      'Mã người tiếp xúc không hợp lệ',
    ),
  ];
  const degree = input.degree ?? 1;
  const via = uuidOrNull(input.viaContactId);
  // An F2 is a contact of an F1: the F1 must be named; an F1 has no one in between.
  if (degree === 2 && !via) {
    problems.push({
      code: 'via_contact_required',
      message: 'F2 là người tiếp xúc với một F1: hãy chọn F1 đó',
      field: 'viaContactId',
    });
  }
  if (degree === 1 && via) {
    problems.push({
      code: 'via_contact_f1',
      message: 'F1 tiếp xúc trực tiếp với ca bệnh, không qua người trung gian',
      field: 'viaContactId',
    });
  }
  const doses = input.doses ?? null;
  const lastDoseOn = text(input.lastDoseOn);
  if (doses !== null && (!Number.isInteger(doses) || doses < 0 || doses > MAX_DOSES)) {
    problems.push({
      code: 'doses_range',
      message: `Số mũi vắc xin phải là số nguyên từ 0 đến ${MAX_DOSES}`,
      field: 'doses',
    });
  }
  if (lastDoseOn !== null) {
    const dateProblems = checkEventDate(
      lastDoseOn,
      'lastDoseOn',
      'last_dose_on',
      'Ngày tiêm mũi cuối',
      today,
    );
    problems.push(...dateProblems);
    if (dateProblems.length === 0 && parseIsoDate(input.exposureDate) && lastDoseOn > input.exposureDate) {
      problems.push({
        code: 'last_dose_after_exposure',
        message: 'Ngày tiêm mũi cuối không được sau ngày tiếp xúc (chỉ tính các mũi tiêm trước khi tiếp xúc)',
        field: 'lastDoseOn',
      });
    }
    if (doses === null || doses === 0) {
      problems.push({
        code: 'last_dose_without_doses',
        message: 'Có ngày tiêm mũi cuối thì phải nhập số mũi đã tiêm (ít nhất 1)',
        field: 'doses',
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      personId: input.personId.trim().toLowerCase(),
      exposureDate: input.exposureDate,
      setting: input.setting,
      vaccination: input.vaccination ?? 'unknown',
      degree,
      viaContactId: via,
      doses,
      lastDoseOn,
    },
  };
}

/** Validates a new cluster (ổ dịch). `today` is the YYYY-MM-DD date in Vietnam. */
export function checkClusterInput(input: ClusterInput, today: string): Checked<NormalisedClusterInput> {
  requireToday(today);
  const name = text(input.name);
  const unitCode = text(input.unitCode);
  const problems: Problem[] = [
    ...(name === null ? [{ code: 'name_required', message: 'Chưa nhập tên ổ dịch', field: 'name' }] : []),
    ...(unitCode === null
      ? [{ code: 'unit_code_required', message: 'Chưa chọn đơn vị hành chính', field: 'unitCode' }]
      : []),
    ...checkEventDate(input.openedOn, 'openedOn', 'opened_on', 'Ngày phát hiện ổ dịch', today),
  ];
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: name!,
      unitCode: unitCode!,
      openedOn: input.openedOn,
      villages: textList(input.villages),
      note: text(input.note),
    },
  };
}

/** Validates a lockdown zone (phong tỏa); it may be planned ahead, so no "future" check. */
export function checkLockdownInput(input: LockdownInput): Checked<NormalisedLockdownInput> {
  const unitCodes = textList(input.unitCodes);
  const endsOn = text(input.endsOn);
  const problems: Problem[] = [
    ...(unitCodes.length === 0
      ? [
          {
            code: 'unit_codes_required',
            message: 'Chưa chọn đơn vị hành chính bị phong tỏa',
            field: 'unitCodes',
          },
        ]
      : []),
    ...checkEventDate(input.startsOn, 'startsOn', 'starts_on', 'Ngày bắt đầu phong tỏa'),
  ];
  if (endsOn !== null) {
    const endProblems = checkEventDate(endsOn, 'endsOn', 'ends_on', 'Ngày kết thúc phong tỏa');
    problems.push(...endProblems);
    if (endProblems.length === 0 && parseIsoDate(input.startsOn) && endsOn < input.startsOn) {
      problems.push({
        code: 'ends_before_start',
        message: 'Ngày kết thúc phong tỏa không được trước ngày bắt đầu',
        field: 'endsOn',
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { unitCodes, villages: textList(input.villages), startsOn: input.startsOn, endsOn },
  };
}
