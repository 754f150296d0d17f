import type { Readable } from 'node:stream';
import {
  type CarePlace,
  type CaseStatus,
  type EarliestRelease,
  type ExposureFacts,
  earliestRelease,
  type FoundBy,
  formatVnDate,
  foundByOf,
  isFixedCarePlace,
  isolationPlan,
  newCaseAllowed,
  OUTCOMES,
  SEVERITY_LABELS,
  type Severity,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { placeOf, recordAudit, recordRead } from '../audit/audit.ts';
import { type Principal, refSource } from '../auth/principal.ts';
import { onCaseOutcome, onCasesCreated } from '../care/episodes/service.ts';
import { carePlaceAllowed } from '../care-tiers/queries.ts';
import { contactsOfCase } from '../contacts/queries.ts';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';
import { AppError, badInput, notFound } from '../http/errors.ts';
import { todayInVietnam } from '../http/time.ts';
import { personInScope } from '../persons/queries.ts';
import { caseWorkbook } from './export.ts';
import { type CaseFilterValues, caseConditions } from './list.ts';
import {
  type CaseRow,
  caseEvents,
  caseInScope,
  caseOut,
  contactVaccination,
  negativeTestsSince,
} from './queries.ts';

export interface NewCase {
  personId: string;
  detectedOn: string;
  /** How the case was found when the caller knows better than the facts (an arrival, a screening). */
  foundBy?: FoundBy | null;
  /** The day the confirming sample was taken (default: the detection day): it decides foundBy. */
  sampledOn?: string | null;
  clusterId?: string | null;
  severity?: Severity;
  carePlace?: CarePlace;
  confirmTestId?: string | null;
  note?: string | null;
  externalRef?: string | null;
}

/** How many days before detection an exposure still explains a case (longest quarantine: 21 days). */
const SOURCE_WINDOW_DAYS = 21;
/** How far back exposures are read to decide how a case was found (quarantine plus monitoring). */
const FOLLOW_UP_WINDOW_DAYS = 60;

/**
 * The exposure a new case grew out of, per person: the latest contact record in the window before
 * detection not yet resolved. An F1 links to the case that exposed them; an F2 links to the case
 * of the F1 through whom they were exposed only when that F1 became a case (else to no case: the
 * F2 record stays the link). The source's cluster is inherited only while it is open.
 */
function sourcesOf(people: SQL): SQL {
  return sql`SELECT DISTINCT ON (i.person_id) i.person_id, k.id AS contact_id,
                    CASE WHEN k.degree = 2 THEN via.resulting_case_id ELSE k.case_id END AS case_id,
                    CASE WHEN cl.closed_on IS NULL THEN cl.id END AS cluster_id
               FROM (${people}) i
               JOIN contacts k ON k.person_id = i.person_id AND k.resulting_case_id IS NULL
                AND k.exposure_date BETWEEN i.detected_on - ${SOURCE_WINDOW_DAYS}::int AND i.detected_on
               LEFT JOIN contacts via ON k.degree = 2 AND via.id = k.via_contact_id
               LEFT JOIN cases sc ON sc.id = CASE WHEN k.degree = 2 THEN via.resulting_case_id ELSE k.case_id END
               LEFT JOIN clusters cl ON cl.id = sc.cluster_id
              ORDER BY i.person_id, k.exposure_date DESC, k.degree`;
}

/** How each case was found, from what the registry knows of the person's exposures (domain foundByOf). */
async function foundByFor(c: PoolClient, inputs: NewCase[]): Promise<Map<NewCase, FoundBy>> {
  const exposures = await query<ExposureFacts & { personId: string }>(
    c,
    sql`SELECT k.person_id AS "personId", k.exposure_date AS "exposureDate", k.quarantine_start AS "quarantineStart",
               k.quarantine_end AS "quarantineEnd", k.policy_code AS "policyCode"
          FROM unnest(${sql.param(inputs.map((i) => i.personId))}::uuid[],
                      ${sql.param(inputs.map((i) => i.sampledOn ?? i.detectedOn))}::date[]) AS q(person_id, day)
          JOIN contacts k ON k.person_id = q.person_id
           AND k.exposure_date BETWEEN q.day - ${FOLLOW_UP_WINDOW_DAYS}::int AND q.day`,
  );
  const byPerson = new Map<string, ExposureFacts[]>();
  for (const e of exposures) byPerson.set(e.personId, [...(byPerson.get(e.personId) ?? []), e]);
  return new Map(
    inputs.map((i) => [
      i,
      foundByOf({
        sampledOn: i.sampledOn ?? i.detectedOn,
        exposures: byPerson.get(i.personId) ?? [],
        stated: i.foundBy,
      }).foundBy,
    ]),
  );
}

/** A cluster a case may join: visible to the caller and still open (its row locked against closing). */
async function openClusterInScope(c: PoolClient, me: Principal, clusterId: string): Promise<void> {
  const cluster = await queryOne<{ closedOn: string | null }>(
    c,
    sql`SELECT k.closed_on AS "closedOn" FROM clusters k WHERE k.id = ${clusterId}
         AND ${me.scope.covers(sql`k.unit_code`, sql`k.province_code`)} FOR SHARE`,
  );
  if (!cluster) throw new AppError(404, 'cluster_not_found', 'Không tìm thấy ổ dịch này', 'clusterId');
  if (cluster.closedOn) {
    throw new AppError(409, 'cluster_closed', 'Ổ dịch này đã đóng, không thể gắn thêm ca bệnh', 'clusterId');
  }
}

/**
 * Registers an F0 case inside the caller's jurisdiction, in the caller's transaction: the person
 * must be visible, have no active case (reinfection by policy), and a recent exposure links the
 * case to the case that exposed them (and to its open cluster). Every id the caller sends must be
 * a record the caller may see.
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
  if (input.clusterId) await openClusterInScope(c, me, input.clusterId);
  if (input.confirmTestId) {
    const test = await queryOne<{ result: string }>(
      c,
      sql`SELECT t.result FROM lab_tests t WHERE t.id = ${input.confirmTestId} AND t.person_id = ${input.personId}
           AND ${me.scope.covers(sql`t.unit_code`, sql`t.province_code`)}`,
    );
    if (!test) {
      throw new AppError(
        404,
        'test_not_found',
        'Không tìm thấy xét nghiệm này của người này trong địa bàn của bạn',
        'confirmTestId',
      );
    }
    if (test.result !== 'positive') {
      throw badInput(
        'Xét nghiệm khẳng định ca bệnh phải có kết quả dương tính',
        'confirmTestId',
        'test_not_positive',
      );
    }
  }
  const source = await queryOne<{ contactId: string; caseId: string | null; clusterId: string | null }>(
    c,
    sql`SELECT s.contact_id AS "contactId", s.case_id AS "caseId", s.cluster_id AS "clusterId"
          FROM (${sourcesOf(sql`SELECT ${input.personId}::uuid AS person_id, ${input.detectedOn}::date AS detected_on`)}) s`,
  );
  // The inherited cluster is locked too, so that it cannot close under the new case.
  if (!input.clusterId && source?.clusterId) {
    await c.query('SELECT 1 FROM clusters WHERE id = $1 FOR SHARE', [source.clusterId]);
  }
  const foundBy = (await foundByFor(c, [input])).get(input)!;
  const carePlace = input.carePlace ?? 'home';
  // A care tier must be an active tier of the person's province: checked by the INSERT itself, so
  // the import (whose rows were checked in SQL already) pays no query per row for it.
  const row = await queryOne<{ id: string }>(
    c,
    sql`INSERT INTO cases (province_code, unit_code, person_id, detected_on, found_by, cluster_id, source_contact_id,
                           source_case_id, confirm_test_id, severity, care_place, reinfection, external_ref, ref_source,
                           note, created_by)
        SELECT ${person.provinceCode}, ${person.unitCode}, ${input.personId}::uuid, ${input.detectedOn}::date, ${foundBy},
               ${input.clusterId ?? source?.clusterId ?? null}::uuid, ${source?.contactId ?? null}::uuid,
               ${source?.caseId ?? null}::uuid, ${input.confirmTestId ?? null}::uuid, ${input.severity ?? 'asymptomatic'},
               ${carePlace}, ${allowed.reinfection}, ${input.externalRef ?? null}, ${input.externalRef ? refSource(me) : null},
               ${input.note ?? null}, ${me.accountId}::uuid
         WHERE ${isFixedCarePlace(carePlace) ? sql`TRUE` : carePlaceAllowed(sql`${carePlace}::text`, sql`${person.provinceCode}::text`)}
        RETURNING id`,
  );
  if (!row) throw unknownCarePlace('carePlace');
  const id = row.id;
  if (source)
    await c.query('UPDATE contacts SET resulting_case_id = $1 WHERE id = $2', [id, source.contactId]);
  await c.query(
    `INSERT INTO case_events (province_code, case_id, occurred_on, kind, value, created_by)
     VALUES ($6, $1, $2, 'severity', $3, $5), ($6, $1, $2, 'care', $4, $5)`,
    [id, input.detectedOn, input.severity ?? 'asymptomatic', carePlace, me.accountId, person.provinceCode],
  );
  await onCasesCreated(c, me, [id]);
  await recordAudit(c, request, {
    action: 'create',
    entity: 'case',
    entityId: id,
    place: { unitCode: person.unitCode, provinceCode: person.provinceCode },
    detail: { personId: input.personId, sourceCaseId: source?.caseId ?? null, foundBy },
  });
  return (await caseInScope(c, me, id))!;
}

/**
 * Opens many cases at once, set-based (imports): one query per step whatever the count. The
 * people must already be known to be inside the caller's jurisdiction. Each input is checked by
 * the same reinfection policy as createCase; a refused one is returned with its problem and writes
 * nothing. Inputs for the same person: only the earliest is considered.
 */
export async function createCases(
  c: PoolClient,
  me: Principal,
  request: FastifyRequest,
  inputs: NewCase[],
): Promise<{
  created: { input: NewCase; id: string }[];
  refused: { input: NewCase; code: string; message: string }[];
}> {
  const earliest = new Map<string, NewCase>();
  for (const input of [...inputs].sort((a, b) => a.detectedOn.localeCompare(b.detectedOn))) {
    if (!earliest.has(input.personId)) earliest.set(input.personId, input);
  }
  const candidates = [...earliest.values()];
  if (!candidates.length) return { created: [], refused: [] };
  const ids = candidates.map((i) => i.personId);
  // As createCase does: the people are locked (in one order) before their cases are judged.
  await c.query('SELECT 1 FROM persons WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
  const previous = await query<{ personId: string; status: CaseStatus; detectedOn: string }>(
    c,
    sql`SELECT DISTINCT ON (person_id) person_id AS "personId", status, detected_on AS "detectedOn"
          FROM cases WHERE person_id = ANY(${sql.param(ids)}::uuid[])
         ORDER BY person_id, (status = 'active') DESC, detected_on DESC`,
  );
  const previousOf = new Map(previous.map((p) => [p.personId, p]));
  const accepted: (NewCase & { reinfection: boolean })[] = [];
  const refused: { input: NewCase; code: string; message: string }[] = [];
  for (const input of candidates) {
    const verdict = newCaseAllowed({
      previous: previousOf.get(input.personId) ?? null,
      detectedOn: input.detectedOn,
    });
    if (verdict.allowed) accepted.push({ ...input, reinfection: verdict.reinfection });
    else refused.push({ input, code: verdict.problem!.code, message: verdict.problem!.message });
  }
  if (!accepted.length) return { created: [], refused };
  const foundBy = await foundByFor(c, accepted);
  for (const a of accepted) a.foundBy = foundBy.get(a);
  const col = <K extends keyof (NewCase & { reinfection: boolean })>(k: K) =>
    sql.param(accepted.map((a) => a[k] ?? null));
  const input = sql`SELECT * FROM unnest(${col('personId')}::uuid[], ${col('detectedOn')}::date[], ${col('foundBy')}::text[],
                               ${col('severity')}::text[], ${col('carePlace')}::text[], ${col('confirmTestId')}::uuid[],
                               ${col('externalRef')}::text[], ${col('note')}::text[], ${col('reinfection')}::boolean[])
                 AS i(person_id, detected_on, found_by, severity, care_place, confirm_test_id, external_ref, note, reinfection)`;
  // Inherited clusters are locked against closing, as in createCase.
  await query(
    c,
    sql`SELECT 1 FROM clusters WHERE id IN (SELECT cluster_id FROM (${sourcesOf(input)}) s) ORDER BY id FOR SHARE`,
  );
  const rows = await query<{ id: string; personId: string; sourceContactId: string | null }>(
    c,
    sql`WITH input AS (${input}), source AS (${sourcesOf(sql`SELECT * FROM input`)})
        INSERT INTO cases (province_code, unit_code, person_id, detected_on, found_by, cluster_id, source_contact_id,
                           source_case_id, confirm_test_id, severity, care_place, reinfection, external_ref, ref_source,
                           note, created_by)
        SELECT p.province_code, p.unit_code, i.person_id, i.detected_on, i.found_by, s.cluster_id, s.contact_id, s.case_id,
               i.confirm_test_id, COALESCE(i.severity, 'asymptomatic'), COALESCE(i.care_place, 'home'), i.reinfection,
               i.external_ref, CASE WHEN i.external_ref IS NOT NULL THEN ${refSource(me)} END, i.note, ${me.accountId}
          FROM input i JOIN persons p ON p.id = i.person_id LEFT JOIN source s ON s.person_id = i.person_id
        RETURNING id, person_id AS "personId", source_contact_id AS "sourceContactId"`,
  );
  const ids2 = sql.param(rows.map((r) => r.id));
  await c.query(
    `UPDATE contacts k SET resulting_case_id = c.id FROM cases c
      WHERE c.id = ANY($1::uuid[]) AND k.id = c.source_contact_id`,
    [rows.map((r) => r.id)],
  );
  await query(
    c,
    sql`INSERT INTO case_events (province_code, case_id, occurred_on, kind, value, created_by)
        SELECT c.province_code, c.id, c.detected_on, e.kind, CASE e.kind WHEN 'severity' THEN c.severity ELSE c.care_place END, ${me.accountId}
          FROM cases c CROSS JOIN (VALUES ('severity'), ('care')) AS e(kind) WHERE c.id = ANY(${ids2}::uuid[])`,
  );
  await onCasesCreated(
    c,
    me,
    rows.map((r) => r.id),
  );
  await query(
    c,
    sql`INSERT INTO audit_events (province_code, unit_code, actor_id, actor_username, actor_unit_code,
                                  actor_province_code, action, entity, entity_id, ip, detail)
        SELECT c.province_code, c.unit_code, ${me.accountId}, ${me.username}, ${me.unit?.code ?? null},
               ${me.unit?.provinceCode ?? null}, 'create', 'case', c.id::text, ${request.ip},
               jsonb_build_object('personId', c.person_id, 'sourceCaseId', c.source_case_id, 'foundBy', c.found_by,
                                  'imported', true)
          FROM cases c WHERE c.id = ANY(${ids2}::uuid[])`,
  );
  const byPerson = new Map(rows.map((r) => [r.personId, r.id]));
  return {
    created: accepted.map((input) => ({ input, id: byPerson.get(input.personId)! })),
    refused,
  };
}

const CASE_NOT_FOUND = 'Không tìm thấy ca bệnh này hoặc ca bệnh ở ngoài địa bàn của bạn';

function unknownCarePlace(field: string): AppError {
  return badInput(
    'Nơi điều trị này không có (hoặc đã ngừng sử dụng) trong danh mục tầng điều trị của tỉnh',
    field,
    'care_place_unknown',
  );
}

/**
 * The earliest day an active case may be recorded as recovered (domain earliestRelease): its
 * detection date, current place of care, the vaccination known from its source contact, and the
 * person's negative tests since detection.
 */
async function releaseOf(db: Pool | PoolClient, row: CaseRow): Promise<EarliestRelease> {
  const [vaccination, negativeTests] = await Promise.all([
    // What is known of the person's vaccination: the status recorded when they were traced as a contact.
    row.sourceContactId ? contactVaccination(db, row.sourceContactId) : Promise.resolve(undefined),
    negativeTestsSince(db, row.personId, row.detectedOn),
  ]);
  return earliestRelease({
    detectedOn: row.detectedOn,
    carePlace: row.carePlace as CarePlace,
    carePlaceName: row.carePlaceName,
    vaccination: vaccination ?? 'unknown',
    negativeTests,
  });
}

/** A case with its history, its contacts, its isolation plan and earliest recovery; the reading is audited. */
export async function caseDetail(pool: Pool, me: Principal, request: FastifyRequest, id: string) {
  const row = await caseInScope(pool, me, id);
  if (!row) throw notFound(CASE_NOT_FOUND);
  const [events, contacts, vaccination, release] = await Promise.all([
    caseEvents(pool, id),
    contactsOfCase(pool, me, id),
    row.sourceContactId ? contactVaccination(pool, row.sourceContactId) : Promise.resolve(undefined),
    row.status === 'active' ? releaseOf(pool, row) : Promise.resolve(null),
  ]);
  recordRead(pool, request, { action: 'read', entity: 'case', entityId: id, place: placeOf(row) });
  return {
    ...caseOut(row),
    events,
    contacts,
    isolation: isolationPlan({
      detectedOn: row.detectedOn,
      carePlace: row.carePlace as CarePlace,
      carePlaceName: row.carePlaceName,
      vaccination: vaccination ?? 'unknown',
    }),
    release,
  };
}

export type CaseEvent = {
  kind: 'severity' | 'care' | 'outcome';
  on: string;
  value: string;
  detail?: string;
  /** A clinician's reason for a recovery earlier than the policy allows (stored and audited). */
  overrideReason?: string;
};

/**
 * A change of an active case's severity, care place or status (its outcome), dated between its
 * detection and today; a care place is `home`, `facility` or an active tier of the case's province;
 * recovery needs the criterion it was confirmed by, and a clinician's reason when it is earlier than
 * the isolation policy in force allows (earliestRelease).
 */
export async function recordCaseEvent(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  event: CaseEvent,
) {
  const row = await inTransaction(pool, async (c) => {
    const current = await caseInScope(c, me, id, true);
    if (!current) throw notFound(CASE_NOT_FOUND);
    if (current.status !== 'active')
      throw badInput('Ca bệnh đã kết thúc, không thể cập nhật', 'kind', 'case_closed');
    if (event.on > todayInVietnam())
      throw badInput('Ngày không được ở sau ngày hôm nay', 'on', 'date_future');
    if (event.on < current.detectedOn) {
      throw badInput('Ngày không được trước ngày phát hiện ca bệnh', 'on', 'date_before_detection');
    }
    if (event.kind === 'care') {
      const known = await queryOne(
        c,
        sql`SELECT 1 AS known WHERE ${carePlaceAllowed(sql`${event.value}::text`, sql`${current.provinceCode}::text`)}`,
      );
      if (!known) throw unknownCarePlace('value');
    } else {
      const allowed =
        event.kind === 'severity' ? Object.keys(SEVERITY_LABELS) : (OUTCOMES as readonly string[]);
      if (!allowed.includes(event.value)) throw badInput('Giá trị không hợp lệ', 'value', 'invalid_value');
    }
    // A recovery earlier than the policy allows needs a clinician's reason, kept with the event.
    let overridden: EarliestRelease | null = null;
    if (event.kind === 'outcome' && event.value === 'recovered') {
      if (!event.detail?.trim())
        throw badInput('Cần ghi tiêu chí xác nhận khỏi bệnh', 'detail', 'criterion_required');
      const release = await releaseOf(c, current);
      if (release.earliestOn === null || event.on < release.earliestOn) {
        if (!event.overrideReason?.trim()) throw recoveryTooEarly(release);
        overridden = release;
      }
    }
    const overrideReason = overridden ? event.overrideReason!.trim() : null;
    await c.query(
      `INSERT INTO case_events (province_code, case_id, occurred_on, kind, value, detail, override_reason, created_by)
       VALUES ($7, $1, $2, $3, $4, $5, $8, $6)`,
      [
        id,
        event.on,
        event.kind,
        event.value,
        event.detail ?? null,
        me.accountId,
        current.provinceCode,
        overrideReason,
      ],
    );
    const column = { severity: 'severity', care: 'care_place', outcome: 'status' }[event.kind];
    await c.query(
      `UPDATE cases SET ${column} = $2 ${event.kind === 'outcome' ? ', outcome_on = $3, outcome_criterion = $4' : ''}
        WHERE id = $1`,
      event.kind === 'outcome' ? [id, event.value, event.on, event.detail ?? null] : [id, event.value],
    );
    if (event.kind === 'outcome') {
      await onCaseOutcome(c, me, id, { value: event.value, on: event.on, criterion: event.detail });
    }
    await recordAudit(c, request, {
      action: 'update',
      entity: 'case',
      entityId: id,
      place: placeOf(current),
      detail: {
        ...event,
        overrideReason: overrideReason ?? undefined,
        // What the clinician's reason overrode: the earliest date and the policy that set it.
        ...(overridden ? { earliestOn: overridden.earliestOn, policy: overridden.policy.code } : {}),
      },
    });
    return (await caseInScope(c, me, id))!;
  });
  return caseOut(row);
}

/** 400 naming `on`: the earliest recovery date in dd/mm/yyyy (or the missing test) and the document. */
function recoveryTooEarly(release: EarliestRelease): AppError {
  const source = `${release.policy.source}${release.policy.unconfirmed ? ' (căn cứ có điểm chưa xác nhận)' : ''}`;
  const message = release.earliestOn
    ? `Theo ${source}, sớm nhất từ ngày ${formatVnDate(release.earliestOn)} mới được xác nhận khỏi bệnh. ` +
      'Nếu bác sĩ xác nhận khỏi bệnh sớm hơn, hãy ghi lý do của bác sĩ'
    : `Theo ${source}, chưa đủ điều kiện xác nhận khỏi bệnh: ${release.reasons.at(-1)}. ` +
      'Nếu bác sĩ xác nhận khỏi bệnh, hãy ghi lý do của bác sĩ';
  return new AppError(400, 'recovery_too_early', message, 'on', undefined, {
    earliestOn: release.earliestOn,
    policy: release.policy,
  });
}

/** The filtered case list as an XLSX stream; the export is audited with its filters. */
export async function exportCases(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  filters: CaseFilterValues,
): Promise<Readable> {
  const where = await caseConditions(pool, me, filters);
  recordRead(pool, request, { action: 'export', entity: 'case', detail: { filters } });
  return caseWorkbook(pool, where);
}
