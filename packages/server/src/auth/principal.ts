import { createHash, randomBytes } from 'node:crypto';
import { type Permission, permissionsOf, type Role } from '@tuyendau/domain';
import type { Pool } from '../db/pool.ts';
import { queryOne, sql } from '../db/sql.ts';
import { AppError } from '../http/errors.ts';
import { cachedPrincipal, cacheKey, cacheVersion, storePrincipal } from './principal-cache.ts';
import { ACTIVE_TREE, COUNTRY, type JurisdictionUnit, Scope, type UnitLevel } from './scope.ts';

/** Who is asking: the account, what it may do and where. */
export interface Principal {
  accountId: string;
  username: string;
  fullName: string;
  role: Role;
  permissions: readonly Permission[];
  /** Whole-country scope, explicit on the account (the system admin). */
  national: boolean;
  /** The jurisdiction; null only for a national account. */
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
  national: boolean;
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

const ACCOUNT_COLUMNS = sql`a.id, a.username, a.full_name AS "fullName", a.role, a.national, a.unit_code AS "unitCode",
  u.name AS "unitName", u.level AS "unitLevel", u.province_code AS "provinceCode", u.district_code AS "districtCode",
  CASE WHEN u.level = 'district' THEN ARRAY(
    SELECT c.code FROM units c WHERE c.tree = u.tree AND c.district_code = u.code) END AS "unitCodes",
  a.agency_code AS "agencyCode", ag.name AS "agencyName"`;
const ACCOUNT_JOINS = sql`LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = a.unit_code
  LEFT JOIN agencies ag ON ag.code = a.agency_code`;

/**
 * An account answers for the unit it is bound to, or for the whole country when it is national.
 * One whose unit is missing or does not resolve in the active unit tree gets no access at all:
 * its session is refused with a message saying why (fail closed).
 */
function principalOf(row: AccountRow, via: Principal['via']): Principal {
  const unit =
    !row.national && row.unitCode && row.unitLevel
      ? {
          code: row.unitCode,
          name: row.unitName ?? row.unitCode,
          level: row.unitLevel,
          provinceCode: row.provinceCode ?? '',
          districtCode: row.districtCode,
          unitCodes: row.unitCodes ?? undefined,
        }
      : null;
  if (!row.national && !unit) throw unresolvedJurisdiction(row.unitCode);
  return {
    accountId: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    permissions: permissionsOf(row.role),
    national: row.national,
    unit,
    agency: row.agencyCode ? { code: row.agencyCode, name: row.agencyName ?? row.agencyCode } : null,
    scope: new Scope(row.national ? COUNTRY : unit),
    via,
    csrfToken: row.csrfToken,
  };
}

export function unresolvedJurisdiction(unitCode: string | null): AppError {
  return new AppError(
    403,
    'jurisdiction_unresolved',
    unitCode
      ? `Tài khoản gắn với mã đơn vị ${unitCode}, không có trong danh mục đơn vị hành chính đang dùng, nên chưa được truy cập dữ liệu. Hãy đề nghị quản trị viên gán lại địa bàn.`
      : 'Tài khoản chưa được gán địa bàn nên chưa được truy cập dữ liệu. Hãy đề nghị quản trị viên gán địa bàn.',
  );
}

/** Whose numbering an external reference sent by this account belongs to: its unit ('00': national). */
export function refSource(p: Principal): string {
  return p.unit?.code ?? '00';
}

/**
 * The principal of a session cookie, from memory when this process has it (see principal-cache.ts),
 * else from one prepared statement. Null for an unknown, expired or disabled session.
 */
export async function principalFromSession(pool: Pool, cookieValue: string): Promise<Principal | null> {
  const hash = sha256(cookieValue);
  const key = cacheKey('session', hash);
  const cached = cachedPrincipal(pool, key);
  if (cached) return cached;
  const readAt = cacheVersion();
  const row = await queryOne<AccountRow & { expiresAt: Date }>(
    pool,
    sql`SELECT ${ACCOUNT_COLUMNS}, s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt"
          FROM sessions s JOIN accounts a ON a.id = s.account_id ${ACCOUNT_JOINS}
         WHERE s.token_hash = ${hash} AND s.expires_at > now() AND NOT a.disabled`,
    'principal_from_session',
  );
  if (!row) return null;
  const p = principalOf(row, 'session');
  storePrincipal(pool, key, p, readAt, row.expiresAt);
  return p;
}

export async function principalFromToken(pool: Pool, token: string): Promise<Principal | null> {
  const hash = sha256(token);
  const key = cacheKey('token', hash);
  const cached = cachedPrincipal(pool, key);
  if (cached) return cached;
  const readAt = cacheVersion();
  const row = await queryOne<AccountRow>(
    pool,
    sql`SELECT ${ACCOUNT_COLUMNS}, t.id AS "tokenId", t.last_used_at > now() - interval '1 minute' AS "fresh"
          FROM api_tokens t JOIN accounts a ON a.id = t.account_id ${ACCOUNT_JOINS}
         WHERE t.token_hash = ${hash} AND t.revoked_at IS NULL AND NOT a.disabled`,
    'principal_from_token',
  );
  if (!row) return null;
  // Last use is kept to the minute (or to the cache's life): a script calling in a loop should not
  // write on every call.
  if (!row.fresh) await pool.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.tokenId]);
  const p = principalOf(row, 'token');
  storePrincipal(pool, key, p, readAt);
  return p;
}

export async function principalForAccount(pool: Pool, accountId: string): Promise<Principal | null> {
  const row = await queryOne<AccountRow>(
    pool,
    sql`SELECT ${ACCOUNT_COLUMNS} FROM accounts a ${ACCOUNT_JOINS} WHERE a.id = ${accountId}`,
  );
  return row ? principalOf(row, 'session') : null;
}
