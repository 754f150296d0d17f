import { type Static, type TSchema, Type } from 'typebox';
import { parseIsoDate } from '../dates/dates.ts';
import type { Checked, Problem } from '../errors.ts';
import { checkIdNumber, ID_TYPES, type IdType, inferIdType, normalizeIdNumber } from '../identity/cccd.ts';
import { checkPhone, normalizePhone } from '../identity/phone.ts';
import { checkFullName, displayName } from '../names/normalize.ts';
import { LIST_LIMITS, TEXT_LIMITS } from '../text-limits.ts';
import { SEXES, type Sex } from './sex.ts';

/** Social-support flags of a person, with their Vietnamese labels. */
export const PERSON_FLAGS = {
  poor_household: 'Hộ nghèo',
  policy_family: 'Gia đình chính sách',
} as const;
export type PersonFlag = keyof typeof PERSON_FLAGS;
const PERSON_FLAG_IDS = Object.keys(PERSON_FLAGS) as PersonFlag[];

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

// Formats stay plain strings here: checkPersonInput gives field-named Vietnamese messages for them;
// lengths are bounded (text-limits.ts).
// Null clears a value (PATCH) and is what a merged "current record + patch" carries.
const personFields = {
  fullName: Type.String({ maxLength: TEXT_LIMITS.personName }),
  birthDate: Type.String({ description: 'YYYY-MM-DD', maxLength: TEXT_LIMITS.date }),
  sex: Type.Enum(SEXES),
  idType: Type.Optional(Nullable(Type.Enum(ID_TYPES))),
  idNumber: Type.Optional(Nullable(Type.String({ maxLength: TEXT_LIMITS.idNumber }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: TEXT_LIMITS.phone }))),
  unitCode: Type.String({ maxLength: TEXT_LIMITS.unitCode }),
  address: Type.Optional(Nullable(Type.String({ maxLength: TEXT_LIMITS.address }))),
  householdId: Type.Optional(Nullable(Type.String({ description: 'UUID', maxLength: TEXT_LIMITS.uuid }))),
  flags: Type.Optional(Type.Array(Type.Enum(PERSON_FLAG_IDS), { maxItems: LIST_LIMITS.flags })),
};

export const PersonInput = Type.Object(personFields, { additionalProperties: false });
export type PersonInput = Static<typeof PersonInput>;

export const PersonPatch = Type.Partial(PersonInput, { additionalProperties: false });
export type PersonPatch = Static<typeof PersonPatch>;

export const Person = Type.Object({
  id: Type.String(),
  ...personFields,
  flags: Type.Array(Type.Enum(PERSON_FLAG_IDS)),
  unitName: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Person = Static<typeof Person>;

/** What checkPersonInput hands to storage: every field present, absent values as null. */
export interface NormalisedPersonInput {
  fullName: string;
  birthDate: string;
  sex: Sex;
  idType: IdType | null;
  idNumber: string | null;
  phone: string | null;
  unitCode: string;
  address: string | null;
  householdId: string | null;
  flags: PersonFlag[];
}

const EARLIEST_BIRTH_DATE = '1900-01-01';
const ADDRESS_MAX_LENGTH = 500;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trimmed text, or null when nothing is left. */
function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function checkBirthDate(birthDate: string, today: string): Problem[] {
  const field = 'birthDate';
  if (!parseIsoDate(birthDate)) {
    return [{ code: 'birth_date_format', message: 'Ngày sinh không hợp lệ (định dạng YYYY-MM-DD)', field }];
  }
  if (birthDate > today) {
    return [{ code: 'birth_date_future', message: 'Ngày sinh không được ở sau ngày hôm nay', field }];
  }
  if (birthDate < EARLIEST_BIRTH_DATE) {
    return [{ code: 'birth_date_too_early', message: 'Ngày sinh không được trước ngày 01/01/1900', field }];
  }
  return [];
}

/**
 * Validates and normalises a person for storage, reporting every problem at once.
 * `today` is the YYYY-MM-DD date in Vietnam. An idType without an idNumber is dropped: a person may
 * have no papers (children), and forms often send the selected type with an empty number.
 */
export function checkPersonInput(input: PersonInput, today: string): Checked<NormalisedPersonInput> {
  if (!parseIsoDate(today)) throw new RangeError(`today is not a valid YYYY-MM-DD date: ${today}`);
  const problems: Problem[] = [...checkFullName(input.fullName), ...checkBirthDate(input.birthDate, today)];

  const rawIdNumber = text(input.idNumber);
  const idNumber = rawIdNumber === null ? null : normalizeIdNumber(rawIdNumber);
  let idType: IdType | null = null;
  if (idNumber !== null) {
    idType = input.idType ?? inferIdType(idNumber);
    if (idType === null) {
      problems.push({
        code: 'id_type_unknown',
        message: 'Không nhận ra loại giấy tờ: hãy nhập số CCCD (12 số), CMND (9 số) hoặc hộ chiếu',
        field: 'idNumber',
      });
    } else {
      problems.push(...checkIdNumber({ idType, idNumber, birthDate: input.birthDate, sex: input.sex }));
    }
  }

  const rawPhone = text(input.phone);
  if (rawPhone !== null) problems.push(...checkPhone(rawPhone));

  const unitCode = input.unitCode.trim();
  if (!unitCode) {
    problems.push({ code: 'unit_code_required', message: 'Chưa chọn đơn vị hành chính', field: 'unitCode' });
  }

  const address = text(input.address);
  if (address !== null && [...address].length > ADDRESS_MAX_LENGTH) {
    problems.push({
      code: 'address_length',
      message: `Địa chỉ không được dài quá ${ADDRESS_MAX_LENGTH} ký tự`,
      field: 'address',
    });
  }

  const householdId = text(input.householdId);
  if (householdId !== null && !UUID_PATTERN.test(householdId)) {
    problems.push({
      code: 'household_id_format',
      message: 'Mã hộ gia đình không hợp lệ',
      field: 'householdId',
    });
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      fullName: displayName(input.fullName),
      birthDate: input.birthDate,
      sex: input.sex,
      idType,
      idNumber,
      phone: rawPhone === null ? null : normalizePhone(rawPhone),
      unitCode,
      address,
      householdId: householdId?.toLowerCase() ?? null,
      flags: [...new Set(input.flags ?? [])],
    },
  };
}
