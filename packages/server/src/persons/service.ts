import { randomUUID } from 'node:crypto';
import type { NormalisedPersonInput } from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE, type Scope } from '../auth/scope.ts';
import type { PoolClient } from '../db/pool.ts';
import { queryOne, sql } from '../db/sql.ts';
import { AppError } from '../http/errors.ts';
import { claimIdentityNumber } from './identity.ts';
import { type PersonRow, personInScope } from './queries.ts';

/** Registers a checked person inside the caller's jurisdiction, in the caller's transaction. */
export async function createPerson(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
  input: NormalisedPersonInput,
): Promise<PersonRow> {
  const unit = await residenceInside(c, me.scope, input.unitCode);
  await householdFits(c, me.scope, input.householdId, input.unitCode);
  const id = randomUUID();
  if (input.idNumber && !(await claimIdentityNumber(c, input.idNumber, id, unit.provinceCode))) {
    throw await duplicateIdNumber(c, me.scope, input.idNumber);
  }
  await c.query(
    `INSERT INTO persons (id, province_code, unit_code, full_name, name_folded, birth_date, sex, id_type,
                          id_number, phone, address, household_id, flags, created_by, updated_by)
     VALUES ($1, $2, $3, $4, lower(unaccent($4)), $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
    [
      id,
      unit.provinceCode,
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
      me.accountId,
    ],
  );
  await recordAudit(c, request, {
    action: 'create',
    entity: 'person',
    entityId: id,
    place: { unitCode: input.unitCode, provinceCode: unit.provinceCode },
  });
  return (await personInScope(c, me, id))!;
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

/** 409 naming the field; the existing record's id only when the caller may see it. */
export async function duplicateIdNumber(c: PoolClient, scope: Scope, idNumber: string): Promise<AppError> {
  const visible = await queryOne<{ id: string }>(
    c,
    sql`SELECT p.id FROM persons p WHERE p.id_number = ${idNumber} AND ${scope.covers(sql`p.unit_code`, sql`p.province_code`)}`,
  );
  return new AppError(
    409,
    'duplicate_id_number',
    'Số giấy tờ này đã được đăng ký cho một người khác',
    'idNumber',
    undefined,
    visible ? { existingId: visible.id } : undefined,
  );
}
