import { canGrantRole, isRole, type Role } from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { type Place, recordAudit } from '../audit/audit.ts';
import { checkNewPassword, hashPassword } from '../auth/passwords.ts';
import { type Principal, SESSION_COOKIE, sha256 } from '../auth/principal.ts';
import { forgetAccount } from '../auth/principal-cache.ts';
import { endSessionsAndTokens } from '../auth/sessions.ts';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { queryOne, sql } from '../db/sql.ts';
import { AppError, badInput, forbidden, notFound } from '../http/errors.ts';
import { type AccountRow, accountInScope, agencyInScope } from './queries.ts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,49}$/;

export interface NewAccount {
  username: string;
  password: string;
  role: string;
  unitCode?: string | null;
  national?: boolean;
  agencyCode?: string | null;
  fullName?: string;
}

export interface AccountPatch {
  fullName?: string;
  role?: string;
  unitCode?: string;
  national?: boolean;
  agencyCode?: string | null;
  disabled?: boolean;
}

/** An account as the administration pages show it (no internal columns). */
export function accountOut(row: AccountRow) {
  const { provinceCode: _province, ...rest } = row;
  return rest;
}

function placeOf(row: Pick<AccountRow, 'unitCode' | 'provinceCode'>): Place | null {
  return row.provinceCode ? { unitCode: row.unitCode, provinceCode: row.provinceCode } : null;
}

/**
 * What an administrator may give: a role no higher than their own, a unit inside their own
 * jurisdiction (reported like a unit that does not exist otherwise), an agency of that
 * jurisdiction, and whole-country scope only from a national administrator.
 */
async function checkGrant(
  c: PoolClient,
  me: Principal,
  grant: { role?: string; unitCode?: string | null; national?: boolean; agencyCode?: string | null },
): Promise<void> {
  if (grant.role !== undefined) {
    if (!isRole(grant.role)) throw badInput('Vai trò không hợp lệ', 'role');
    if (!canGrantRole(me.role, grant.role)) {
      throw new AppError(
        403,
        'role_above_own',
        'Không thể cấp vai trò có quyền cao hơn vai trò của bạn',
        'role',
      );
    }
  }
  if (grant.national && !me.national) {
    throw new AppError(
      403,
      'national_scope',
      'Chỉ quản trị viên toàn quốc mới cấp được phạm vi toàn quốc',
      'national',
    );
  }
  if (grant.unitCode) await me.scope.unitInside(c, grant.unitCode, 'unitCode');
  if (grant.agencyCode && !(await agencyInScope(c, me, grant.agencyCode))) {
    throw new AppError(
      404,
      'agency_not_found',
      `Không có cơ quan mã ${grant.agencyCode} trong địa bàn của bạn`,
      'agencyCode',
    );
  }
}

/** The account if the administrator may manage it: inside their jurisdiction, not above their role. */
async function manageable(c: PoolClient, me: Principal, id: string): Promise<AccountRow> {
  const account = await accountInScope(c, me, id, true);
  if (!account) throw notFound('Không tìm thấy tài khoản này trong địa bàn của bạn');
  if (!canGrantRole(me.role, account.role as Role)) {
    throw forbidden('Tài khoản này có quyền cao hơn vai trò của bạn');
  }
  return account;
}

export async function createAccount(pool: Pool, me: Principal, request: FastifyRequest, body: NewAccount) {
  const username = body.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw badInput(
      'Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang',
      'username',
    );
  }
  const national = body.national === true;
  if (!national && !body.unitCode) {
    throw badInput('Chưa chọn địa bàn (đơn vị hành chính) của tài khoản', 'unitCode', 'unit_required');
  }
  checkNewPassword(body.password, { field: 'password', username });
  const hash = await hashPassword(body.password);
  return inTransaction(pool, async (c) => {
    await checkGrant(c, me, { ...body, national });
    const row = await queryOne<{ id: string }>(
      c,
      sql`INSERT INTO accounts (username, full_name, password_hash, role, unit_code, national, agency_code)
          VALUES (${username}, ${body.fullName?.trim() || username}, ${hash}, ${body.role},
                  ${national ? null : body.unitCode}, ${national}, ${body.agencyCode ?? null})
          ON CONFLICT (username) DO NOTHING RETURNING id`,
    );
    if (!row)
      throw new AppError(409, 'username_taken', `Tên đăng nhập ${username} đã có người dùng`, 'username');
    const created = (await accountInScope(c, me, row.id))!;
    await recordAudit(c, request, {
      action: 'create',
      entity: 'account',
      entityId: row.id,
      place: placeOf(created),
      detail: { username, role: body.role, unitCode: created.unitCode, national },
    });
    return accountOut(created);
  });
}

export async function updateAccount(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  patch: AccountPatch,
) {
  if (id === me.accountId && (patch.disabled || (patch.role && patch.role !== me.role) || patch.unitCode)) {
    throw badInput('Không thể tự khóa, tự đổi vai trò hay địa bàn của tài khoản mình', 'disabled');
  }
  return inTransaction(pool, async (c) => {
    const current = await manageable(c, me, id);
    await checkGrant(c, me, patch);
    const national = patch.national ?? (patch.unitCode ? false : current.national);
    const unitCode = national ? null : (patch.unitCode ?? current.unitCode);
    if (!national && !unitCode)
      throw badInput('Chưa chọn địa bàn của tài khoản', 'unitCode', 'unit_required');
    // What the account may do or see changes: its cached sessions must be re-read (generation).
    const widens =
      patch.role !== undefined ||
      patch.unitCode !== undefined ||
      patch.national !== undefined ||
      patch.disabled;
    await c.query(
      `UPDATE accounts SET full_name = COALESCE($2, full_name), role = COALESCE($3, role), unit_code = $4,
              national = $5, agency_code = CASE WHEN $6::boolean THEN $7 ELSE agency_code END,
              disabled = COALESCE($8, disabled), generation = generation + CASE WHEN $9::boolean THEN 1 ELSE 0 END
        WHERE id = $1`,
      [
        id,
        patch.fullName?.trim() ?? null,
        patch.role ?? null,
        unitCode,
        national,
        patch.agencyCode !== undefined,
        patch.agencyCode ?? null,
        patch.disabled ?? null,
        Boolean(widens),
      ],
    );
    // A disabled account loses its sessions and tokens at once; any change is read again at once.
    const ended = patch.disabled ? await endSessionsAndTokens(c, id) : {};
    await forgetAccount(c, id);
    const updated = (await accountInScope(c, me, id)) ?? current;
    await recordAudit(c, request, {
      action: 'update',
      entity: 'account',
      entityId: id,
      place: placeOf(updated),
      detail: { ...patch, ...ended },
    });
    return accountOut(updated);
  });
}

export async function resetPassword(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  password: string,
): Promise<void> {
  checkNewPassword(password, { field: 'password' });
  const hash = await hashPassword(password);
  // An admin resetting their own password keeps the session doing it.
  const cookie = id === me.accountId && me.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
  await inTransaction(pool, async (c) => {
    const account = await manageable(c, me, id);
    checkNewPassword(password, { field: 'password', username: account.username });
    await c.query('UPDATE accounts SET password_hash = $1, generation = generation + 1 WHERE id = $2', [
      hash,
      id,
    ]);
    const ended = await endSessionsAndTokens(c, id, { keepSessionHash: cookie && sha256(cookie) });
    await recordAudit(c, request, {
      action: 'password_reset',
      entity: 'account',
      entityId: id,
      place: placeOf(account),
      detail: ended,
    });
  });
}
