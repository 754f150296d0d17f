import { checkPersonInput, PersonInput, PersonPatch } from '@tuyendau/domain';
import { Type } from 'typebox';
import { recordAudit } from '../audit/audit.ts';
import { ACTIVE_TREE, Scope } from '../auth/scope.ts';
import { inTransaction } from '../db/pool.ts';
import { query, queryOne, sql } from '../db/sql.ts';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { notFound, problemsError } from '../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, PageQuery } from '../http/pagination.ts';
import { todayInVietnam } from '../http/time.ts';
import {
  asJurisdiction,
  householdMembers,
  personInScope,
  personOut,
  personsInScope,
  searchPersons,
} from './queries.ts';
import { createPerson, duplicateIdNumber, householdFits, residenceInside } from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const personRoutes: Capability = async (app, { pool }) => {
  app.get(
    '/persons',
    {
      config: { access: 'person.read' },
      schema: {
        tags: ['persons'],
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          unit: Type.Optional(Type.String({ maxLength: 10 })),
          ...PageQuery,
        }),
      },
    },
    async (request) => {
      const me = principal(request);
      const {
        q,
        unit,
        cursor,
        limit = DEFAULT_LIMIT,
      } = request.query as {
        q?: string;
        unit?: string;
        cursor?: string;
        limit?: number;
      };
      const filters = [personsInScope(me)];
      if (unit) {
        const u = await me.scope.unitInside(pool, unit, 'unit');
        filters.push(new Scope(asJurisdiction(u)).covers(sql`p.unit_code`, sql`p.province_code`));
      }
      const broad = !unit && (!me.unit || me.unit.level === 'province');
      const page = await searchPersons(pool, filters, q?.trim() ?? '', decodeCursor(cursor, 3), limit, {
        broad,
      });
      return { items: page.items.map((r) => personOut(r, me)), next: page.next };
    },
  );

  app.get(
    '/persons/:id',
    { config: { access: 'person.read' }, schema: { tags: ['persons'], params: IdParams } },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const row = await personInScope(pool, me, id);
      if (!row) throw notFound('Không tìm thấy người này hoặc người này ở ngoài địa bàn của bạn');
      const [path, members] = await Promise.all([
        query<{ code: string; name: string }>(
          pool,
          sql`WITH RECURSIVE up AS (
                SELECT u.tree, u.code, u.name, u.parent_code, 0 AS depth FROM units u
                 WHERE u.tree = ${ACTIVE_TREE} AND u.code = ${row.unitCode}
                UNION ALL
                SELECT u.tree, u.code, u.name, u.parent_code, up.depth + 1 FROM units u
                  JOIN up ON u.tree = up.tree AND u.code = up.parent_code)
              SELECT code, name FROM up ORDER BY depth DESC`,
        ),
        row.householdId ? householdMembers(pool, me, row.householdId) : Promise.resolve([]),
      ]);
      await recordAudit(pool, request, { action: 'read', entity: 'person', entityId: id });
      const household = row.householdId
        ? await queryOne<{ id: string; address: string | null }>(
            pool,
            sql`SELECT id, address FROM households WHERE id = ${row.householdId}`,
          )
        : undefined;
      return {
        ...personOut(row, me),
        unit: { code: row.unitCode, name: row.unitName, path },
        household: household ? { ...household, members } : undefined,
      };
    },
  );

  app.post(
    '/persons',
    { config: { access: 'person.write' }, schema: { tags: ['persons'], body: PersonInput } },
    async (request, reply) => {
      const me = principal(request);
      const input = await checkedPerson(request.body as PersonInput);
      const created = await inTransaction(pool, (c) => createPerson(c, me, request, input));
      return reply.code(201).send(personOut(created, me));
    },
  );

  app.patch(
    '/persons/:id',
    {
      config: { access: 'person.write' },
      schema: { tags: ['persons'], params: IdParams, body: PersonPatch },
    },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const patch = request.body as PersonPatch;
      const updated = await inTransaction(pool, async (c) => {
        const current = await personInScope(c, me, id, true);
        if (!current) throw notFound('Không tìm thấy người này hoặc người này ở ngoài địa bàn của bạn');
        const input = await checkedPerson({
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
        if (input.idNumber && input.idNumber !== current.idNumber) {
          const taken = await queryOne(
            c,
            sql`SELECT 1 FROM persons WHERE id_number = ${input.idNumber} AND id <> ${id}`,
          );
          if (taken) throw await duplicateIdNumber(c, me.scope, input.idNumber);
        }
        await c.query(
          `UPDATE persons SET province_code = $2, unit_code = $3, full_name = $4, name_folded = lower(unaccent($4)),
                  birth_date = $5, sex = $6, id_type = $7, id_number = $8, phone = $9, address = $10,
                  household_id = $11, flags = $12, updated_at = now(), updated_by = $13
            WHERE id = $1`,
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
        const changed = Object.keys(patch).filter(
          (k) =>
            JSON.stringify((patch as Record<string, unknown>)[k]) !==
            JSON.stringify((current as unknown as Record<string, unknown>)[k]),
        );
        await recordAudit(c, request, {
          action: 'update',
          entity: 'person',
          entityId: id,
          detail: { changed },
        });
        return (await personInScope(c, me, id))!;
      });
      return personOut(updated, me);
    },
  );

  app.post(
    '/households',
    {
      config: { access: 'person.write' },
      schema: {
        tags: ['persons'],
        body: Type.Object({
          unitCode: Type.String({ maxLength: 10 }),
          address: Type.Optional(Type.String({ maxLength: 500 })),
        }),
      },
    },
    async (request, reply) => {
      const me = principal(request);
      const { unitCode, address } = request.body as { unitCode: string; address?: string };
      const household = await inTransaction(pool, async (c) => {
        const unit = await residenceInside(c, me.scope, unitCode);
        const row = await queryOne<{ id: string }>(
          c,
          sql`INSERT INTO households (province_code, unit_code, address)
              VALUES (${unit.provinceCode}, ${unitCode}, ${address?.trim() || null})
              RETURNING id, unit_code AS "unitCode", address`,
        );
        await recordAudit(c, request, { action: 'create', entity: 'household', entityId: row!.id });
        return row;
      });
      return reply.code(201).send(household);
    },
  );

  async function checkedPerson(input: PersonInput) {
    const checked = checkPersonInput(input, todayInVietnam());
    if (!checked.ok) throw problemsError(checked.problems);
    return checked.value;
  }
};
