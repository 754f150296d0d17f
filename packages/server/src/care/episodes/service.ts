import {
  arrivalPlan,
  type DischargeReason,
  type EpisodeReason,
  episodeDay,
  formatVnDate,
  isolationPlan,
  quarantineOrder,
  type VaccinationStatus,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { placeOf, recordAudit, recordRead } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { inTransaction, type Pool, type PoolClient } from '../../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../../db/sql.ts';
import { AppError, badInput } from '../../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../../http/pagination.ts';
import { todayInVietnam } from '../../http/time.ts';
import { type PersonRow, personInScope } from '../../persons/queries.ts';
import { unitFilter } from '../facilities/service.ts';
import { checkEligibility, type EligibilityInput } from '../monitoring/eligibility.ts';
import { EPISODE_COLUMNS, EPISODE_FROM, type EpisodeRow, episodeInScope } from './queries.ts';
import { endEpisode, moveEpisode, openFirstStay, type Place } from './stays.ts';

const PERSON_NOT_FOUND = 'Không tìm thấy người này trong địa bàn của bạn';

/** A contact record is the reason of a quarantine starting this many days after the exposure at most (the longest order: 21 days). */
const CONTACT_WINDOW_DAYS = 21;

interface Plan {
  startOn: string;
  plannedEndOn: string | null;
  policyCode: string | null;
  caseId: string | null;
  contactId: string | null;
  reasons: string[];
}

export interface PlanInput {
  reason: EpisodeReason;
  startOn?: string;
  plannedEndOn?: string;
  vaccination?: VaccinationStatus;
}

/**
 * The start and planned end of a new episode from the policy in force: a case's isolation
 * (isolationPlan, day 1 the detection day), a contact's quarantine order as recorded (else
 * computed), an arrival's quarantine (arrivalPlan); for 'other', the end the officer gives. The
 * person's active case (reason case) or latest open contact (reason contact) is linked.
 */
async function planFor(
  c: PoolClient,
  person: PersonRow,
  input: PlanInput,
  place: 'home' | 'facility',
): Promise<Plan> {
  const today = todayInVietnam();
  if (input.startOn && input.startOn > today) {
    throw badInput(
      `Ngày bắt đầu cách ly (${formatVnDate(input.startOn)}) không được sau hôm nay`,
      'startOn',
      'start_future',
    );
  }
  if (input.startOn && input.startOn < person.birthDate) {
    throw badInput('Ngày bắt đầu cách ly trước ngày sinh', 'startOn', 'start_before_birth');
  }
  const manualEnd = (startOn: string): string | null => {
    if (!input.plannedEndOn) return null;
    if (input.plannedEndOn < startOn) {
      throw badInput('Ngày dự kiến kết thúc trước ngày bắt đầu', 'plannedEndOn', 'end_before_start');
    }
    return input.plannedEndOn;
  };
  const policyEnd = () => {
    if (input.plannedEndOn) {
      throw badInput(
        'Ngày dự kiến kết thúc được tính theo quy định đang áp dụng, không nhập tay',
        'plannedEndOn',
        'planned_end_by_policy',
      );
    }
  };
  if (input.reason === 'case') {
    const kase = await queryOne<{ id: string; detectedOn: string }>(
      c,
      sql`SELECT id, detected_on AS "detectedOn" FROM cases
           WHERE person_id = ${person.id} AND province_code = ${person.provinceCode} AND status = 'active'`,
    );
    if (kase) {
      policyEnd();
      const plan = isolationPlan({
        detectedOn: kase.detectedOn,
        carePlace: place,
        vaccination: input.vaccination ?? 'unknown',
      });
      return {
        startOn: kase.detectedOn,
        plannedEndOn: plan.earliestEnd,
        policyCode: plan.policy.code,
        caseId: kase.id,
        contactId: null,
        reasons: plan.reasons,
      };
    }
  }
  if (input.reason === 'contact') {
    const k = await queryOne<{
      id: string;
      exposureDate: string;
      quarantineStart: string | null;
      quarantineEnd: string | null;
      policyCode: string | null;
      vaccination: VaccinationStatus;
      degree: number;
    }>(
      c,
      sql`SELECT id, exposure_date AS "exposureDate", quarantine_start AS "quarantineStart",
                 quarantine_end AS "quarantineEnd", policy_code AS "policyCode", vaccination, degree
            FROM contacts WHERE person_id = ${person.id} AND province_code = ${person.provinceCode}
             AND resulting_case_id IS NULL
             AND exposure_date BETWEEN ${input.startOn ?? today}::date - ${CONTACT_WINDOW_DAYS}::int AND ${input.startOn ?? today}::date
           ORDER BY exposure_date DESC, created_at DESC LIMIT 1`,
    );
    if (k) {
      policyEnd();
      if (k.quarantineEnd) {
        return {
          startOn: k.quarantineStart ?? k.exposureDate,
          plannedEndOn: k.quarantineEnd,
          policyCode: k.policyCode,
          caseId: null,
          contactId: k.id,
          reasons: [`Theo lệnh cách ly của người tiếp xúc: đến hết ngày ${formatVnDate(k.quarantineEnd)}`],
        };
      }
      const order = quarantineOrder({
        exposureDate: k.exposureDate,
        vaccination: k.vaccination,
        degree: k.degree === 2 ? 2 : 1,
      });
      return {
        startOn: order?.start ?? k.exposureDate,
        plannedEndOn: order?.end ?? null,
        policyCode: order?.policy.code ?? null,
        caseId: null,
        contactId: k.id,
        reasons: order?.reasons ?? ['Quy định đang áp dụng không yêu cầu cách ly người tiếp xúc này'],
      };
    }
  }
  if (input.reason === 'arrival') {
    policyEnd();
    const plan = arrivalPlan({
      arrivedOn: input.startOn ?? today,
      vaccination: input.vaccination ?? 'unknown',
    });
    return { ...plan, policyCode: plan.policy.code, caseId: null, contactId: null };
  }
  const startOn = input.startOn ?? today;
  return {
    startOn,
    plannedEndOn: manualEnd(startOn),
    policyCode: null,
    caseId: null,
    contactId: null,
    reasons: [],
  };
}

async function insertEpisode(
  c: PoolClient,
  me: Principal,
  person: PersonRow,
  reason: EpisodeReason,
  plan: Plan,
  place: 'home' | 'facility',
  home?: { signer: string; signedOn: string; supervisingTeam: string | null },
): Promise<string> {
  const row = await queryOne<{ id: string }>(
    c,
    sql`INSERT INTO care_episodes (province_code, person_id, unit_code, reason, case_id, contact_id, place,
                                   commitment_signer, commitment_on, supervising_team, start_on, planned_end_on,
                                   policy_code, created_by)
        VALUES (${person.provinceCode}, ${person.id}, ${person.unitCode}, ${reason}, ${plan.caseId}, ${plan.contactId},
                ${place}, ${home?.signer ?? null}, ${home?.signedOn ?? null}, ${home?.supervisingTeam ?? null},
                ${plan.startOn}, ${plan.plannedEndOn}, ${plan.policyCode}, ${me.accountId})
        ON CONFLICT (person_id, province_code) WHERE status = 'active' DO NOTHING
        RETURNING id`,
  );
  if (!row) {
    throw new AppError(409, 'episode_active', 'Người này đang có một đợt cách ly chưa kết thúc', 'personId');
  }
  return row.id;
}

async function activeEpisodeOf(c: PoolClient, person: PersonRow) {
  return queryOne<{ id: string; place: string; facilityId: string | null }>(
    c,
    sql`SELECT id, place, facility_id AS "facilityId" FROM care_episodes
         WHERE person_id = ${person.id} AND province_code = ${person.provinceCode} AND status = 'active'
         FOR UPDATE`,
  );
}

/** An episode with its stays, as the pages show it. */
async function episodeOut(db: Pool | PoolClient, me: Principal, id: string) {
  const row = await episodeInScope(db, me, id);
  const stays = await query(
    db,
    sql`SELECT s.id, s.place, s.facility_id AS "facilityId", f.name AS "facilityName", f.kind AS "facilityKind",
               s.tier_code AS "tierCode", t.name AS "tierName", s.from_at AS "fromAt", s.to_at AS "toAt", s.reason,
               s.alert_id AS "alertId", d.full_name AS "decidedBy", s.override_reason AS "overrideReason",
               o.full_name AS "overrideBy", s.note
          FROM care_stays s
          LEFT JOIN facilities f ON f.id = s.facility_id AND f.province_code = s.province_code
          LEFT JOIN LATERAL (SELECT ct.name FROM care_tiers ct WHERE ct.code = s.tier_code
                              AND ct.province_code IN (s.province_code, '00')
                              ORDER BY ct.province_code = '00' LIMIT 1) t ON TRUE
          LEFT JOIN accounts d ON d.id = s.decided_by
          LEFT JOIN accounts o ON o.id = s.override_by
         WHERE s.episode_id = ${id} AND s.province_code = ${row.provinceCode}
         ORDER BY s.from_at, s.id`,
  );
  const today = todayInVietnam();
  return { ...row, day: row.status === 'active' ? episodeDay(row.startOn, today) : null, stays };
}

export interface AdmissionInput {
  personId: string;
  reason: EpisodeReason;
  startOn?: string;
  plannedEndOn?: string;
  note?: string;
  override?: { reason: string };
}

/**
 * POST /facilities/:id/admissions: a person of the caller's jurisdiction into a bed of an active
 * facility of the province. A person with an active episode is moved (a new stay); otherwise a new
 * episode opens in the facility, its end from the policy in force. No free bed: 409 (the facility
 * row is locked: of twenty admissions into five beds, five win). An override needs facility.manage.
 */
export async function admitToFacility(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  facilityId: string,
  input: AdmissionInput,
) {
  return inTransaction(pool, async (c) => {
    const person = await personInScope(c, me, input.personId, true);
    if (!person) throw new AppError(404, 'person_not_found', PERSON_NOT_FOUND, 'personId');
    const to: Place = { place: 'facility', facilityId, override: input.override };
    const existing = await activeEpisodeOf(c, person);
    let id: string;
    if (existing) {
      id = existing.id;
      await moveEpisode(
        c,
        me,
        { id, provinceCode: person.provinceCode },
        to,
        existing.place === 'home' || !existing.facilityId ? 'admission' : 'transfer',
        {
          note: input.note,
        },
      );
    } else {
      const plan = await planFor(c, person, input, 'facility');
      id = await insertEpisode(c, me, person, input.reason, plan, 'facility');
      await openFirstStay(c, me, { id, provinceCode: person.provinceCode }, to, { note: input.note });
    }
    await recordAudit(c, request, {
      action: existing ? 'update' : 'create',
      entity: 'care_episode',
      entityId: id,
      place: placeOf(person),
      detail: {
        admission: facilityId,
        personId: person.id,
        reason: input.reason,
        override: input.override?.reason ?? null,
      },
    });
    return episodeOut(c, me, id);
  });
}

export interface EnrolInput extends PlanInput {
  personId: string;
  commitment: { signer: string; signedOn: string };
  supervisingTeam?: string;
  note?: string;
  eligibility?: EligibilityInput;
}

/** POST /care/episodes: isolation or quarantine at home with the household's commitment. */
export async function enrolAtHome(pool: Pool, me: Principal, request: FastifyRequest, input: EnrolInput) {
  const signer = input.commitment.signer.trim();
  if (!signer) throw badInput('Hãy ghi người ký cam kết', 'commitment.signer', 'signer_required');
  if (input.commitment.signedOn > todayInVietnam()) {
    throw badInput('Ngày ký cam kết không được sau hôm nay', 'commitment.signedOn', 'signed_future');
  }
  return inTransaction(pool, async (c) => {
    const person = await personInScope(c, me, input.personId, true);
    if (!person) throw new AppError(404, 'person_not_found', PERSON_NOT_FOUND, 'personId');
    const existing = await activeEpisodeOf(c, person);
    if (existing) {
      throw new AppError(
        409,
        'episode_active',
        'Người này đang có một đợt cách ly chưa kết thúc: hãy mở đợt đó để chuyển nơi cách ly',
        'personId',
        undefined,
        { existingId: existing.id },
      );
    }
    const plan = await planFor(c, person, input, 'home');
    // Home care eligibility (rules file §3.2) judged on the person's own birth date; an F0 who does
    // not meet the criteria in force is not enrolled at home (admit them to a facility instead).
    const eligibility = input.eligibility
      ? checkEligibility({ ...input.eligibility, birthDate: person.birthDate })
      : null;
    if (eligibility?.outcome === 'not_eligible') {
      const unmet = eligibility.criteria.filter((x) => x.outcome === 'not_met').map((x) => x.reason);
      throw new AppError(
        409,
        'not_eligible_home',
        `Không đủ điều kiện chăm sóc tại nhà theo ${eligibility.policy.source}: ${unmet.join('; ')}. Hãy tiếp nhận vào cơ sở.`,
        'eligibility',
      );
    }
    const id = await insertEpisode(c, me, person, input.reason, plan, 'home', {
      signer,
      signedOn: input.commitment.signedOn,
      supervisingTeam: input.supervisingTeam?.trim() || null,
    });
    if (eligibility) {
      await c.query('UPDATE care_episodes SET eligibility = $3 WHERE id = $1 AND province_code = $2', [
        id,
        person.provinceCode,
        JSON.stringify({ facts: { ...input.eligibility, birthDate: person.birthDate }, ...eligibility }),
      ]);
    }
    await openFirstStay(
      c,
      me,
      { id, provinceCode: person.provinceCode },
      { place: 'home' },
      { note: input.note },
    );
    await recordAudit(c, request, {
      action: 'create',
      entity: 'care_episode',
      entityId: id,
      place: placeOf(person),
      detail: { personId: person.id, reason: input.reason, place: 'home', plannedEndOn: plan.plannedEndOn },
    });
    return { ...(await episodeOut(c, me, id)), planReasons: plan.reasons };
  });
}

export interface EpisodeQuery {
  unit?: string;
  status?: 'active' | 'ended';
  place?: 'home' | 'facility';
  reason?: EpisodeReason;
  facility?: string;
  person?: string;
  cursor?: string;
  limit?: number;
}

/** GET /care/episodes: newest start first, keyset (start_on, id); audited. */
export async function listEpisodes(pool: Pool, me: Principal, request: FastifyRequest, q: EpisodeQuery) {
  const where: SQL[] = [];
  if (q.facility) {
    where.push(
      sql`e.facility_id = ${q.facility}::uuid`,
      sql`(${me.scope.covers(sql`e.unit_code`, sql`e.province_code`)} OR ${me.scope.covers(sql`f.unit_code`, sql`f.province_code`)})`,
    );
  } else {
    where.push(me.scope.covers(sql`e.unit_code`, sql`e.province_code`));
  }
  if (q.unit) where.push(await unitFilter(pool, me, q.unit, sql`e`));
  // A person's episodes (the person page): every status unless asked; any other list: the active by default.
  if (q.person) where.push(sql`e.person_id = ${q.person}::uuid`);
  const status = q.status ?? (q.person ? undefined : 'active');
  if (status) where.push(sql`e.status = ${status}`);
  if (q.place) where.push(sql`e.place = ${q.place}`);
  if (q.reason) where.push(sql`e.reason = ${q.reason}`);
  const after = decodeCursor(q.cursor, ['date', 'uuid']);
  if (after) where.push(sql`(e.start_on, e.id) < (${after[0]}::date, ${after[1]}::uuid)`);
  const limit = q.limit ?? DEFAULT_LIMIT;
  const rows = await query<EpisodeRow>(
    pool,
    sql`SELECT ${EPISODE_COLUMNS} FROM ${EPISODE_FROM}
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY e.start_on DESC, e.id DESC LIMIT ${limit + 1}`,
  );
  const page = pageOf(rows, limit, (r) => [r.startOn, r.id]);
  const today = todayInVietnam();
  recordRead(pool, request, {
    action: 'list',
    entity: 'care_episode',
    detail: { filters: q, count: page.items.length },
  });
  return {
    items: page.items.map((r) => ({
      ...r,
      day: r.status === 'active' ? episodeDay(r.startOn, today) : null,
    })),
    next: page.next ?? null,
  };
}

/** GET /care/episodes/:id: the episode and its stays; audited. */
export async function episodeDetail(pool: Pool, me: Principal, request: FastifyRequest, id: string) {
  const out = await episodeOut(pool, me, id);
  recordRead(pool, request, { action: 'read', entity: 'care_episode', entityId: id, place: placeOf(out) });
  return out;
}

export interface DischargeInput {
  on?: string;
  reason: DischargeReason;
  criterion?: string;
  note?: string;
}

/** POST /care/episodes/:id/discharge: ends the episode and frees its bed. */
export async function dischargeEpisode(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  input: DischargeInput,
) {
  const today = todayInVietnam();
  const on = input.on ?? today;
  if (on > today) throw badInput('Ngày kết thúc không được sau hôm nay', 'on', 'end_future');
  if (input.reason === 'completed' && !input.criterion?.trim()) {
    throw badInput(
      'Hãy ghi tiêu chí kết thúc cách ly, khỏi bệnh đã áp dụng',
      'criterion',
      'criterion_required',
    );
  }
  return inTransaction(pool, async (c) => {
    const ep = await episodeInScope(c, me, id, { lock: true });
    await endEpisode(c, me, ep, { on, reason: input.reason, criterion: input.criterion });
    await recordAudit(c, request, {
      action: 'update',
      entity: 'care_episode',
      entityId: id,
      place: placeOf(ep),
      detail: { ended: input.reason, on, criterion: input.criterion ?? null, note: input.note ?? null },
    });
    return episodeOut(c, me, id);
  });
}

export interface MoveInput {
  to: 'home' | 'facility';
  facilityId?: string;
  override?: { reason: string };
  alertId?: string;
  note?: string;
}

/** POST /care/episodes/:id/move: back home, or into (another) facility. */
export async function moveEpisodeRoute(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  input: MoveInput,
) {
  if (input.to === 'facility' && !input.facilityId) {
    throw badInput('Hãy chọn cơ sở chuyển đến', 'facilityId', 'facility_required');
  }
  if (input.to === 'home' && input.facilityId) {
    throw badInput('Về nhà thì không chọn cơ sở', 'facilityId', 'facility_not_for_home');
  }
  return inTransaction(pool, async (c) => {
    const ep = await episodeInScope(c, me, id, { lock: true });
    const to: Place =
      input.to === 'home'
        ? { place: 'home' }
        : { place: 'facility', facilityId: input.facilityId!, override: input.override };
    const reason = input.to === 'home' ? 'return_home' : ep.facilityId ? 'transfer' : 'admission';
    await moveEpisode(c, me, ep, to, reason, { alertId: input.alertId, note: input.note });
    await recordAudit(c, request, {
      action: 'update',
      entity: 'care_episode',
      entityId: id,
      place: placeOf(ep),
      detail: {
        move: reason,
        facilityId: input.facilityId ?? null,
        override: input.override?.reason ?? null,
      },
    });
    return episodeOut(c, me, id);
  });
}

/**
 * Called in the transaction that registers cases (one or many, set-based): the active
 * quarantine episode of each new case's person ends 'became_case' (on the detection day) and an
 * isolation episode opens in its place, day 1 the detection day and its end from the case
 * isolation policy — in the same facility bed when the person was in one (the stay moves to the new
 * episode, occupancy unchanged). A person with no active episode gets one when the case's care place
 * is home (at home) or a facility or tier (awaiting a bed: place facility, no facility yet).
 */
export async function onCasesCreated(c: PoolClient, me: Principal, caseIds: string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const rows = await query<{
    caseId: string;
    provinceCode: string;
    personId: string;
    unitCode: string;
    detectedOn: string;
    carePlace: string;
    episodeId: string | null;
    episodeReason: string | null;
    place: string | null;
    facilityId: string | null;
  }>(
    c,
    sql`SELECT k.id AS "caseId", k.province_code AS "provinceCode", k.person_id AS "personId", k.unit_code AS "unitCode",
               k.detected_on AS "detectedOn", k.care_place AS "carePlace", e.id AS "episodeId",
               e.reason AS "episodeReason", e.place, e.facility_id AS "facilityId"
          FROM cases k
          LEFT JOIN care_episodes e ON e.person_id = k.person_id AND e.province_code = k.province_code
                                   AND e.status = 'active'
         WHERE k.id = ANY(${sql.param(caseIds)}::uuid[])`,
  );
  // The active episodes are locked (in one order) before they are ended or replaced.
  const held = rows.filter((r) => r.episodeId).map((r) => r.episodeId as string);
  if (held.length) {
    await c.query('SELECT 1 FROM care_episodes WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [held]);
  }
  const switched = rows.filter((r) => r.episodeId && r.episodeReason !== 'case');
  const fresh = rows.filter((r) => !r.episodeId);
  const todo = [...switched, ...fresh];
  if (todo.length === 0) return;
  // The old episodes end, their stays close now (the bed is taken over by the new episode below).
  if (switched.length) {
    await query(
      c,
      sql`UPDATE care_episodes e SET status = 'ended', end_reason = 'became_case',
                 ended_on = GREATEST(e.start_on, LEAST(i.detected_on, CURRENT_DATE)), updated_at = now()
            FROM unnest(${sql.param(switched.map((r) => r.episodeId))}::uuid[],
                        ${sql.param(switched.map((r) => r.detectedOn))}::date[]) AS i(id, detected_on)
           WHERE e.id = i.id`,
    );
    await query(
      c,
      sql`UPDATE care_stays SET to_at = GREATEST(from_at, now())
           WHERE episode_id = ANY(${sql.param(switched.map((r) => r.episodeId))}::uuid[]) AND to_at IS NULL`,
    );
  }
  const plans = todo.map((r) => {
    const place = r.facilityId
      ? 'facility'
      : r.episodeId
        ? 'home'
        : r.carePlace === 'home'
          ? 'home'
          : 'facility';
    const plan = isolationPlan({
      detectedOn: r.detectedOn,
      carePlace: place === 'home' ? 'home' : 'facility',
      vaccination: 'unknown',
    });
    return { r, place, plannedEndOn: plan.earliestEnd, policyCode: plan.policy.code };
  });
  const col = <T>(f: (p: (typeof plans)[number]) => T) => sql.param(plans.map(f));
  const created = await query<{ id: string; personId: string }>(
    c,
    sql`INSERT INTO care_episodes (province_code, person_id, unit_code, reason, case_id, place, facility_id, start_on,
                                   planned_end_on, policy_code, created_by)
        SELECT i.province_code, i.person_id, i.unit_code, 'case', i.case_id, i.place, i.facility_id, i.start_on,
               i.planned_end_on, i.policy_code, ${me.accountId}::uuid
          FROM unnest(${col((p) => p.r.provinceCode)}::text[], ${col((p) => p.r.personId)}::uuid[],
                      ${col((p) => p.r.unitCode)}::text[], ${col((p) => p.r.caseId)}::uuid[], ${col((p) => p.place)}::text[],
                      ${col((p) => p.r.facilityId)}::uuid[], ${col((p) => p.r.detectedOn)}::date[],
                      ${col((p) => p.plannedEndOn)}::date[], ${col((p) => p.policyCode)}::text[])
               AS i(province_code, person_id, unit_code, case_id, place, facility_id, start_on, planned_end_on, policy_code)
        ON CONFLICT (person_id, province_code) WHERE status = 'active' DO NOTHING
        RETURNING id, person_id AS "personId"`,
  );
  // A stay for each new episode: at home, or the same bed as the quarantine (no bed for one awaiting admission).
  const byPerson = new Map(plans.map((p) => [p.r.personId, p]));
  const stays = created
    .map((e) => ({ e, p: byPerson.get(e.personId)! }))
    .filter(({ p }) => p.place === 'home' || p.r.facilityId);
  if (stays.length) {
    await query(
      c,
      sql`INSERT INTO care_stays (province_code, episode_id, place, facility_id, tier_code, from_at, reason, decided_by, note)
          SELECT i.province_code, i.episode_id, i.place, i.facility_id, f.tier_code, now(), i.reason, ${me.accountId}::uuid, i.note
            FROM unnest(${sql.param(stays.map((s) => s.p.r.provinceCode))}::text[], ${sql.param(stays.map((s) => s.e.id))}::uuid[],
                        ${sql.param(stays.map((s) => s.p.place))}::text[], ${sql.param(stays.map((s) => s.p.r.facilityId))}::uuid[],
                        ${sql.param(stays.map((s) => (s.p.r.facilityId ? 'admission' : 'enrolment')))}::text[],
                        ${sql.param(stays.map((s) => (s.p.r.episodeId ? 'Chuyển từ cách ly F1 sang cách ly F0' : null)))}::text[])
                 AS i(province_code, episode_id, place, facility_id, reason, note)
            LEFT JOIN facilities f ON f.id = i.facility_id AND f.province_code = i.province_code`,
    );
  }
}

/** Counts of the active episodes by place of care, for the situation page. */
export async function activeEpisodesByPlace(pool: Pool, me: Principal, unit?: string, date?: string) {
  const today = todayInVietnam();
  const on = date ?? today;
  const scope = unit
    ? await unitFilter(pool, me, unit, sql`e`)
    : me.scope.covers(sql`e.unit_code`, sql`e.province_code`);
  const rows = await query<{
    place: string;
    kind: string | null;
    tierCode: string | null;
    tierName: string | null;
    tierNumber: number | null;
    count: number;
  }>(
    pool,
    // Counted by place and facility first (a few hundred groups), then named: never a look-up per episode.
    on >= today
      ? sql`WITH g AS (
              SELECT e.place, e.facility_id, e.province_code, count(*)::int AS n FROM care_episodes e
               WHERE e.status = 'active' AND ${scope}
               GROUP BY 1, 2, 3)
            SELECT g.place, f.kind, f.tier_code AS "tierCode", t.name AS "tierName", t.tier AS "tierNumber",
                   sum(g.n)::int AS count
              FROM g
              LEFT JOIN facilities f ON f.id = g.facility_id AND f.province_code = g.province_code
              LEFT JOIN LATERAL (SELECT ct.name, ct.tier FROM care_tiers ct WHERE ct.code = f.tier_code
                                  AND ct.province_code IN (f.province_code, '00') ORDER BY ct.province_code = '00' LIMIT 1) t ON TRUE
             GROUP BY 1, 2, 3, 4, 5`
      : sql`WITH g AS (
              SELECT s.place, s.facility_id, s.tier_code, s.province_code, count(*)::int AS n
                FROM care_stays s
                JOIN care_episodes e ON e.id = s.episode_id AND e.province_code = s.province_code
               WHERE s.from_at < (${on}::date + 1)::timestamptz
                 AND (s.to_at IS NULL OR s.to_at >= (${on}::date + 1)::timestamptz) AND ${scope}
               GROUP BY 1, 2, 3, 4)
            SELECT g.place, f.kind, g.tier_code AS "tierCode", t.name AS "tierName", t.tier AS "tierNumber",
                   sum(g.n)::int AS count
              FROM g
              LEFT JOIN facilities f ON f.id = g.facility_id AND f.province_code = g.province_code
              LEFT JOIN LATERAL (SELECT ct.name, ct.tier FROM care_tiers ct WHERE ct.code = g.tier_code
                                  AND ct.province_code IN (g.province_code, '00') ORDER BY ct.province_code = '00' LIMIT 1) t ON TRUE
             GROUP BY 1, 2, 3, 4, 5`,
  );
  let home = 0;
  let awaiting = 0;
  let isolation = 0;
  const tiers = new Map<string, { code: string; name: string; tier: number | null; count: number }>();
  for (const r of rows) {
    if (r.place === 'home') home += r.count;
    else if (!r.kind) awaiting += r.count;
    else if (r.kind === 'isolation') isolation += r.count;
    else {
      const code = r.tierCode ?? '';
      const t = tiers.get(code) ?? {
        code,
        name: r.tierName ?? 'Chưa phân tầng',
        tier: r.tierNumber,
        count: 0,
      };
      t.count += r.count;
      tiers.set(code, t);
    }
  }
  const treatment = [...tiers.values()].sort((a, b) => (a.tier ?? 99) - (b.tier ?? 99));
  return {
    date: on,
    home,
    awaitingBed: awaiting,
    isolationFacility: isolation,
    treatment,
    total: home + awaiting + isolation + treatment.reduce((n, t) => n + t.count, 0),
  };
}

/**
 * Called in the transaction that records a case's outcome: its active isolation episode ends
 * (recovered → completed with the criterion, died, transferred out), freeing its bed.
 */
export async function onCaseOutcome(
  c: PoolClient,
  me: Principal,
  caseId: string,
  outcome: { value: string; on: string; criterion?: string | null },
): Promise<void> {
  const ep = await queryOne<{ id: string; provinceCode: string; startOn: string }>(
    c,
    sql`SELECT id, province_code AS "provinceCode", start_on AS "startOn" FROM care_episodes
         WHERE case_id = ${caseId} AND status = 'active' FOR UPDATE`,
  );
  if (!ep) return;
  const reason =
    outcome.value === 'recovered' ? 'completed' : outcome.value === 'died' ? 'died' : 'transferred';
  await endEpisode(c, me, ep, {
    on: outcome.on.localeCompare(ep.startOn) < 0 ? ep.startOn : outcome.on,
    reason,
    criterion: outcome.criterion ?? undefined,
  });
}

export interface CommitmentInput {
  signer: string;
  signedOn: string;
  supervisingTeam?: string;
}

/**
 * POST /care/episodes/:id/commitment: the household's commitment of an episode at home (signer,
 * day, supervising team), for one opened without it (a case registered for home care).
 */
export async function recordCommitment(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  input: CommitmentInput,
) {
  const signer = input.signer.trim();
  if (!signer) throw badInput('Hãy ghi người ký cam kết', 'signer', 'signer_required');
  if (input.signedOn > todayInVietnam()) {
    throw badInput('Ngày ký cam kết không được sau hôm nay', 'signedOn', 'signed_future');
  }
  return inTransaction(pool, async (c) => {
    const ep = await episodeInScope(c, me, id, { lock: true });
    if (ep.status !== 'active') {
      throw new AppError(409, 'episode_ended', 'Đợt cách ly này đã kết thúc', 'id');
    }
    if (ep.place !== 'home') {
      throw new AppError(409, 'not_at_home', 'Cam kết của hộ gia đình chỉ dùng khi cách ly tại nhà', 'id');
    }
    await c.query(
      `UPDATE care_episodes SET commitment_signer = $3, commitment_on = $4, supervising_team = $5, updated_at = now()
        WHERE id = $1 AND province_code = $2`,
      [id, ep.provinceCode, signer, input.signedOn, input.supervisingTeam?.trim() || null],
    );
    await recordAudit(c, request, {
      action: 'update',
      entity: 'care_episode',
      entityId: id,
      place: placeOf(ep),
      detail: {
        commitment: { signer, signedOn: input.signedOn, supervisingTeam: input.supervisingTeam ?? null },
      },
    });
    return episodeOut(c, me, id);
  });
}
