import { maskTail } from '@tuyendau/domain';
import type { Principal } from '../auth/principal.ts';
import type { JurisdictionUnit } from '../auth/scope.ts';
import { ACTIVE_TREE } from '../auth/scope.ts';
import type { Pool, PoolClient } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';

export interface PersonRow {
  id: string;
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  idType: string | null;
  idNumber: string | null;
  phone: string | null;
  unitCode: string;
  unitName: string;
  provinceCode: string;
  address: string | null;
  householdId: string | null;
  flags: string[];
  createdAt: string;
  updatedAt: string;
  nameFolded: string;
}

export const PERSON_COLUMNS = sql`p.id, p.full_name AS "fullName", p.birth_date AS "birthDate", p.sex,
  p.id_type AS "idType", p.id_number AS "idNumber", p.phone, p.unit_code AS "unitCode", u.name AS "unitName",
  p.province_code AS "provinceCode", p.address, p.household_id AS "householdId", p.flags,
  p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.name_folded AS "nameFolded"`;

export const PERSON_FROM = sql`persons p LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = p.unit_code`;

/** The condition that keeps persons inside the principal's jurisdiction. */
export function personsInScope(p: Principal): SQL {
  return p.scope.covers(sql`p.unit_code`, sql`p.province_code`);
}

/** A person as the API shows it; identity numbers and phones masked unless the role needs them. */
export function personOut(row: PersonRow, viewer: Principal) {
  const full = viewer.permissions.includes('person.identity');
  return {
    id: row.id,
    fullName: row.fullName,
    birthDate: row.birthDate,
    sex: row.sex,
    idType: row.idType,
    idNumber: row.idNumber && !full ? maskTail(row.idNumber, 3) : row.idNumber,
    phone: row.phone && !full ? maskTail(row.phone, 3) : row.phone,
    unitCode: row.unitCode,
    unitName: row.unitName,
    address: row.address,
    householdId: row.householdId,
    flags: row.flags,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export async function personInScope(
  db: Pool | PoolClient,
  viewer: Principal,
  id: string,
  forUpdate = false,
): Promise<PersonRow | undefined> {
  return queryOne<PersonRow>(
    db,
    sql`SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM}
         WHERE p.id = ${id} AND ${personsInScope(viewer)} ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`,
  );
}

/** A unit as a jurisdiction, to filter lists by any unit inside the viewer's own. */
export function asJurisdiction(unit: {
  code: string;
  level: string;
  provinceCode: string;
}): JurisdictionUnit {
  return {
    code: unit.code,
    name: unit.code,
    level: unit.level as JurisdictionUnit['level'],
    provinceCode: unit.provinceCode,
    districtCode: unit.level === 'district' ? unit.code : null,
  };
}

export async function householdMembers(db: Pool | PoolClient, viewer: Principal, householdId: string) {
  return query(
    db,
    sql`SELECT p.id, p.full_name AS "fullName", p.birth_date AS "birthDate", p.sex FROM persons p
         WHERE p.household_id = ${householdId} AND ${personsInScope(viewer)}
         ORDER BY p.birth_date, p.id`,
  );
}
