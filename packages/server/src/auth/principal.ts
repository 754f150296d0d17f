import { createHash, randomBytes } from 'node:crypto';
import { type Permission, permissionsOf, type Role } from '@tuyendau/domain';
import type { Pool } from '../db/pool.ts';
import { queryOne, sql } from '../db/sql.ts';
import { ACTIVE_TREE, type JurisdictionUnit, Scope, type UnitLevel } from './scope.ts';

/** Who is asking: the account, what it may do and where. */
export interface Principal {
  accountId: string;
  username: string;
  fullName: string;
  role: Role;
  permissions: readonly Permission[];
  unit: JurisdictionUnit | null;
  agency: { code: string; name: string } | null;
  scope: Scope;
  via: 'session' | 'token';
  /** The CSRF token bound to the session (cookie sessions only). */
  csrfToken?: string;
}

export const SESSION_COOKIE = 'td_session';
export const CSRF_COOKIE = 'csrf_token';
export const SESSION_HOURS = 12;

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

interface AccountRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
  unitLevel: UnitLevel | null;
  provinceCode: string | null;
  districtCode: string | null;
  unitCodes: string[] | null;
  agencyCode: string | null;
  agencyName: string | null;
  csrfToken?: string;
  tokenId?: string;
  fresh?: boolean;
}

const ACCOUNT_COLUMNS = sql`a.id, a.username, a.full_name AS "fullName", a.role, a.unit_code AS "unitCode",
  u.name AS "unitName", u.level AS "unitLevel", u.province_code AS "provinceCode", u.district_code AS "districtCode",
  CASE WHEN u.level = 'district' THEN ARRAY(
    SELECT c.code FROM units c WHERE c.tree = u.tree AND c.district_code = u.code) END AS "unitCodes",
  a.agency_code AS "agencyCode", ag.name AS "agencyName"`;
const ACCOUNT_JOINS = sql`LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = a.unit_code
  LEFT JOIN agencies ag ON ag.code = a.agency_code`;

function principalOf(row: AccountRow, via: Principal['via']): Principal {
  const unit =
    row.unitCode && row.unitLevel
      ? {
          code: row.unitCode,
          name: row.unitName ?? row.unitCode,
          level: row.unitLevel,
          provinceCode: row.provinceCode ?? '',
          districtCode: row.districtCode,
          unitCodes: row.unitCodes ?? undefined,
        }
      : null;
  return {
    accountId: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    permissions: permissionsOf(row.role),
    unit,
    agency: row.agencyCode ? { code: row.agencyCode, name: row.agencyName ?? row.agencyCode } : null,
    scope: new Scope(unit),
    via,
    csrfToken: row.csrfToken,
  };
}

export async function principalFromSession(pool: Pool, cookieValue: string): Promise<Principal | null> {
  const row = await queryOne<AccountRow>(
    pool,
    sql`SELECT ${ACCOUNT_COLUMNS}, s.csrf_token AS "csrfToken"
          FROM sessions s JOIN accounts a ON a.id = s.account_id ${ACCOUNT_JOINS}
         WHERE s.token_hash = ${sha256(cookieValue)} AND s.expires_at > now() AND NOT a.disabled`,
  );
  return row ? principalOf(row, 'session') : null;
}

export async function principalFromToken(pool: Pool, token: string): Promise<Principal | null> {
  const row = await queryOne<AccountRow>(
    pool,
    sql`SELECT ${ACCOUNT_COLUMNS}, t.id AS "tokenId", t.last_used_at > now() - interval '1 minute' AS "fresh"
          FROM api_tokens t JOIN accounts a ON a.id = t.account_id ${ACCOUNT_JOINS}
         WHERE t.token_hash = ${sha256(token)} AND t.revoked_at IS NULL AND NOT a.disabled`,
  );
  // Last use is kept to the minute: a script calling in a loop should not write on every call.
  if (row && !row.fresh)
    await pool.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.tokenId]);
  return row ? principalOf(row, 'token') : null;
}

export async function principalForAccount(pool: Pool, accountId: string): Promise<Principal | null> {
  const row = await queryOne<AccountRow>(
    pool,
    sql`SELECT ${ACCOUNT_COLUMNS} FROM accounts a ${ACCOUNT_JOINS} WHERE a.id = ${accountId}`,
  );
  return row ? principalOf(row, 'session') : null;
}
