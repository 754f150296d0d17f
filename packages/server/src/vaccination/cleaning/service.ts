import { randomUUID } from 'node:crypto';
import {
  checkIdNumber,
  type IdType,
  inferIdType,
  maskTail,
  type PersonPatch,
  vaccineProduct,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit, recordRead } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { Scope } from '../../auth/scope.ts';
import { inTransaction, type Pool, type PoolClient } from '../../db/pool.ts';
import { query, type SQL, sql } from '../../db/sql.ts';
import { AppError, badInput, forbidden, notFound } from '../../http/errors.ts';
import { decodeCursor, pageOf } from '../../http/pagination.ts';
import { todayInVietnam } from '../../http/time.ts';
import { asJurisdiction } from '../../persons/queries.ts';
import { changePerson } from '../../persons/service.ts';
import { unitDirectory } from '../../units/directory.ts';
import {
  type CountRow,
  countsByUnit,
  dosesOfPeople,
  type FoundProblem,
  idCandidates,
  liveMergeOf,
  openProblems,
  type PersonFilter,
  PROBLEM_KINDS,
  type ProblemKind,
  type ProblemPerson,
  type ProblemRow,
  type ProblemStatus,
  problemInScope,
  problemRows,
  problemsFound,
} from './queries.ts';

/**
 * Data cleaning (issue 9 §6): the problems of vaccination records to verify (person_reviews),
 * found by SQL per unit; counted per child unit with progress; closed by a correction (through
 * the persons service), a confirmation, or a merge of two records of one person, which an undo
 * restores exactly. Coverage follows every write through the triggers of migration 0010.
 */

const PROBLEM_NOT_FOUND = 'Không tìm thấy hồ sơ cần xác minh này hoặc hồ sơ ở ngoài địa bàn của bạn';
const PERSON_NOT_FOUND = 'Không tìm thấy người này hoặc người này ở ngoài địa bàn của bạn';

type Where = (unit: SQL, province: SQL) => SQL;

interface ChosenUnit {
  code: string;
  name: string;
  level: string;
  provinceCode: string;
  where: Where;
}

/** The unit asked for (default the caller's own), inside the jurisdiction, with its scope as SQL. */
async function chosenUnit(db: Pool | PoolClient, me: Principal, code: string | undefined, field = 'unit') {
  const own = me.scope.unit;
  const wanted = code ?? (own && own !== 'country' ? own.code : undefined);
  if (!wanted) throw badInput('Hãy chọn một đơn vị hành chính', field, 'unit_required');
  const unit = await me.scope.unitInside(db, wanted, field);
  const scope = new Scope(
    asJurisdiction({
      code: unit.code,
      level: unit.level,
      provinceCode: unit.provinceCode,
      unitCodes: unit.level === 'district' ? [unit.code, ...(unit.unitCodes ?? [])] : undefined,
    }),
  );
  return {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    provinceCode: unit.provinceCode,
    where: (u: SQL, p: SQL) => scope.covers(u, p),
  } satisfies ChosenUnit;
}

/** The caller's own jurisdiction as SQL (every record a write touches must lie inside it). */
const mine =
  (me: Principal): Where =>
  (u, p) =>
    me.scope.covers(u, p);

/** The problems of the people `filter` selects, identity numbers checked by the domain's rules. */
async function findProblems(
  db: Pool | PoolClient,
  provinceCode: string,
  filter: PersonFilter,
  today: string,
): Promise<FoundProblem[]> {
  const [found, ids] = await Promise.all([
    problemsFound(db, provinceCode, filter, today),
    idCandidates(db, provinceCode, filter),
  ]);
  for (const c of ids) {
    const idType = (c.idType as IdType | null) ?? inferIdType(c.idNumber);
    const problems = idType
      ? checkIdNumber({ idType, idNumber: c.idNumber, birthDate: c.birthDate, sex: c.sex })
      : [{ message: 'Không nhận ra loại giấy tờ (CCCD 12 số, CMND 9 số hoặc hộ chiếu)' }];
    if (problems.length === 0) continue;
    found.push({
      personId: c.personId,
      unitCode: c.unitCode,
      kind: 'invalid_id',
      otherPersonId: null,
      detail: `Số giấy tờ ${c.idNumber}: ${problems.map((p) => p.message).join('; ')}`,
    });
  }
  return found;
}

/**
 * Looks for problems among the people of a unit and opens those not yet in the queue (a problem a
 * person confirmed is never raised again). Audited; one transaction.
 */
export async function scanUnit(pool: Pool, me: Principal, request: FastifyRequest, unitCode: string) {
  return inTransaction(pool, async (c) => {
    const unit = await chosenUnit(c, me, unitCode, 'unitCode');
    // A district or a province reads most of its doses: one sequential pass and a sort beat a
    // million index look-ups in person order (measured on the demo province: half the time).
    if (unit.level !== 'commune') await c.query('SET LOCAL enable_indexscan = off');
    const found = await findProblems(
      c,
      unit.provinceCode,
      unit.where(sql`p.unit_code`, sql`p.province_code`),
      todayInVietnam(),
    );
    const opened = await openProblems(c, unit.provinceCode, found);
    await recordAudit(c, request, {
      action: 'scan',
      entity: 'person_review',
      place: { unitCode: unit.code, provinceCode: unit.provinceCode },
      detail: { found: found.length, opened },
    });
    return { unitCode: unit.code, found: found.length, opened };
  });
}

/**
 * Per child unit of the chosen unit: people to verify, people verified, and the open problems by
 * kind; the unit's own total first. Progress is verified / (verified + to verify).
 */
export async function cleaningCounts(pool: Pool, me: Principal, q: { unit?: string }) {
  const [unit, units] = await Promise.all([chosenUnit(pool, me, q.unit), unitDirectory(pool)]);
  const rows = await countsByUnit(pool, unit.where, unit.level === 'province');
  const byCode = new Map(rows.map((r) => [r.unitCode, r]));
  const children = units.children(unit.code);
  const empty = (code: string, name: string) => ({
    unitCode: code,
    unitName: name,
    toVerify: 0,
    verified: 0,
    kinds: {},
  });
  const items = children.map((child) => {
    const row = byCode.get(child.code);
    return row ? { ...row, unitName: child.name } : empty(child.code, child.name);
  });
  // Records registered at the unit itself (a district's own code), when there are any.
  const own = byCode.get(unit.code);
  if (own && children.length > 0) items.push({ ...own, unitName: unit.name });
  const total = rows.reduce<CountRow & { unitName: string }>(
    (t, r) => {
      t.toVerify += r.toVerify;
      t.verified += r.verified;
      for (const [k, n] of Object.entries(r.kinds)) t.kinds[k] = (t.kinds[k] ?? 0) + n;
      return t;
    },
    {
      unitCode: unit.code,
      unitName: unit.name,
      toVerify: 0,
      verified: 0,
      kinds: {} as Record<string, number>,
    },
  );
  const withProgress = <T extends { toVerify: number; verified: number }>(r: T) => ({
    ...r,
    progress: r.toVerify + r.verified === 0 ? null : r.verified / (r.toVerify + r.verified),
  });
  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    total: withProgress(total),
    units: (children.length > 0 ? items : [{ ...total }]).map(withProgress),
  };
}

/** A person of a problem as the API shows it: numbers masked unless the role needs them. */
function personOutOf(p: ProblemPerson | null, viewer: Principal) {
  if (!p) return null;
  const full = viewer.permissions.includes('person.identity');
  return {
    ...p,
    idNumber: p.idNumber && !full ? maskTail(p.idNumber, 3) : p.idNumber,
    phone: p.phone && !full ? maskTail(p.phone, 3) : p.phone,
  };
}

/** Long runs of digits in a problem's words (an identity number) masked like the number itself. */
function detailFor(detail: string | null, viewer: Principal): string | null {
  if (!detail || viewer.permissions.includes('person.identity')) return detail;
  return detail.replace(/\d{6,}/g, (digits) => maskTail(digits, 3));
}

function problemOut(row: ProblemRow, viewer: Principal) {
  return {
    id: row.id,
    kind: row.kind,
    detail: detailFor(row.detail, viewer),
    status: row.status,
    unitCode: row.unitCode,
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedByName,
    person: personOutOf(row.person, viewer)!,
    other: personOutOf(row.other, viewer),
  };
}

function parseKind(kind: string | undefined): ProblemKind | undefined {
  if (!kind) return undefined;
  if ((PROBLEM_KINDS as readonly string[]).includes(kind)) return kind as ProblemKind;
  throw badInput(`Loại vấn đề "${kind}" không có trong danh sách`, 'kind', 'kind_invalid');
}

/** One page of the problems of a unit inside the jurisdiction; the people shown are audited as read. */
export async function listProblems(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  q: { unit?: string; kind?: string; status?: ProblemStatus; cursor?: string; limit: number },
) {
  const kind = parseKind(q.kind);
  const after = decodeCursor(q.cursor, ['uuid'] as const);
  const unit = await chosenUnit(pool, me, q.unit);
  const rows = await problemRows(pool, unit.where, {
    kind,
    status: q.status ?? 'open',
    after: after?.[0],
    limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (r) => [r.id]);
  if (page.items.length > 0) {
    recordRead(pool, request, {
      action: 'list',
      entity: 'person_review',
      place: { unitCode: unit.code, provinceCode: unit.provinceCode },
      detail: {
        persons: page.items.flatMap((r) => (r.otherPersonId ? [r.personId, r.otherPersonId] : [r.personId])),
      },
    });
  }
  return { items: page.items.map((r) => problemOut(r, me)), next: page.next };
}

/** A problem with the doses of its people, side by side for a likely duplicate; audited as a read. */
export async function problemDetail(pool: Pool, me: Principal, request: FastifyRequest, id: string) {
  const row = await problemInScope(pool, mine(me), id);
  if (!row) throw notFound(PROBLEM_NOT_FOUND);
  const ids = row.otherPersonId ? [row.personId, row.otherPersonId] : [row.personId];
  const [doses, merge] = await Promise.all([
    dosesOfPeople(pool, row.provinceCode, ids),
    row.status === 'merged' && row.otherPersonId
      ? Promise.all([
          liveMergeOf(pool, row.provinceCode, row.personId),
          liveMergeOf(pool, row.provinceCode, row.otherPersonId),
        ]).then(([a, b]) => a ?? b)
      : undefined,
  ]);
  for (const personId of ids) {
    recordRead(pool, request, {
      action: 'read',
      entity: 'person',
      entityId: personId,
      place: { unitCode: row.unitCode, provinceCode: row.provinceCode },
      detail: { cleaning: row.id },
    });
  }
  const dosesOf = (personId: string) =>
    doses
      .filter((d) => d.personId === personId)
      .map(({ personId: _, ...d }) => ({ ...d, productName: vaccineProduct(d.product)?.name ?? d.product }));
  const out = problemOut(row, me);
  return {
    ...out,
    person: { ...out.person, doseList: dosesOf(row.personId) },
    other: out.other && row.otherPersonId ? { ...out.other, doseList: dosesOf(row.otherPersonId) } : null,
    merge: merge ?? null,
  };
}

function alreadyClosed(row: ProblemRow): AppError {
  return new AppError(
    409,
    'problem_closed',
    'Hồ sơ này vừa được xử lý bởi một thao tác khác; hãy tải lại trang để xem',
    'id',
    undefined,
    { status: row.status },
  );
}

/** The open problem `id` inside the jurisdiction, locked; 404 or 409 otherwise. */
async function openProblem(c: PoolClient, me: Principal, id: string): Promise<ProblemRow> {
  const row = await problemInScope(c, mine(me), id, true);
  if (!row) throw notFound(PROBLEM_NOT_FOUND);
  if (row.status !== 'open') throw alreadyClosed(row);
  return row;
}

async function closeProblem(c: PoolClient, me: Principal, id: string, status: ProblemStatus): Promise<void> {
  await c.query(
    `UPDATE person_reviews SET status = $2, resolved_by = $3, resolved_at = now() WHERE id = $1`,
    [id, status, me.accountId],
  );
}

/**
 * Corrects the person of a problem through the persons service (the whole record checked again,
 * a new identity number claimed), closes the problem as corrected, and looks again at the
 * person's commune for what the correction did not cure: a problem still there opens again, so
 * the answer says whether the record is clean now. One transaction.
 */
export async function correctProblem(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  body: { person: PersonPatch; personId?: string },
) {
  if (!me.permissions.includes('person.write')) {
    throw forbidden('Tài khoản không có quyền sửa thông tin cá nhân; hãy nhờ trạm y tế hoặc cán bộ y tế sửa');
  }
  return inTransaction(pool, async (c) => {
    const row = await openProblem(c, me, id);
    const personId = body.personId ?? row.personId;
    if (personId !== row.personId && personId !== row.otherPersonId) {
      throw badInput(
        'Người được sửa không phải người của hồ sơ cần xác minh này',
        'personId',
        'person_not_in_problem',
      );
    }
    const person = await changePerson(c, me, request, personId, body.person);
    await closeProblem(c, me, id, 'corrected');
    const found = await findProblems(
      c,
      person.provinceCode,
      sql`p.unit_code = ${person.unitCode}`,
      todayInVietnam(),
    );
    const involved = new Set([row.personId, row.otherPersonId, personId]);
    await openProblems(
      c,
      person.provinceCode,
      found.filter((f) => involved.has(f.personId) || (f.otherPersonId && involved.has(f.otherPersonId))),
    );
    await recordAudit(c, request, {
      action: 'correct',
      entity: 'person_review',
      entityId: id,
      place: { unitCode: row.unitCode, provinceCode: row.provinceCode },
      detail: { personId, kind: row.kind, changed: Object.keys(body.person) },
    });
    const after = await problemInScope(c, mine(me), id);
    return { ...problemOut(after!, me), stillOpen: after!.status === 'open' };
  });
}

/**
 * Confirms a problem's record as right (for a likely duplicate: not the same person). The problem
 * is never raised again. Audited with the note.
 */
export async function confirmProblem(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  body: { note?: string },
) {
  return inTransaction(pool, async (c) => {
    const row = await openProblem(c, me, id);
    await closeProblem(c, me, id, 'confirmed');
    await recordAudit(c, request, {
      action: 'confirm',
      entity: 'person_review',
      entityId: id,
      place: { unitCode: row.unitCode, provinceCode: row.provinceCode },
      detail: {
        kind: row.kind,
        personId: row.personId,
        otherPersonId: row.otherPersonId,
        note: body.note?.trim() || null,
      },
    });
    const after = await problemInScope(c, mine(me), id);
    return problemOut(after!, me);
  });
}

interface LockedPerson {
  id: string;
  provinceCode: string;
  unitCode: string;
  mergedInto: string | null;
}

/** Both people inside the jurisdiction, locked in id order (two merges of one pair wait for each other). */
async function lockPair(
  c: PoolClient,
  me: Principal,
  ids: [string, string],
): Promise<Map<string, LockedPerson>> {
  const rows = await query<LockedPerson>(
    c,
    sql`SELECT p.id, p.province_code AS "provinceCode", p.unit_code AS "unitCode", p.merged_into AS "mergedInto"
          FROM persons p
         WHERE p.id = ANY(${sql.param(ids)}::uuid[]) AND ${me.scope.covers(sql`p.unit_code`, sql`p.province_code`)}
         ORDER BY p.id FOR UPDATE OF p`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function mergedAlready(field: string): AppError {
  return new AppError(
    409,
    'person_merged',
    'Một trong hai hồ sơ đã được gộp vào hồ sơ khác (có thể vừa bởi một thao tác khác); hãy tải lại trang để xem',
    field,
  );
}

/**
 * Merges `mergedId` into `survivorId`, one person recorded twice. Every dose of the absorbed
 * record moves to the survivor with merged_from naming where it came from (a dose that came from
 * an earlier merge keeps its first owner). Where both have a current dose of the same number, the
 * survivor's stays current and the absorbed one is superseded by the merge (superseded_by = the
 * merge's id: kept in the history, no longer counted) — unless the survivor's was rejected by a
 * reviewer and the other was not, when the survivor's is the one superseded. The absorbed record
 * gets merged_into and stops counting; its open problems close as merged. person_merges keeps
 * what moved so undoMerge restores the state before exactly. Identity numbers do not move:
 * choose as survivor the record that carries the right number. One transaction, audited; a merge
 * racing another of the same people is a 409.
 */
export async function mergePersons(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  body: { survivorId: string; mergedId: string; reason?: string },
) {
  const { survivorId, mergedId } = body;
  if (survivorId === mergedId) {
    throw badInput('Hãy chọn hai hồ sơ khác nhau để gộp', 'mergedId', 'merge_same_person');
  }
  return inTransaction(pool, async (c) => {
    const locked = await lockPair(c, me, [survivorId, mergedId]);
    const survivor = locked.get(survivorId);
    const merged = locked.get(mergedId);
    if (!survivor) throw new AppError(404, 'not_found', PERSON_NOT_FOUND, 'survivorId');
    if (!merged) throw new AppError(404, 'not_found', PERSON_NOT_FOUND, 'mergedId');
    if (survivor.mergedInto) throw mergedAlready('survivorId');
    if (merged.mergedInto) throw mergedAlready('mergedId');
    if (survivor.provinceCode !== merged.provinceCode) {
      throw badInput('Không gộp được hai hồ sơ ở hai tỉnh khác nhau', 'mergedId', 'merge_other_province');
    }
    const province = survivor.provinceCode;
    const mergeId = randomUUID();
    // The same dose number on both: one of the pair stops counting, superseded by the merge.
    const superseded = await query<{ id: string }>(
      c,
      sql`WITH pairs AS (
            SELECT s.id AS s_id, m.id AS m_id,
                   s.review_status = 'rejected' AND m.review_status <> 'rejected' AS keep_absorbed
              FROM vaccine_doses s
              JOIN vaccine_doses m ON m.province_code = s.province_code AND m.person_id = ${mergedId}
               AND m.dose_number = s.dose_number AND m.superseded_by IS NULL
             WHERE s.province_code = ${province} AND s.person_id = ${survivorId} AND s.superseded_by IS NULL)
          UPDATE vaccine_doses d SET superseded_by = ${mergeId}
            FROM pairs
           WHERE d.province_code = ${province}
             AND d.id = CASE WHEN pairs.keep_absorbed THEN pairs.s_id ELSE pairs.m_id END
          RETURNING d.id`,
    );
    const moved = await query<{ id: string }>(
      c,
      sql`UPDATE vaccine_doses SET person_id = ${survivorId}, merged_from = coalesce(merged_from, ${mergedId}::uuid)
           WHERE province_code = ${province} AND person_id = ${mergedId}
          RETURNING id`,
    );
    await c.query(
      `INSERT INTO person_merges (id, province_code, unit_code, survivor_id, merged_id, dose_ids, reason, merged_by, merged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
      [
        mergeId,
        province,
        survivor.unitCode,
        survivorId,
        mergedId,
        moved.map((d) => d.id),
        body.reason?.trim() || null,
        me.accountId,
      ],
    );
    const { rowCount } = await c.query(
      `UPDATE persons SET merged_into = $2, updated_at = now(), updated_by = $3
        WHERE id = $1 AND province_code = $4 AND merged_into IS NULL`,
      [mergedId, survivorId, me.accountId, province],
    );
    if (rowCount !== 1) throw mergedAlready('mergedId');
    const closed = await c.query(
      `UPDATE person_reviews SET status = 'merged', resolved_by = $2, resolved_at = now()
        WHERE province_code = $3 AND status = 'open' AND (person_id = $1 OR other_person_id = $1)`,
      [mergedId, me.accountId, province],
    );
    await recordAudit(c, request, {
      action: 'merge',
      entity: 'person',
      entityId: mergedId,
      place: { unitCode: merged.unitCode, provinceCode: province },
      detail: {
        mergeId,
        survivorId,
        doses: moved.length,
        superseded: superseded.length,
        problemsClosed: closed.rowCount,
      },
    });
    return {
      id: mergeId,
      survivorId,
      mergedId,
      dosesMoved: moved.length,
      dosesSuperseded: superseded.length,
      problemsClosed: closed.rowCount ?? 0,
    };
  });
}

/**
 * Undoes a merge: the doses go back to the absorbed record as they were (merged_from, and the
 * dose superseded by the merge current again), the record counts again, and the problems the
 * merge closed open again. Refused (409) once the merge is undone or a later merge moved the
 * same records (undo that one first). One transaction, audited.
 */
export async function undoMerge(pool: Pool, me: Principal, request: FastifyRequest, mergeId: string) {
  return inTransaction(pool, async (c) => {
    const merge = (
      await query<{
        id: string;
        provinceCode: string;
        survivorId: string;
        mergedId: string;
        doseIds: string[];
        undoneAt: string | null;
      }>(
        c,
        sql`SELECT m.id, m.province_code AS "provinceCode", m.survivor_id AS "survivorId", m.merged_id AS "mergedId",
                   m.dose_ids AS "doseIds", m.undone_at AS "undoneAt"
              FROM person_merges m
             WHERE m.id = ${mergeId} AND ${me.scope.covers(sql`m.unit_code`, sql`m.province_code`)}
             FOR UPDATE OF m`,
      )
    )[0];
    if (!merge) throw notFound('Không tìm thấy lần gộp này hoặc lần gộp ở ngoài địa bàn của bạn');
    if (merge.undoneAt) {
      throw new AppError(409, 'merge_undone', 'Lần gộp này đã được hoàn tác', 'id');
    }
    const locked = await lockPair(c, me, [merge.survivorId, merge.mergedId]);
    const survivor = locked.get(merge.survivorId);
    const merged = locked.get(merge.mergedId);
    if (!survivor || !merged) throw notFound(PERSON_NOT_FOUND);
    const province = merge.provinceCode;
    const laterMerge = new AppError(
      409,
      'merge_moved_on',
      'Hồ sơ đã được gộp tiếp sau lần gộp này; hãy hoàn tác lần gộp sau trước',
      'id',
    );
    if (survivor.mergedInto || merged.mergedInto !== merge.survivorId) throw laterMerge;
    const back = await c.query(
      `UPDATE vaccine_doses SET person_id = $2, merged_from = NULLIF(merged_from, $2)
        WHERE province_code = $3 AND id = ANY($4::uuid[]) AND person_id = $1`,
      [merge.survivorId, merge.mergedId, province, merge.doseIds],
    );
    if (back.rowCount !== merge.doseIds.length) throw laterMerge;
    await c.query(
      `UPDATE vaccine_doses SET superseded_by = NULL WHERE province_code = $1 AND superseded_by = $2`,
      [province, merge.id],
    );
    await c.query(
      `UPDATE persons SET merged_into = NULL, updated_at = now(), updated_by = $2 WHERE id = $1 AND province_code = $3`,
      [merge.mergedId, me.accountId, province],
    );
    const reopened = await c.query(
      `UPDATE person_reviews r SET status = 'open', resolved_by = NULL, resolved_at = NULL
         FROM person_merges m
        WHERE m.id = $1 AND r.province_code = m.province_code AND r.status = 'merged'
          AND r.resolved_at = m.merged_at AND (r.person_id = m.merged_id OR r.other_person_id = m.merged_id)`,
      [merge.id],
    );
    await c.query(
      `UPDATE person_merges SET undone_by = $2, undone_at = now() WHERE id = $1 AND province_code = $3`,
      [merge.id, me.accountId, province],
    );
    await recordAudit(c, request, {
      action: 'unmerge',
      entity: 'person',
      entityId: merge.mergedId,
      place: { unitCode: merged.unitCode, provinceCode: province },
      detail: {
        mergeId,
        survivorId: merge.survivorId,
        doses: merge.doseIds.length,
        problemsReopened: reopened.rowCount,
      },
    });
    return {
      id: merge.id,
      survivorId: merge.survivorId,
      mergedId: merge.mergedId,
      dosesRestored: merge.doseIds.length,
      problemsReopened: reopened.rowCount ?? 0,
    };
  });
}
