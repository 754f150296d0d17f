import {
  type CarePlace,
  type CaseStatus,
  type FoundBy,
  newCaseAllowed,
  type Severity,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import type { PoolClient } from '../db/pool.ts';
import { queryOne, sql } from '../db/sql.ts';
import { AppError } from '../http/errors.ts';
import { personInScope } from '../persons/queries.ts';
import { type CaseRow, caseInScope } from './queries.ts';

export interface NewCase {
  personId: string;
  detectedOn: string;
  foundBy: FoundBy;
  clusterId?: string | null;
  severity?: Severity;
  carePlace?: CarePlace;
  confirmTestId?: string | null;
  note?: string | null;
  externalRef?: string | null;
}

/** How many days before detection an exposure still explains a case (longest quarantine: 21 days). */
const SOURCE_WINDOW_DAYS = 21;

/**
 * Registers an F0 case inside the caller's jurisdiction, in the caller's transaction: the person
 * must be visible, have no active case (reinfection by policy), and a recent exposure links the
 * case to the case that exposed them (and to its cluster).
 */
export async function createCase(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
  input: NewCase,
): Promise<CaseRow> {
  const person = await personInScope(c, me, input.personId, true);
  if (!person) {
    throw new AppError(404, 'person_not_found', 'Không tìm thấy người này trong địa bàn của bạn', 'personId');
  }
  const previous = await queryOne<{ status: CaseStatus; detectedOn: string }>(
    c,
    sql`SELECT status, detected_on AS "detectedOn" FROM cases WHERE person_id = ${input.personId}
         ORDER BY (status = 'active') DESC, detected_on DESC LIMIT 1`,
  );
  const allowed = newCaseAllowed({ previous: previous ?? null, detectedOn: input.detectedOn });
  if (!allowed.allowed) {
    const p = allowed.problem!;
    if (p.code !== 'active_case') throw new AppError(400, p.code, p.message, p.field);
    const active = await queryOne<{ id: string }>(
      c,
      sql`SELECT id FROM cases WHERE person_id = ${input.personId} AND status = 'active'`,
    );
    throw new AppError(409, p.code, p.message, p.field, undefined, { existingId: active?.id });
  }
  if (input.clusterId) {
    const cluster = await queryOne(
      c,
      sql`SELECT 1 FROM clusters k WHERE k.id = ${input.clusterId}
           AND ${me.scope.covers(sql`k.unit_code`, sql`k.province_code`)}`,
    );
    if (!cluster) throw new AppError(404, 'cluster_not_found', 'Không tìm thấy ổ dịch này', 'clusterId');
  }
  const source = await queryOne<{ id: string; caseId: string; clusterId: string | null }>(
    c,
    sql`SELECT k.id, k.case_id AS "caseId", sc.cluster_id AS "clusterId"
          FROM contacts k JOIN cases sc ON sc.id = k.case_id
         WHERE k.person_id = ${input.personId} AND k.resulting_case_id IS NULL
           AND k.exposure_date <= ${input.detectedOn}::date
           AND k.exposure_date >= ${input.detectedOn}::date - ${SOURCE_WINDOW_DAYS}::int
         ORDER BY k.exposure_date DESC LIMIT 1`,
  );
  const row = await queryOne<{ id: string }>(
    c,
    sql`INSERT INTO cases (province_code, unit_code, person_id, detected_on, found_by, cluster_id, source_contact_id,
                           source_case_id, confirm_test_id, severity, care_place, reinfection, external_ref, note,
                           created_by)
        VALUES (${person.provinceCode}, ${person.unitCode}, ${input.personId}, ${input.detectedOn},
                ${input.foundBy},
                ${input.clusterId ?? source?.clusterId ?? null}, ${source?.id ?? null}, ${source?.caseId ?? null},
                ${input.confirmTestId ?? null}, ${input.severity ?? 'asymptomatic'}, ${input.carePlace ?? 'home'},
                ${allowed.reinfection}, ${input.externalRef ?? null}, ${input.note ?? null}, ${me.accountId})
        RETURNING id`,
  );
  const id = row!.id;
  if (source) await c.query('UPDATE contacts SET resulting_case_id = $1 WHERE id = $2', [id, source.id]);
  await c.query(
    `INSERT INTO case_events (case_id, occurred_on, kind, value, created_by)
     VALUES ($1, $2, 'severity', $3, $5), ($1, $2, 'care', $4, $5)`,
    [id, input.detectedOn, input.severity ?? 'asymptomatic', input.carePlace ?? 'home', me.accountId],
  );
  await recordAudit(c, request, {
    action: 'create',
    entity: 'case',
    entityId: id,
    detail: { personId: input.personId, sourceCaseId: source?.caseId ?? null },
  });
  return (await caseInScope(c, me, id))!;
}
