import type { Pool, PoolClient } from '../db/pool.ts';
import { queryOne, type SQL, sql } from '../db/sql.ts';
import { AppError } from '../http/errors.ts';

export type UnitLevel = 'province' | 'district' | 'commune';

/** The unit an account answers for. */
export interface JurisdictionUnit {
  code: string;
  name: string;
  level: UnitLevel;
  provinceCode: string;
  districtCode: string | null;
  /** For a district: the codes of its subtree (itself and its communes), resolved once per request. */
  unitCodes?: string[];
}

const ACTIVE_TREE = sql`(SELECT value FROM settings WHERE key = 'unit_tree')`;

/** The whole country: an explicit jurisdiction (the system admin), never the absence of a unit. */
export const COUNTRY = 'country' as const;

/**
 * The one place where jurisdiction becomes SQL. Every query that reads or writes rows that
 * belong to a place asks `covers(...)` for its WHERE clause; no route writes its own check.
 * A row belongs to a place through the code of its smallest unit and its province code.
 * Access fails closed: a scope of nothing (no unit, not the country) covers nothing.
 */
export class Scope {
  constructor(readonly unit: JurisdictionUnit | typeof COUNTRY | null) {}

  get isCountry(): boolean {
    return this.unit === COUNTRY;
  }

  /** SQL condition: the row whose smallest unit is `unitCode` (in `provinceCode`) is inside. */
  covers(unitCode: SQL, provinceCode: SQL): SQL {
    const u = this.unit;
    if (u === COUNTRY) return sql`TRUE`;
    if (!u) return sql`FALSE`;
    switch (u.level) {
      case 'province':
        return sql`(${provinceCode} = ${u.provinceCode})`;
      case 'district':
        // A literal array lets the planner use one index scan for all communes at once.
        return u.unitCodes
          ? sql`(${provinceCode} = ${u.provinceCode} AND ${unitCode} = ANY(${sql.param(u.unitCodes)}::text[]))`
          : sql`(${provinceCode} = ${u.provinceCode} AND ${unitCode} IN (
              SELECT code FROM units WHERE tree = ${ACTIVE_TREE} AND district_code = ${u.code}))`;
      case 'commune':
        // The province too, so indexes led by province_code serve commune lists in order.
        return sql`(${provinceCode} = ${u.provinceCode} AND ${unitCode} = ${u.code})`;
      default:
        return sql`FALSE`;
    }
  }

  /** Whether a unit given by its code, level and province lies inside (checked in memory). */
  includes(unit: { code: string; provinceCode: string; districtCode?: string | null }): boolean {
    const u = this.unit;
    if (u === COUNTRY) return true;
    if (!u) return false;
    if (unit.provinceCode !== u.provinceCode) return false;
    if (u.level === 'province') return true;
    if (u.level === 'district') return unit.code === u.code || unit.districtCode === u.code;
    return unit.code === u.code;
  }

  /**
   * The unit with this code in the active tree if it lies inside the jurisdiction, else a 404
   * naming the field (a unit outside is reported like a unit that does not exist).
   */
  async unitInside(
    db: Pool | PoolClient,
    code: string,
    field = 'unitCode',
  ): Promise<{
    code: string;
    level: UnitLevel;
    provinceCode: string;
    name: string;
    unitCodes: string[] | null;
  }> {
    const row = await queryOne<{
      code: string;
      level: UnitLevel;
      provinceCode: string;
      name: string;
      unitCodes: string[] | null;
    }>(
      db,
      sql`SELECT code, level, province_code AS "provinceCode", name,
                 CASE WHEN level = 'district' THEN ARRAY(
                   SELECT c.code FROM units c WHERE c.tree = u.tree AND c.district_code = u.code) END AS "unitCodes"
            FROM units u
           WHERE u.tree = ${ACTIVE_TREE} AND u.code = ${code}
             AND ${this.covers(sql`u.code`, sql`u.province_code`)}`,
    );
    if (!row) {
      throw new AppError(
        404,
        'unit_not_found',
        `Đơn vị hành chính ${code} không tồn tại hoặc nằm ngoài địa bàn của bạn`,
        field,
      );
    }
    return row;
  }
}

export { ACTIVE_TREE };
