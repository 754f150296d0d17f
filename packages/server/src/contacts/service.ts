import {
  type ContactInput,
  checkContactInput,
  checkPersonInput,
  type DoseHistory,
  type NormalisedContactInput,
  type PersonInput,
  quarantineOrder,
  secondaryContactPolicyAt,
  tracksSecondaryContacts,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { type CaseRow, caseInScope } from '../cases/queries.ts';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { queryOne, sql } from '../db/sql.ts';
import { AppError, badInput, notFound, problemsError } from '../http/errors.ts';
import { todayInVietnam } from '../http/time.ts';
import { personInScope } from '../persons/queries.ts';
import { createPerson } from '../persons/service.ts';
import { quarantinePolicies } from './policy.ts';
import { contactOut, contactRows, contactsInScope, lastRecovery } from './queries.ts';

/** One exposure to a case, with its quarantine order. */
export async function addContact(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  caseId: string,
  body: ContactInput,
) {
  const row = await inTransaction(pool, async (c) => {
    const source = await sourceCase(c, me, caseId);
    return recordContact(c, me, request, source, body, 'personId');
  });
  return contactOut(row, quarantinePolicies());
}

export type ContactBatch = {
  exposureDate: string;
  setting: ContactInput['setting'];
  vaccination?: ContactInput['vaccination'];
  people: (({ personId: string } | { person: PersonInput; confirmNew?: boolean }) & {
    vaccination?: ContactInput['vaccination'];
    doses?: ContactInput['doses'];
    lastDoseOn?: ContactInput['lastDoseOn'];
  })[];
};

/**
 * Many people exposed to a case at once (a household, a workplace), known or registered now; all
 * of them or none. Errors name the row (`people.2.person.fullName`).
 */
export async function addContacts(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  caseId: string,
  body: ContactBatch,
) {
  return inTransaction(pool, async (c) => {
    const source = await sourceCase(c, me, caseId);
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
        const field = `people.${i}.person`;
        personId = (
          await createPerson(c, me, request, checked.value, { confirmNew: entry.confirmNew, field })
        ).id;
      } else {
        personId = entry.personId;
      }
      const input = {
        personId,
        exposureDate: body.exposureDate,
        setting: body.setting,
        vaccination: entry.vaccination ?? body.vaccination,
        doses: entry.doses,
        lastDoseOn: entry.lastDoseOn,
      };
      out.push(
        contactOut(await recordContact(c, me, request, source, input, `people.${i}`), quarantinePolicies()),
      );
    }
    return out;
  });
}

/**
 * The doses a contact received before the exposure: as the contact's input states them. The seam
 * of the dose registry: when the vaccination capability exists, its records answer here first.
 */
function dosesOf(input: NormalisedContactInput): DoseHistory | null {
  return input.doses === null ? null : { count: input.doses, lastOn: input.lastDoseOn };
}

async function sourceCase(c: PoolClient, me: Principal, id: string): Promise<CaseRow> {
  const found = await caseInScope(c, me, id, true);
  if (!found) throw notFound('Không tìm thấy ca bệnh này hoặc ca bệnh ở ngoài địa bàn của bạn');
  return found;
}

/**
 * Records one exposure to a case with the quarantine order of the policy in force at the
 * exposure date. `field` prefixes the fields named in errors (batch rows).
 */
async function recordContact(
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
    const policy = secondaryContactPolicyAt(input.exposureDate);
    throw badInput(
      `Theo quy định tại thời điểm tiếp xúc, không còn truy vết F2 (${policy.source}` +
        `${policy.unconfirmed ? ', căn cứ chưa xác nhận' : ''})`,
      'degree',
      'f2_not_tracked',
    );
  }
  if (input.viaContactId) {
    const via = await queryOne(
      c,
      sql`SELECT 1 FROM contacts k WHERE k.id = ${input.viaContactId} AND k.case_id = ${source.id} AND k.degree = 1
           AND ${contactsInScope(me)}`,
    );
    if (!via) {
      throw new AppError(
        404,
        'via_contact_not_found',
        'Không tìm thấy F1 này trong danh sách tiếp xúc của ca bệnh',
        field === 'personId' ? 'viaContactId' : `${field}.viaContactId`,
      );
    }
  }
  const order = quarantineOrder({
    exposureDate: input.exposureDate,
    vaccination: input.vaccination,
    doses: dosesOf(input),
    recoveredOn: await lastRecovery(c, person.id, input.exposureDate),
    degree: input.degree,
  });
  const row = await queryOne<{ id: string }>(
    c,
    sql`INSERT INTO contacts (province_code, unit_code, case_province_code, case_unit_code, case_id, via_contact_id,
                              person_id, degree, exposure_date, setting, vaccination, doses, last_dose_on,
                              quarantine_place, quarantine_start, quarantine_end, policy_code, created_by)
        VALUES (${person.provinceCode}, ${person.unitCode}, ${source.provinceCode}, ${source.unitCode}, ${source.id},
                ${input.viaContactId}, ${person.id}, ${input.degree}, ${input.exposureDate}, ${input.setting},
                ${input.vaccination}, ${input.doses}, ${input.lastDoseOn},
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
    place: { unitCode: person.unitCode, provinceCode: person.provinceCode },
    detail: { caseId: source.id, personId: person.id, policy: order?.policy.code ?? null },
  });
  const [created] = await contactRows(c, me, [sql`k.id = ${row.id}`], 1);
  return created;
}
