import { isRole, ROLES } from '@tuyendau/domain';
import { Type } from 'typebox';
import { recordAudit } from '../audit/audit.ts';
import { checkNewPassword, hashPassword } from '../auth/passwords.ts';
import { SESSION_COOKIE, sha256 } from '../auth/principal.ts';
import { ACTIVE_TREE } from '../auth/scope.ts';
import { endSessionsAndTokens } from '../auth/sessions.ts';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { query, queryOne, sql } from '../db/sql.ts';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { AppError, badInput, notFound } from '../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, PageQuery, pageOf } from '../http/pagination.ts';

const USER_COLUMNS = sql`a.id, a.username, a.full_name AS "fullName", a.role, a.unit_code AS "unitCode",
  u.name AS "unitName", a.agency_code AS "agencyCode", ag.name AS "agencyName", a.disabled,
  a.created_at AS "createdAt", a.last_login_at AS "lastLoginAt"`;
const USER_FROM = sql`accounts a
  LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = a.unit_code
  LEFT JOIN agencies ag ON ag.code = a.agency_code`;

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,49}$/;

async function userById(db: Pool | PoolClient, id: string) {
  return queryOne(db, sql`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE a.id = ${id}`);
}

/** Account administration: the system admin creates accounts with a role and a jurisdiction. */
export const accountRoutes: Capability = async (app, { pool }) => {
  const access = { access: 'user.admin' as const, jurisdiction: 'none' as const };

  app.get(
    '/users',
    {
      config: access,
      schema: {
        tags: ['accounts'],
        querystring: Type.Object({ q: Type.Optional(Type.String()), ...PageQuery }),
      },
    },
    async (request) => {
      const {
        q,
        cursor,
        limit = DEFAULT_LIMIT,
      } = request.query as { q?: string; cursor?: string; limit?: number };
      const after = decodeCursor(cursor, 1) as [string] | undefined;
      const term = q?.trim().toLowerCase();
      const rows = await query<{ username: string }>(
        pool,
        sql`SELECT ${USER_COLUMNS} FROM ${USER_FROM}
             WHERE TRUE
               ${term ? sql`AND (a.username LIKE '%' || ${term} || '%' OR lower(unaccent(a.full_name)) LIKE '%' || lower(unaccent(${term})) || '%')` : sql``}
               ${after ? sql`AND a.username > ${after[0]}` : sql``}
             ORDER BY a.username LIMIT ${limit + 1}`,
      );
      return pageOf(rows, limit, (r) => [r.username]);
    },
  );

  app.post(
    '/users',
    {
      config: access,
      schema: {
        tags: ['accounts'],
        body: Type.Object({
          username: Type.String({ maxLength: 50 }),
          password: Type.String({ maxLength: 200 }),
          role: RoleSchema,
          unitCode: Type.String({ maxLength: 10 }),
          agencyCode: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
          fullName: Type.Optional(Type.String({ maxLength: 100 })),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body as {
        username: string;
        password: string;
        role: string;
        unitCode: string;
        agencyCode?: string | null;
        fullName?: string;
      };
      const username = body.username.trim().toLowerCase();
      if (!USERNAME.test(username)) {
        throw badInput(
          'Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang',
          'username',
        );
      }
      checkNewPassword(body.password, { field: 'password', username });
      const hash = await hashPassword(body.password);
      const user = await inTransaction(pool, async (c) => {
        await accountPlaceExists(c, body.unitCode, body.agencyCode ?? null);
        const row = await queryOne<{ id: string }>(
          c,
          sql`INSERT INTO accounts (username, full_name, password_hash, role, unit_code, agency_code)
              VALUES (${username}, ${body.fullName?.trim() || username}, ${hash}, ${body.role}, ${body.unitCode},
                      ${body.agencyCode ?? null})
              ON CONFLICT (username) DO NOTHING RETURNING id`,
        );
        if (!row)
          throw new AppError(409, 'username_taken', `Tên đăng nhập ${username} đã có người dùng`, 'username');
        await recordAudit(c, request, {
          action: 'create',
          entity: 'account',
          entityId: row.id,
          detail: { username, role: body.role, unitCode: body.unitCode },
        });
        return userById(c, row.id);
      });
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: access,
      schema: {
        tags: ['accounts'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({
          fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          role: Type.Optional(RoleSchema),
          unitCode: Type.Optional(Type.String({ maxLength: 10 })),
          agencyCode: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
          disabled: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const patch = request.body as {
        fullName?: string;
        role?: string;
        unitCode?: string;
        agencyCode?: string | null;
        disabled?: boolean;
      };
      const me = principal(request);
      if (id === me.accountId && (patch.disabled || (patch.role && patch.role !== me.role))) {
        throw badInput('Không thể tự khóa hoặc tự đổi vai trò tài khoản của mình', 'disabled');
      }
      return inTransaction(pool, async (c) => {
        const current = await queryOne<{ unitCode: string | null; agencyCode: string | null }>(
          c,
          sql`SELECT unit_code AS "unitCode", agency_code AS "agencyCode" FROM accounts WHERE id = ${id} FOR UPDATE`,
        );
        if (!current) throw notFound('Không tìm thấy tài khoản này');
        if (patch.unitCode !== undefined || patch.agencyCode !== undefined) {
          await accountPlaceExists(
            c,
            patch.unitCode ?? current.unitCode ?? '',
            patch.agencyCode === undefined ? current.agencyCode : patch.agencyCode,
          );
        }
        if (patch.role !== undefined && !isRole(patch.role)) throw badInput('Vai trò không hợp lệ', 'role');
        await c.query(
          `UPDATE accounts SET full_name = COALESCE($2, full_name), role = COALESCE($3, role),
                  unit_code = COALESCE($4, unit_code),
                  agency_code = CASE WHEN $5::boolean THEN $6 ELSE agency_code END,
                  disabled = COALESCE($7, disabled)
            WHERE id = $1`,
          [
            id,
            patch.fullName?.trim() ?? null,
            patch.role ?? null,
            patch.unitCode ?? null,
            patch.agencyCode !== undefined,
            patch.agencyCode ?? null,
            patch.disabled ?? null,
          ],
        );
        // A disabled account loses its sessions and tokens at once.
        const ended = patch.disabled ? await endSessionsAndTokens(c, id) : {};
        await recordAudit(c, request, {
          action: 'update',
          entity: 'account',
          entityId: id,
          detail: { ...patch, ...ended },
        });
        return userById(c, id);
      });
    },
  );

  app.post(
    '/users/:id/password',
    {
      config: access,
      schema: {
        tags: ['accounts'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ password: Type.String({ maxLength: 200 }) }),
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const { password } = request.body as { password: string };
      checkNewPassword(password, { field: 'password' });
      const hash = await hashPassword(password);
      // An admin resetting their own password keeps the session doing it.
      const me = principal(request);
      const cookie =
        id === me.accountId && me.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
      await inTransaction(pool, async (c) => {
        const account = await queryOne<{ username: string }>(
          c,
          sql`SELECT username FROM accounts WHERE id = ${id} FOR UPDATE`,
        );
        if (!account) throw notFound('Không tìm thấy tài khoản này');
        checkNewPassword(password, { field: 'password', username: account.username });
        await c.query('UPDATE accounts SET password_hash = $1 WHERE id = $2', [hash, id]);
        const ended = await endSessionsAndTokens(c, id, { keepSessionHash: cookie && sha256(cookie) });
        await recordAudit(c, request, {
          action: 'password_reset',
          entity: 'account',
          entityId: id,
          detail: ended,
        });
      });
      return reply.code(204).send();
    },
  );

  app.get(
    '/agencies',
    {
      config: { access: 'authenticated', jurisdiction: 'none' },
      schema: {
        tags: ['accounts'],
        querystring: Type.Object({ unit: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
    },
    async (request) => {
      const { unit } = request.query as { unit?: string };
      const items = await query(
        pool,
        sql`SELECT code, name, unit_code AS "unitCode" FROM agencies
             ${unit ? sql`WHERE unit_code = ${unit}` : sql``} ORDER BY unit_code, name LIMIT 500`,
      );
      return { items };
    },
  );
};

async function accountPlaceExists(c: PoolClient, unitCode: string, agencyCode: string | null): Promise<void> {
  const unit = await queryOne(c, sql`SELECT 1 FROM units WHERE tree = ${ACTIVE_TREE} AND code = ${unitCode}`);
  if (!unit)
    throw new AppError(400, 'unit_not_found', `Không có đơn vị hành chính mã ${unitCode}`, 'unitCode');
  if (agencyCode) {
    const agency = await queryOne(c, sql`SELECT 1 FROM agencies WHERE code = ${agencyCode}`);
    if (!agency)
      throw new AppError(400, 'agency_not_found', `Không có cơ quan mã ${agencyCode}`, 'agencyCode');
  }
}
