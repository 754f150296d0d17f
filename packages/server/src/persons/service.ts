import { randomUUID } from 'node:crypto';
import {
  checkPersonInput,
  foldName,
  type NormalisedPersonInput,
  type PersonInput,
  type PersonPatch,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit, recordRead } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE, type Scope } from '../auth/scope.ts';
import { caseOut } from '../cases/queries.ts';
import { quarantinePolicies } from '../contacts/policy.ts';
import { contactOut, contactRows } from '../contacts/queries.ts';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { queryOne, sql } from '../db/sql.ts';
import { AppError, notFound, problemsError } from '../http/errors.ts';
import { todayInVietnam } from '../http/time.ts';
import { testOut, testRows } from '../lab-tests/queries.ts';
import { unitDirectory } from '../units/directory.ts';
import { claimIdentityNumber, releaseIdentityNumber } from './identity.ts';
import { movePerson } from './move.ts';
import {
  casesOfPerson,
  householdsOfUnit,
  likelyDuplicates,
  type PersonRow,
  personInScope,
  personOut,
  personWithHousehold,
  poolMembershipsOfPerson,
  RECORDS_LIMIT,
  visibleCaseIds,
} from './queries.ts';

export interface NewPersonOptions {
  /** Register even when people who look the same are already registered. */
  confirmNew?: boolean;
  /** Where the person sits in the request body, named by errors (`people.2.person`). */
  field?: string;
}

/**
 * Registers a checked person inside the caller's jurisdiction, in the caller's transaction.
 * People who may be the same (likelyDuplicates) are a 409 `possible_duplicate` listing those the
 * caller may see, unless the caller confirms a new person.
 */
export async function createPerson(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
  input: NormalisedPersonInput,
  { confirmNew = false, field }: NewPersonOptions = {},
): Promise<PersonRow> {
  const unit = await residenceInside(c, me.scope, input.unitCode);
  await householdFits(c, me.scope, input.householdId, input.unitCode);
  const id = randomUUID();
  if (input.idNumber && !(await claimIdentityNumber(c, input.idNumber, id, unit.provinceCode))) {
    throw await duplicateIdNumber(c, me.scope, input.idNumber, field && `${field}.idNumber`);
  }
  if (!confirmNew) await refuseLikelyDuplicates(c, me, input, field);
  await c.query(
    `INSERT INTO persons (id, province_code, unit_code, full_name, name_folded, birth_date, sex, id_type,
                          id_number, phone, address, household_id, flags, created_by, updated_by)
     VALUES ($1, $2, $3, $4, lower(unaccent($4)), $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
    personParams(id, unit.provinceCode, input, me.accountId),
  );
  await recordAudit(c, request, {
    action: 'create',
    entity: 'person',
    entityId: id,
    place: { unitCode: input.unitCode, provinceCode: unit.provinceCode },
  });
  return (await personInScope(c, me, id))!;
}

/** $1…$13 of the person INSERT and UPDATE: id, province, the checked fields, the account writing. */
function personParams(id: string, provinceCode: string, input: NormalisedPersonInput, accountId: string) {
  return [
    id,
    provinceCode,
    input.unitCode,
    input.fullName,
    input.birthDate,
    input.sex,
    input.idType,
    input.idNumber,
    input.phone,
    input.address,
    input.householdId,
    input.flags,
    accountId,
  ];
}

/** The residence must be a commune inside the jurisdiction (or an island district without communes). */
export async function residenceInside(c: PoolClient, scope: Scope, unitCode: string) {
  const unit = await scope.unitInside(c, unitCode);
  if (unit.level === 'commune') return unit;
  const hasCommunes = await queryOne(
    c,
    sql`SELECT 1 FROM units WHERE tree = ${ACTIVE_TREE} AND parent_code = ${unitCode} LIMIT 1`,
  );
  if (unit.level === 'province' || hasCommunes) {
    throw new AppError(
      400,
      'unit_not_commune',
      'Nơi cư trú phải là một xã, phường hoặc thị trấn',
      'unitCode',
    );
  }
  return unit;
}

export async function householdFits(
  c: PoolClient,
  scope: Scope,
  householdId: string | null,
  unitCode: string,
) {
  if (!householdId) return;
  const h = await queryOne<{ unitCode: string }>(
    c,
    sql`SELECT unit_code AS "unitCode" FROM households h
         WHERE h.id = ${householdId} AND ${scope.covers(sql`h.unit_code`, sql`h.province_code`)}`,
  );
  if (!h) throw new AppError(404, 'household_not_found', 'Không tìm thấy hộ gia đình này', 'householdId');
  if (h.unitCode !== unitCode) {
    throw new AppError(
      400,
      'household_unit',
      'Hộ gia đình ở một xã/phường khác với nơi cư trú đã chọn',
      'householdId',
    );
  }
}

/**
 * 409 `possible_duplicate` when people who may be `input` are registered, with those the caller may
 * see (masked as any person output). Two registrations of the same person at once are taken one
 * after the other (a lock on the name, birth date and commune, and one on the phone), so the
 * second sees the first.
 */
async function refuseLikelyDuplicates(
  c: PoolClient,
  me: Principal,
  input: NormalisedPersonInput,
  field: string | undefined,
): Promise<void> {
  const locks = [`person:${input.unitCode}:${input.birthDate}:${foldName(input.fullName)}`];
  if (input.phone) locks.push(`phone:${input.phone}`);
  for (const lock of locks.sort()) {
    await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lock]);
  }
  const found = await likelyDuplicates(c, me, input);
  if (found.length === 0) return;
  throw new AppError(
    409,
    'possible_duplicate',
    'Có thể người này đã được đăng ký: hãy chọn một người trong danh sách, hoặc xác nhận đây là người mới',
    field,
    undefined,
    { candidates: found.map((row) => ({ ...personOut(row, me), reasons: row.reasons })) },
  );
}

/** 409 naming the field; the existing record's id only when the caller may see it. */
export async function duplicateIdNumber(
  c: PoolClient,
  scope: Scope,
  idNumber: string,
  field = 'idNumber',
): Promise<AppError> {
  const visible = await queryOne<{ id: string }>(
    c,
    sql`SELECT p.id FROM persons p WHERE p.id_number = ${idNumber} AND ${scope.covers(sql`p.unit_code`, sql`p.province_code`)}`,
  );
  return new AppError(
    409,
    'duplicate_id_number',
    'Số giấy tờ này đã được đăng ký cho một người khác',
    field,
    undefined,
    visible ? { existingId: visible.id } : undefined,
  );
}

const PERSON_NOT_FOUND = 'Không tìm thấy người này hoặc người này ở ngoài địa bàn của bạn';

/** A person's input checked and normalised, or a 400 listing every problem. */
export function checkedPerson(input: PersonInput): NormalisedPersonInput {
  const checked = checkPersonInput(input, todayInVietnam());
  if (!checked.ok) throw problemsError(checked.problems);
  return checked.value;
}

/** A person with their unit's path and their household; the reading is audited. */
export async function personDetail(pool: Pool, me: Principal, request: FastifyRequest, id: string) {
  const [row, units] = await Promise.all([personWithHousehold(pool, me, id), unitDirectory(pool)]);
  if (!row) throw notFound(PERSON_NOT_FOUND);
  recordRead(pool, request, {
    action: 'read',
    entity: 'person',
    entityId: id,
    place: { unitCode: row.unitCode, provinceCode: row.provinceCode },
  });
  const unitName = units.get(row.unitCode)?.name ?? row.unitCode;
  return {
    ...personOut({ ...row, unitName }, me),
    unit: {
      code: row.unitCode,
      name: unitName,
      path: units.path(row.unitCode).map((u) => ({ code: u.code, name: u.name })),
    },
    household: row.householdId
      ? { id: row.householdId, address: row.householdAddress, members: row.members }
      : undefined,
  };
}

/**
 * The person's tests, pools, cases and exposures to cases, as far as the viewer may see each
 * (the scoped query of each capability); 404 for a person outside the jurisdiction. Audited as a
 * read of the person.
 */
export async function personRecords(pool: Pool, me: Principal, request: FastifyRequest, id: string) {
  const person = await personInScope(pool, me, id);
  if (!person) throw notFound(PERSON_NOT_FOUND);
  const [tests, pools, cases, contacts] = await Promise.all([
    testRows(pool, me, { person: id, limit: RECORDS_LIMIT }),
    poolMembershipsOfPerson(pool, me, id),
    casesOfPerson(pool, me, id),
    contactRows(pool, me, [sql`k.person_id = ${id}`], RECORDS_LIMIT),
  ]);
  recordRead(pool, request, {
    action: 'read',
    entity: 'person',
    entityId: id,
    place: { unitCode: person.unitCode, provinceCode: person.provinceCode },
    detail: { records: true },
  });
  const policies = quarantinePolicies();
  const openable = await visibleCaseIds(pool, me, [...new Set(contacts.map((k) => k.caseId))]);
  return {
    tests: tests.slice(0, RECORDS_LIMIT).map(testOut),
    pools,
    cases: cases.map(caseOut),
    contacts: contacts.map((row) => ({
      ...contactOut(row, policies),
      caseVisible: openable.has(row.caseId),
    })),
  };
}

/** Households of a commune inside the jurisdiction, to pick one for a person. */
export async function findHouseholds(
  pool: Pool,
  me: Principal,
  { unit, q, limit }: { unit: string; q?: string; limit: number },
) {
  await me.scope.unitInside(pool, unit, 'unit');
  return { items: await householdsOfUnit(pool, me, unit, q?.trim() || undefined, limit) };
}

/** Moves a person's residence (any commune of the country), in a transaction of its own. */
export async function relocatePerson(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  target: { unitCode: string; householdId?: string | null; movedOn?: string | null },
) {
  const moved = await inTransaction(pool, (c) => movePerson(c, me, request, id, target));
  return personOut(moved, me);
}

/** Registers a person from a form, in a transaction of its own. */
export async function registerPerson(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  { confirmNew, ...body }: PersonInput & { confirmNew?: boolean },
) {
  const input = checkedPerson(body);
  const created = await inTransaction(pool, (c) => createPerson(c, me, request, input, { confirmNew }));
  return personOut(created, me);
}

/**
 * Changes a person: the patch over what is stored is checked as a whole, the residence and the
 * household must still fit, and a new identity number must be free. The audit names the fields changed.
 */
export async function updatePerson(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  patch: PersonPatch,
) {
  const updated = await inTransaction(pool, (c) => changePerson(c, me, request, id, patch));
  return personOut(updated, me);
}

/** updatePerson in the caller's transaction (data cleaning corrects a record and closes its problem at once). */
export async function changePerson(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
  id: string,
  patch: PersonPatch,
): Promise<PersonRow> {
  const current = await personInScope(c, me, id, true);
  if (!current) throw notFound(PERSON_NOT_FOUND);
  const input = checkedPerson({
    fullName: current.fullName,
    birthDate: current.birthDate,
    sex: current.sex,
    idType: current.idType as PersonInput['idType'],
    idNumber: current.idNumber,
    phone: current.phone,
    unitCode: current.unitCode,
    address: current.address,
    householdId: current.householdId,
    flags: current.flags as PersonInput['flags'],
    ...patch,
  });
  const unit = await residenceInside(c, me.scope, input.unitCode);
  await householdFits(c, me.scope, input.householdId, input.unitCode);
  if (input.idNumber !== current.idNumber) {
    if (input.idNumber && !(await claimIdentityNumber(c, input.idNumber, id, current.provinceCode))) {
      throw await duplicateIdNumber(c, me.scope, input.idNumber);
    }
    if (current.idNumber) await releaseIdentityNumber(c, current.idNumber, id);
  }
  // Another province: the person is moved (deleted there, inserted here), never re-keyed.
  if (unit.provinceCode !== current.provinceCode) {
    await movePerson(c, me, request, id, { unitCode: input.unitCode, householdId: input.householdId });
  }
  await c.query(
    `UPDATE persons SET unit_code = $3, full_name = $4, name_folded = lower(unaccent($4)),
            birth_date = $5, sex = $6, id_type = $7, id_number = $8, phone = $9, address = $10,
            household_id = $11, flags = $12, updated_at = now(), updated_by = $13
      WHERE id = $1 AND province_code = $2`,
    personParams(id, unit.provinceCode, input, me.accountId),
  );
  const changed = Object.keys(patch).filter(
    (k) =>
      JSON.stringify((patch as Record<string, unknown>)[k]) !==
      JSON.stringify((current as unknown as Record<string, unknown>)[k]),
  );
  await recordAudit(c, request, {
    action: 'update',
    entity: 'person',
    entityId: id,
    place: { unitCode: input.unitCode, provinceCode: unit.provinceCode },
    detail: { changed },
  });
  return (await personInScope(c, me, id))!;
}

/** A household in a commune inside the jurisdiction. */
export async function createHousehold(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  { unitCode, address }: { unitCode: string; address?: string },
) {
  return inTransaction(pool, async (c) => {
    const unit = await residenceInside(c, me.scope, unitCode);
    const row = await queryOne<{ id: string }>(
      c,
      sql`INSERT INTO households (province_code, unit_code, address)
          VALUES (${unit.provinceCode}, ${unitCode}, ${address?.trim() || null})
          RETURNING id, unit_code AS "unitCode", address`,
    );
    await recordAudit(c, request, {
      action: 'create',
      entity: 'household',
      entityId: row!.id,
      place: { unitCode, provinceCode: unit.provinceCode },
    });
    return row;
  });
}
