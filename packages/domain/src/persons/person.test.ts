import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { checkPersonInput, PERSON_FLAGS, Person, PersonInput, PersonPatch } from './person.ts';

const TODAY = '2021-08-15';

const valid: PersonInput = {
  fullName: '  nguyễn   văn an ',
  birthDate: '1990-05-01',
  sex: 'male',
  idNumber: '001 090 012345',
  phone: '+84 91 234 5678',
  unitCode: '26881',
  address: '  12 Lê Lợi, phường Phú Hội ',
  householdId: 'A3F1C2D4-5B6E-4F70-8A91-B2C3D4E5F607',
  flags: ['poor_household', 'poor_household', 'policy_family'],
};

describe('PersonInput schema', () => {
  it('accepts a full input and a minimal one', () => {
    expect(Value.Check(PersonInput, valid)).toBe(true);
    expect(Value.Check(PersonInput, { fullName: 'A', birthDate: 'x', sex: 'female', unitCode: '' })).toBe(
      true,
    );
  });

  it('constrains types and enums but not formats', () => {
    expect(Value.Check(PersonInput, { ...valid, sex: 'other' })).toBe(false);
    expect(Value.Check(PersonInput, { ...valid, idType: 'driving_licence' })).toBe(false);
    expect(Value.Check(PersonInput, { ...valid, flags: ['rich'] })).toBe(false);
    expect(Value.Check(PersonInput, { ...valid, phone: 912345678 })).toBe(false);
    expect(Value.Check(PersonInput, { ...valid, phone: 'not a phone' })).toBe(true);
  });

  it('requires the core fields and refuses unknown ones', () => {
    const { unitCode: _, ...withoutUnit } = valid;
    expect(Value.Check(PersonInput, withoutUnit)).toBe(false);
    expect(Value.Check(PersonInput, { ...valid, nickname: 'An' })).toBe(false);
  });
});

describe('PersonPatch schema', () => {
  it('makes everything optional and lets identifiers be cleared with null', () => {
    expect(Value.Check(PersonPatch, {})).toBe(true);
    expect(Value.Check(PersonPatch, { phone: null, idNumber: null, address: null, householdId: null })).toBe(
      true,
    );
    expect(Value.Check(PersonPatch, { fullName: null })).toBe(false);
    expect(Value.Check(PersonPatch, { sex: 'other' })).toBe(false);
    expect(Value.Check(PersonPatch, { nickname: 'An' })).toBe(false);
  });
});

describe('Person schema', () => {
  it('describes a stored person', () => {
    const person = {
      id: '7d1f0c4e-0000-4000-8000-000000000001',
      fullName: 'Nguyễn Văn An',
      birthDate: '1990-05-01',
      sex: 'male',
      idType: null,
      idNumber: null,
      phone: '0912345678',
      unitCode: '26881',
      unitName: 'Phường Phú Hội',
      address: null,
      householdId: null,
      flags: [],
      createdAt: '2021-08-15T01:02:03.000Z',
      updatedAt: '2021-08-15T01:02:03.000Z',
    };
    expect(Value.Check(Person, person)).toBe(true);
    const { unitName: _, ...withoutUnitName } = person;
    expect(Value.Check(Person, withoutUnitName)).toBe(false);
  });
});

describe('PERSON_FLAGS', () => {
  it('labels the flags in Vietnamese', () => {
    expect(PERSON_FLAGS).toEqual({ poor_household: 'Hộ nghèo', policy_family: 'Gia đình chính sách' });
  });
});

describe('checkPersonInput', () => {
  it('normalises a valid person', () => {
    expect(checkPersonInput(valid, TODAY)).toEqual({
      ok: true,
      value: {
        fullName: 'Nguyễn Văn An',
        birthDate: '1990-05-01',
        sex: 'male',
        idType: 'cccd',
        idNumber: '001090012345',
        phone: '0912345678',
        unitCode: '26881',
        address: '12 Lê Lợi, phường Phú Hội',
        householdId: 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607',
        flags: ['poor_household', 'policy_family'],
      },
    });
  });

  it('stores absent and blank optional fields as null', () => {
    const result = checkPersonInput(
      {
        fullName: 'Giàng A Páo',
        birthDate: '2019-02-01',
        sex: 'male',
        unitCode: '12',
        phone: '  ',
        address: null,
      },
      TODAY,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        fullName: 'Giàng A Páo',
        birthDate: '2019-02-01',
        sex: 'male',
        idType: null,
        idNumber: null,
        phone: null,
        unitCode: '12',
        address: null,
        householdId: null,
        flags: [],
      },
    });
  });

  it('drops an identifier type sent without a number', () => {
    const result = checkPersonInput({ ...valid, idType: 'cccd', idNumber: '' }, TODAY);
    expect(result.ok && [result.value.idType, result.value.idNumber]).toEqual([null, null]);
  });

  it('infers the identifier type, and honours a declared one', () => {
    const cmnd9 = checkPersonInput({ ...valid, idNumber: '271450001' }, TODAY);
    expect(cmnd9.ok && cmnd9.value.idType).toBe('cmnd9');
    const passport = checkPersonInput({ ...valid, idNumber: 'b1234567' }, TODAY);
    expect(passport.ok && [passport.value.idType, passport.value.idNumber]).toEqual(['passport', 'B1234567']);
    // A 12-digit CMND looks like a CCCD but carries no birth year, so it is not checked against one.
    const cmnd12 = checkPersonInput({ ...valid, idType: 'cmnd12', idNumber: '999999999999' }, TODAY);
    expect(cmnd12.ok && cmnd12.value.idType).toBe('cmnd12');
  });

  it('checks a CCCD against the sex and birth date', () => {
    const result = checkPersonInput({ ...valid, sex: 'female', birthDate: '1985-05-01' }, TODAY);
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.field])).toEqual([
      ['cccd_century_sex', 'idNumber'],
      ['cccd_birth_year', 'idNumber'],
    ]);
  });

  it('refuses an identifier of no known shape', () => {
    const result = checkPersonInput({ ...valid, idNumber: '12-34' }, TODAY);
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.field])).toEqual([
      ['id_type_unknown', 'idNumber'],
    ]);
  });

  it('accepts a birth date of today and of 01/01/1900, not one day beyond', () => {
    expect(checkPersonInput({ ...valid, idNumber: null, birthDate: TODAY }, TODAY).ok).toBe(true);
    expect(checkPersonInput({ ...valid, idNumber: null, birthDate: '1900-01-01' }, TODAY).ok).toBe(true);
    expect(checkPersonInput({ ...valid, idNumber: null, birthDate: '2021-08-16' }, TODAY)).toEqual({
      ok: false,
      problems: [
        { code: 'birth_date_future', message: 'Ngày sinh không được ở sau ngày hôm nay', field: 'birthDate' },
      ],
    });
    expect(checkPersonInput({ ...valid, idNumber: null, birthDate: '1899-12-31' }, TODAY)).toEqual({
      ok: false,
      problems: [
        {
          code: 'birth_date_too_early',
          message: 'Ngày sinh không được trước ngày 01/01/1900',
          field: 'birthDate',
        },
      ],
    });
  });

  it('refuses a birth date that is not a real day', () => {
    for (const birthDate of ['2021-02-29', '01/05/1990', '']) {
      const result = checkPersonInput({ ...valid, idNumber: null, birthDate }, TODAY);
      expect(result.ok ? [] : result.problems.map((p) => p.code), birthDate).toEqual(['birth_date_format']);
    }
  });

  it('returns every problem at once, each naming its field', () => {
    const result = checkPersonInput(
      {
        fullName: 'X',
        birthDate: '2030-01-01',
        sex: 'male',
        idNumber: '999999999999',
        phone: '0243825123',
        unitCode: ' ',
        address: 'a'.repeat(501),
        householdId: 'not-a-uuid',
      },
      TODAY,
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => [p.field, p.code])).toEqual([
      ['fullName', 'full_name_length'],
      ['birthDate', 'birth_date_future'],
      ['idNumber', 'cccd_province'],
      ['idNumber', 'cccd_century_sex'],
      ['idNumber', 'cccd_birth_year'],
      ['phone', 'phone_format'],
      ['unitCode', 'unit_code_required'],
      ['address', 'address_length'],
      ['householdId', 'household_id_format'],
    ]);
    for (const problem of result.ok ? [] : result.problems) expect(problem.message).not.toBe('');
  });

  it('accepts an address of exactly 500 characters', () => {
    expect(checkPersonInput({ ...valid, address: 'a'.repeat(500) }, TODAY).ok).toBe(true);
  });

  it('refuses a today that is not a date', () => {
    expect(() => checkPersonInput(valid, '15/08/2021')).toThrow(RangeError);
  });
});
