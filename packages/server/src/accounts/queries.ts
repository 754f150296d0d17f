import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE } from '../auth/scope.ts';
import type { Pool, PoolClient } from '../db/pool.ts';
import { likeContaining, likeEscape, query, queryOne, type SQL, sql } from '../db/sql.ts';
import { decodeCursor, pageOf } from '../http/pagination.ts';

export interface AccountRow {
  id: string;
  username: string;
  fullName: string;
  role: string;
  national: boolean;
  unitCode: string | null;
  unitName: string | null;
  provinceCode: string | null;
  /** False when the account's unit does not resolve in the active tree: it has no access (flagged). */
  jurisdictionResolved: boolean;
  agencyCode: string | null;
  agencyName: string | null;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

const ACCOUNT_COLUMNS = sql`a.id, a.username, a.full_name AS "fullName", a.role, a.national, a.unit_code AS "unitCode",
  u.name AS "unitName", u.province_code AS "provinceCode", (a.national OR u.code IS NOT NULL) AS "jurisdictionResolved",
  a.agency_code AS "agencyCode", ag.name AS "agencyName", a.disabled, a.created_at AS "createdAt",
  a.last_login_at AS "lastLoginAt"`;
const ACCOUNT_FROM = sql`accounts a
  LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = a.unit_code
  LEFT JOIN agencies ag ON ag.code = a.agency_code`;

/**
 * An account belongs to its unit, and is administered through the same Scope as every record:
 * an administrator bound to a province sees the accounts of that province's units; national
 * accounts, and accounts whose unit no longer resolves, only a national administrator sees.
 */
export function accountsInScope(me: Principal): SQL {
  if (me.scope.isCountry) return sql`TRUE`;
  return sql`(NOT a.national AND ${me.scope.covers(sql`a.unit_code`, sql`u.province_code`)})`;
}

export async function accountInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
  forUpdate = false,
): Promise<AccountRow | undefined> {
  return queryOne<AccountRow>(
    db,
    sql`SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM} WHERE a.id = ${id} AND ${accountsInScope(me)}
        ${forUpdate ? sql`FOR UPDATE OF a` : sql``}`,
  );
}

/** One page of the accounts the administrator may see, by username, optionally searched. */
export async function accountPage(
  pool: Pool,
  me: Principal,
  q: { q?: string; cursor?: string; limit: number },
) {
  const after = decodeCursor(q.cursor, ['text']);
  const term = q.q?.trim().toLowerCase();
  const pattern = term ? `%${likeEscape(term)}%` : null;
  const rows = await query<AccountRow>(
    pool,
    sql`SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM}
         WHERE ${accountsInScope(me)}
           ${pattern ? sql`AND (a.username LIKE ${pattern} OR lower(unaccent(a.full_name)) LIKE ${likeContaining(sql`lower(unaccent(${term}))`)})` : sql``}
           ${after ? sql`AND a.username > ${String(after[0])}` : sql``}
         ORDER BY a.username LIMIT ${q.limit + 1}`,
  );
  return pageOf(rows, q.limit, (r) => [r.username]);
}

/** The agencies of a unit, or of the whole list (reference data: names of public bodies). */
export async function agencies(pool: Pool, unit?: string) {
  return query(
    pool,
    sql`SELECT code, name, unit_code AS "unitCode" FROM agencies
         ${unit ? sql`WHERE unit_code = ${unit}` : sql``} ORDER BY unit_code, name LIMIT 500`,
  );
}

/** The agency with this code if it belongs to the administrator's jurisdiction. */
export async function agencyInScope(db: PoolClient, me: Principal, code: string) {
  return queryOne(
    db,
    sql`SELECT 1 FROM agencies g WHERE g.code = ${code} AND ${me.scope.covers(sql`g.unit_code`, sql`g.province_code`)}`,
  );
}
