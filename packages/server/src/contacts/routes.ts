import {
  ContactInput,
  checkContactInput,
  checkPersonInput,
  PersonInput,
  quarantineOrder,
  tracksSecondaryContacts,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { Scope } from '../auth/scope.ts';
import { type CaseRow, caseInScope } from '../cases/queries.ts';
import { inTransaction, type PoolClient } from '../db/pool.ts';
import { queryOne, type SQL, sql } from '../db/sql.ts';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { AppError, badInput, notFound, problemsError } from '../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, PageQuery, pageOf } from '../http/pagination.ts';
import { todayInVietnam } from '../http/time.ts';
import { asJurisdiction, personInScope } from '../persons/queries.ts';
import { createPerson } from '../persons/service.ts';
import { quarantineSources } from './policy.ts';
import { contactOut, contactRows } from './queries.ts';

const CaseParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const BatchBody = Type.Object({
  exposureDate: Type.String(),
  setting: ContactInput.properties.setting,
  vaccination: ContactInput.properties.vaccination,
  people: Type.Array(
    Type.Union([
      Type.Object({
        personId: Type.String({ format: 'uuid' }),
        vaccination: ContactInput.properties.vaccination,
      }),
      Type.Object({ person: PersonInput, vaccination: ContactInput.properties.vaccination }),
    ]),
    { minItems: 1, maxItems: 50 },
  ),
});

export const contactRoutes: Capability = async (app, { pool }) => {
  app.post(
    '/cases/:id/contacts',
    {
      config: { access: 'case.write' },
      schema: { tags: ['contacts'], params: CaseParams, body: ContactInput },
    },
    async (request, reply) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const row = await inTransaction(pool, async (c) => {
        const source = await sourceCase(c, me, id);
        return addContact(c, me, request, source, request.body as ContactInput, 'personId');
      });
      return reply.code(201).send(contactOut(row, quarantineSources()));
    },
  );

  app.post(
    '/cases/:id/contacts/batch',
    { config: { access: 'case.write' }, schema: { tags: ['contacts'], params: CaseParams, body: BatchBody } },
    async (request, reply) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const body = request.body as {
        exposureDate: string;
        setting: ContactInput['setting'];
        vaccination?: ContactInput['vaccination'];
        people: (({ personId: string } | { person: PersonInput }) & {
          vaccination?: ContactInput['vaccination'];
        })[];
      };
      const items = await inTransaction(pool, async (c) => {
        const source = await sourceCase(c, me, id);
        const out = [];
        for (const [i, entry] of body.people.entries()) {
          let personId: string;
          if ('person' in entry) {
            const checked = checkPersonInput(entry.person, todayInVietnam());
            if (!checked.ok) {
              throw problemsError(
                checked.problems.map((p) => ({ ...p, field: `people.${i}.person.${p.field}` })),
              );
            }
            personId = (await createPerson(c, me, request, checked.value)).id;
          } else {
            personId = entry.personId;
          }
          const input = {
            personId,
            exposureDate: body.exposureDate,
            setting: body.setting,
            vaccination: entry.vaccination ?? body.vaccination,
          };
          out.push(
            contactOut(await addContact(c, me, request, source, input, `people.${i}`), quarantineSources()),
          );
        }
        return out;
      });
      return reply.code(201).send({ items });
    },
  );

  app.get(
    '/contacts',
    {
      config: { access: 'case.read' },
      schema: {
        tags: ['contacts'],
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: 10 })),
          case: Type.Optional(Type.String({ format: 'uuid' })),
          status: Type.Optional(
            Type.Union([Type.Literal('quarantined'), Type.Literal('released'), Type.Literal('positive')]),
          ),
          ...PageQuery,
        }),
      },
    },
    async (request) => {
      const me = principal(request);
      const q = request.query as {
        unit?: string;
        case?: string;
        status?: string;
        cursor?: string;
        limit?: number;
      };
      const limit = q.limit ?? DEFAULT_LIMIT;
      const where: SQL[] = [];
      if (q.unit) {
        const u = await me.scope.unitInside(pool, q.unit, 'unit');
        where.push(new Scope(asJurisdiction(u)).covers(sql`k.unit_code`, sql`k.province_code`));
      }
      if (q.case) where.push(sql`k.case_id = ${q.case}`);
      const today = todayInVietnam();
      if (q.status === 'quarantined') {
        where.push(sql`k.resulting_case_id IS NULL AND k.quarantine_end > ${today}::date`);
      }
      if (q.status === 'released')
        where.push(sql`k.resulting_case_id IS NULL AND k.quarantine_end <= ${today}::date`);
      if (q.status === 'positive') where.push(sql`k.resulting_case_id IS NOT NULL`);
      const after = decodeCursor(q.cursor, 2) as [string, string] | undefined;
      if (after) where.push(sql`(k.exposure_date, k.id) < (${after[0]}::date, ${after[1]}::uuid)`);
      const rows = await contactRows(pool, me, where, limit + 1);
      const page = pageOf(rows, limit, (r) => [r.exposureDate, r.id]);
      return { items: page.items.map((r) => contactOut(r, quarantineSources())), next: page.next };
    },
  );
};

async function sourceCase(c: PoolClient, me: Principal, id: string): Promise<CaseRow> {
  const found = await caseInScope(c, me, id, true);
  if (!found) throw notFound('Không tìm thấy ca bệnh này hoặc ca bệnh ở ngoài địa bàn của bạn');
  return found;
}

/**
 * Records one exposure to a case with the quarantine order of the policy in force at the
 * exposure date. `field` prefixes the fields named in errors (batch rows).
 */
async function addContact(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
  source: CaseRow,
  body: ContactInput,
  field: string,
) {
  const checked = checkContactInput(body, todayInVietnam());
  if (!checked.ok) {
    throw problemsError(
      checked.problems.map((p) => ({ ...p, field: field === 'personId' ? p.field : `${field}.${p.field}` })),
    );
  }
  const input = checked.value;
  const personField = field === 'personId' ? 'personId' : `${field}.personId`;
  const person = await personInScope(c, me, input.personId);
  if (!person)
    throw new AppError(
      404,
      'person_not_found',
      'Không tìm thấy người này trong địa bàn của bạn',
      personField,
    );
  if (person.id === source.personId)
    throw badInput('Người này chính là ca bệnh', personField, 'contact_is_case');
  if (input.degree === 2 && !tracksSecondaryContacts(input.exposureDate)) {
    throw badInput(
      'Theo quy định tại thời điểm tiếp xúc, không còn truy vết F2 (CV 11042/BYT-DP)',
      'degree',
      'f2_not_tracked',
    );
  }
  const recovered = await queryOne<{ on: string }>(
    c,
    sql`SELECT max(outcome_on) AS on FROM cases WHERE person_id = ${person.id} AND status = 'recovered'
         AND outcome_on <= ${input.exposureDate}::date`,
  );
  const order = quarantineOrder({
    exposureDate: input.exposureDate,
    vaccination: input.vaccination,
    recoveredOn: recovered?.on ?? null,
    degree: input.degree,
  });
  const row = await queryOne<{ id: string }>(
    c,
    sql`INSERT INTO contacts (province_code, unit_code, case_province_code, case_unit_code, case_id, person_id, degree,
                              exposure_date, setting, vaccination, quarantine_place, quarantine_start, quarantine_end,
                              policy_code, created_by)
        VALUES (${person.provinceCode}, ${person.unitCode}, ${source.provinceCode}, ${source.unitCode}, ${source.id},
                ${person.id}, ${input.degree}, ${input.exposureDate}, ${input.setting}, ${input.vaccination},
                ${order?.place ?? null}, ${order?.start ?? null}, ${order?.end ?? null}, ${order?.policy.code ?? null},
                ${me.accountId})
        ON CONFLICT (case_id, person_id, province_code) DO NOTHING RETURNING id`,
  );
  if (!row) {
    throw new AppError(
      409,
      'duplicate_contact',
      `${person.fullName} đã có trong danh sách tiếp xúc của ca bệnh này`,
      personField,
    );
  }
  await recordAudit(c, request, {
    action: 'create',
    entity: 'contact',
    entityId: row.id,
    detail: { caseId: source.id, personId: person.id, policy: order?.policy.code ?? null },
  });
  const [created] = await contactRows(c, me, [sql`k.id = ${row.id}`], 1);
  return created;
}
