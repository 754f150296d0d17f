import {
  CALLER_WARNING_SIGN_LABELS,
  CALLER_WARNING_SIGNS,
  type CallerWarningSign,
  HOTLINE_KINDS,
  type HotlineKind,
  hotlineDue,
  hotlinePriority,
  hotlineReference,
  normalizePhone,
  type Problem,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { placeOf, recordAudit, recordRead } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { inTransaction, type Pool } from '../../db/pool.ts';
import { query, queryOne, sql } from '../../db/sql.ts';
import { AppError, badInput, notFound, problemsError } from '../../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../../http/pagination.ts';
import {
  type BoardFilter,
  boardRows,
  communeUnit,
  countOpen,
  type HotlineRow,
  insertRequest,
  matchPerson,
  numbersAround,
  type PersonFacts,
  personInScope,
  requestInScope,
} from './queries.ts';

export interface RequestInput {
  callerName?: string;
  phone?: string;
  unitCode?: string;
  personId?: string;
  address?: string;
  kind?: string;
  detail?: string;
  warningSigns?: string[];
  inIsolation?: boolean;
}

const REQUEST_NOT_FOUND = 'Không tìm thấy yêu cầu này trong địa bàn của bạn';

function text(v: string | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/** Every problem of a request's fields, each naming its field (the public form shows them all). */
function checkFields(input: RequestInput, unitRequired: boolean): Problem[] {
  const problems: Problem[] = [];
  if (!text(input.callerName)) {
    problems.push({ code: 'required', message: 'Hãy nhập họ tên người cần hỗ trợ', field: 'callerName' });
  }
  if (!text(input.phone)) {
    problems.push({ code: 'required', message: 'Hãy nhập số điện thoại để cán bộ gọi lại', field: 'phone' });
  } else if (normalizePhone(input.phone!) === null) {
    problems.push({
      code: 'phone_format',
      message: 'Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09)',
      field: 'phone',
    });
  }
  if (unitRequired && !text(input.unitCode)) {
    problems.push({
      code: 'required',
      message: 'Hãy chọn xã, phường, thị trấn nơi đang ở',
      field: 'unitCode',
    });
  }
  if (!input.kind) {
    problems.push({ code: 'required', message: 'Hãy chọn loại hỗ trợ cần', field: 'kind' });
  } else if (!(HOTLINE_KINDS as readonly string[]).includes(input.kind)) {
    problems.push({ code: 'invalid_value', message: 'Loại hỗ trợ không hợp lệ', field: 'kind' });
  }
  const unknown = (input.warningSigns ?? []).filter(
    (s) => !(CALLER_WARNING_SIGNS as readonly string[]).includes(s),
  );
  if (unknown.length) {
    problems.push({
      code: 'invalid_value',
      message: 'Dấu hiệu cảnh báo không hợp lệ',
      field: 'warningSigns',
    });
  }
  return problems;
}

function unitNotCommune(field = 'unitCode'): AppError {
  return badInput('Không có xã, phường, thị trấn với mã này', field, 'unit_not_found');
}

/** The answer a caller gets: a reference to quote and the time the team must answer by. */
export interface Receipt {
  reference: string;
  dueBy: string;
}

/**
 * A request from the public page: routed to the commune given; matched to a person there by phone
 * (server side only, to set the priority and link the record); the caller learns only a reference
 * and the due time, whatever the match found.
 */
export async function createPublicRequest(pool: Pool, input: RequestInput): Promise<Receipt> {
  const problems = checkFields(input, true);
  if (problems.length) throw problemsError(problems);
  const unit = await communeUnit(pool, input.unitCode!.trim());
  if (!unit) throw unitNotCommune();
  const phone = normalizePhone(input.phone!)!;
  const person = await matchPerson(pool, phone, unit);
  const out = await create(pool, {
    unit,
    person,
    input,
    phone,
    channel: 'public',
    createdBy: null,
  });
  return { reference: hotlineReference(out.id), dueBy: out.dueAt.toISOString() };
}

/**
 * A call recorded by an operator: a person picked inside the jurisdiction routes it to their
 * commune of residence; otherwise the commune given (inside the jurisdiction) and a match by phone.
 */
export async function createOperatorRequest(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  input: RequestInput,
): Promise<HotlineRow & { reference: string }> {
  const problems = checkFields(input, !input.personId);
  if (problems.length) throw problemsError(problems);
  const phone = normalizePhone(input.phone!)!;
  let person: PersonFacts | undefined;
  let unitCode: string;
  if (input.personId) {
    const picked = await personInScope(pool, me, input.personId);
    if (!picked)
      throw new AppError(
        404,
        'person_not_found',
        'Không tìm thấy người này trong địa bàn của bạn',
        'personId',
      );
    person = picked;
    unitCode = picked.unitCode;
  } else {
    const inside = await me.scope.unitInside(pool, input.unitCode!.trim(), 'unitCode');
    unitCode = inside.code;
  }
  const unit = await communeUnit(pool, unitCode);
  if (!unit) {
    throw badInput(
      'Hãy chọn một xã, phường, thị trấn (yêu cầu được chuyển về tổ của xã)',
      'unitCode',
      'unit_not_commune',
    );
  }
  person ??= await matchPerson(pool, phone, unit);
  const out = await create(
    pool,
    { unit, person, input, phone, channel: 'hotline', createdBy: me.accountId },
    me,
    request,
  );
  const row = (await requestInScope(pool, me, out.id))!;
  return { ...row, reference: hotlineReference(row.id) };
}

async function create(
  pool: Pool,
  c: {
    unit: { code: string; provinceCode: string };
    person: PersonFacts | undefined;
    input: RequestInput;
    phone: string;
    channel: 'public' | 'hotline';
    createdBy: string | null;
  },
  me?: Principal,
  request?: FastifyRequest,
): Promise<{ id: string; dueAt: Date }> {
  const { input, person } = c;
  const kind = input.kind as HotlineKind;
  const priority = hotlinePriority({
    warningSigns: input.warningSigns ?? [],
    openAlert: person?.openAlert ?? false,
    flags: person?.flags ?? [],
    inIsolation: input.inIsolation === true || Boolean(person?.episodeId),
  });
  const receivedAt = new Date();
  const due = hotlineDue(receivedAt, kind, priority.priority);
  const signs = (input.warningSigns ?? []).length
    ? `Dấu hiệu cảnh báo: ${[...new Set(input.warningSigns)].map((s) => CALLER_WARNING_SIGN_LABELS[s as CallerWarningSign]).join('; ')}`
    : null;
  const detail = [text(input.detail), signs].filter(Boolean).join('\n') || null;
  return inTransaction(pool, async (client) => {
    const { id } = await insertRequest(client, {
      provinceCode: c.unit.provinceCode,
      unitCode: c.unit.code,
      personId: person?.id ?? null,
      episodeId: person?.episodeId ?? null,
      channel: c.channel,
      kind,
      callerName: text(input.callerName)!,
      phone: c.phone,
      address: text(input.address),
      detail,
      priority: priority.priority,
      priorityReasons: priority.reasons,
      receivedAt,
      dueAt: due.dueAt,
      createdBy: c.createdBy,
    });
    if (me && request) {
      await recordAudit(client, request, {
        action: 'create',
        entity: 'hotline_request',
        entityId: id,
        place: { unitCode: c.unit.code, provinceCode: c.unit.provinceCode },
        detail: { kind, priority: priority.priority, policy: due.policy.code, personId: person?.id ?? null },
      });
    }
    return { id, dueAt: due.dueAt };
  });
}

export interface BoardQuery {
  unit?: string;
  status?: BoardFilter['status'];
  kind?: string;
  overdue?: boolean;
  cursor?: string;
  limit?: number;
}

/** The board of the caller's jurisdiction (or a unit inside it): most urgent first, then oldest. */
export async function hotlineBoard(pool: Pool, me: Principal, request: FastifyRequest, q: BoardQuery) {
  const limit = q.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(q.cursor, ['int', 'timestamp', 'uuid'] as const);
  let unitCodes: string[] | null = null;
  let provinceCode: string | null = null;
  if (q.unit) {
    const unit = await me.scope.unitInside(pool, q.unit, 'unit');
    provinceCode = unit.provinceCode;
    if (unit.level === 'commune') unitCodes = [unit.code];
    else if (unit.level === 'district') unitCodes = unit.unitCodes ?? [unit.code];
  }
  const rows = await boardRows(pool, me, {
    unitCodes,
    provinceCode,
    status: q.status ?? 'active',
    kind: q.kind,
    overdueOnly: q.overdue === true,
    after: after as [number, string, string] | undefined,
    limit,
  });
  const page = pageOf(rows, limit, (r) => [r.priority, new Date(r.receivedAt).toISOString(), r.id]);
  // The board shows callers' names and phones: its reading is audited like any list of people.
  recordRead(pool, request, {
    action: 'list',
    entity: 'hotline_request',
    place: me.unit ? { unitCode: me.unit.code, provinceCode: me.unit.provinceCode } : null,
    detail: {
      unit: q.unit ?? null,
      status: q.status ?? 'active',
      kind: q.kind ?? null,
      count: page.items.length,
    },
  });
  return { items: page.items.map(out), next: page.next };
}

function out(row: HotlineRow) {
  const { provinceCode: _p, ...rest } = row;
  return { ...rest, reference: hotlineReference(row.id) };
}

/** Gives an open (or reassigns an assigned) request to a team member. */
export async function assignRequest(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  assignedTo: string,
) {
  const who = assignedTo.trim();
  if (!who) throw badInput('Hãy nhập người hoặc tổ nhận xử lý', 'assignedTo', 'required');
  return inTransaction(pool, async (client) => {
    const current = await requestInScope(client, me, id);
    if (!current) throw notFound(REQUEST_NOT_FOUND);
    const row = await queryOne<{ id: string }>(
      client,
      sql`UPDATE hotline_requests SET status = 'assigned', assigned_to = ${who}, assigned_at = now(),
                 assigned_by = ${me.accountId}
           WHERE id = ${id} AND province_code = ${current.provinceCode} AND status IN ('open', 'assigned')
          RETURNING id`,
    );
    if (!row) throw closed(current);
    await recordAudit(client, request, {
      action: 'update',
      entity: 'hotline_request',
      entityId: id,
      place: placeOf(current),
      detail: { assignedTo: who },
    });
    return out((await requestInScope(client, me, id))!);
  });
}

/**
 * Resolves an open or assigned request. Two officers at once: the row lock makes the second wait
 * and find it resolved (409 naming when), so one answer stands. A late resolution keeps the time
 * it was raised to the district.
 */
export async function resolveRequest(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  resolution: string,
) {
  const what = resolution.trim();
  if (!what) throw badInput('Hãy ghi kết quả xử lý', 'resolution', 'required');
  return inTransaction(pool, async (client) => {
    const current = await requestInScope(client, me, id);
    if (!current) throw notFound(REQUEST_NOT_FOUND);
    const row = await queryOne<{ id: string }>(
      client,
      sql`UPDATE hotline_requests
             SET status = 'resolved', resolution = ${what}, resolved_at = now(), resolved_by = ${me.accountId},
                 escalated_at = COALESCE(escalated_at, CASE WHEN due_at < now() THEN due_at END)
           WHERE id = ${id} AND province_code = ${current.provinceCode} AND status IN ('open', 'assigned')
          RETURNING id`,
    );
    if (!row) throw closed((await requestInScope(client, me, id)) ?? current);
    await recordAudit(client, request, {
      action: 'update',
      entity: 'hotline_request',
      entityId: id,
      place: placeOf(current),
      detail: { status: 'resolved' },
    });
    return out((await requestInScope(client, me, id))!);
  });
}

function closed(row: HotlineRow): AppError {
  const when = row.resolvedAt
    ? ` lúc ${new Date(row.resolvedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}`
    : '';
  return new AppError(
    409,
    'request_closed',
    row.status === 'resolved'
      ? `Yêu cầu này đã được giải quyết${when}; hãy tải lại bảng`
      : 'Yêu cầu này đã bị hủy; hãy tải lại bảng',
    'id',
  );
}

/** For the situation page: open and overdue requests in the caller's jurisdiction (or a unit inside it). */
export async function hotlineCounts(
  pool: Pool,
  me: Principal,
  unit?: string,
): Promise<{ open: number; overdue: number }> {
  if (!unit) return countOpen(pool, me, null);
  const u = await me.scope.unitInside(pool, unit, 'unit');
  const unitCodes =
    u.level === 'province' ? null : u.level === 'district' ? (u.unitCodes ?? [u.code]) : [u.code];
  return countOpen(pool, me, unitCodes ? { unitCodes, provinceCode: u.provinceCode } : null);
}

const HOTLINE_PHONE = /^\+?[0-9][0-9 .()-]{1,18}[0-9]$/;

/** The published numbers around a unit (public): its own, its district's, its province's and those below it. */
export async function publicNumbers(pool: Pool, code: string | undefined) {
  if (!code?.trim()) throw badInput('Hãy chọn tỉnh, huyện hoặc xã', 'unit', 'required');
  const unit = await queryOne<{
    code: string;
    level: string;
    provinceCode: string;
    districtCode: string | null;
    name: string;
  }>(
    pool,
    sql`SELECT code, level, province_code AS "provinceCode", district_code AS "districtCode", name
          FROM units WHERE tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND code = ${code.trim()}`,
  );
  if (!unit) throw badInput('Không có đơn vị hành chính với mã này', 'unit', 'unit_not_found');
  const rows = await numbersAround(pool, unit);
  const units = new Map<
    string,
    { code: string; name: string; level: string; numbers: { phone: string; label: string }[] }
  >();
  for (const r of rows) {
    let u = units.get(r.unitCode);
    if (!u) {
      u = { code: r.unitCode, name: r.unitName, level: r.level, numbers: [] };
      units.set(r.unitCode, u);
    }
    u.numbers.push({ phone: r.phone, label: r.label });
  }
  return { unit: { code: unit.code, name: unit.name, level: unit.level }, units: [...units.values()] };
}

/** Replaces the numbers a unit inside the jurisdiction publishes. */
export async function setNumbers(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  code: string,
  numbers: { phone: string; label: string }[],
) {
  const unit = await me.scope.unitInside(pool, code, 'code');
  const seen = new Set<string>();
  numbers.forEach((n, i) => {
    const phone = n.phone.trim();
    if (!HOTLINE_PHONE.test(phone) || phone.replace(/\D/g, '').length < 3) {
      throw badInput(`Số điện thoại thứ ${i + 1} không hợp lệ`, `numbers[${i}].phone`, 'phone_format');
    }
    if (!n.label.trim()) throw badInput(`Hãy ghi tên của số thứ ${i + 1}`, `numbers[${i}].label`, 'required');
    if (seen.has(phone)) throw badInput(`Số ${phone} bị nhập hai lần`, `numbers[${i}].phone`, 'duplicate');
    seen.add(phone);
  });
  await inTransaction(pool, async (client) => {
    await client.query('DELETE FROM hotline_numbers WHERE unit_code = $1 AND province_code = $2', [
      unit.code,
      unit.provinceCode,
    ]);
    for (const [i, n] of numbers.entries()) {
      await client.query(
        'INSERT INTO hotline_numbers (province_code, unit_code, phone, label, sort) VALUES ($1, $2, $3, $4, $5)',
        [unit.provinceCode, unit.code, n.phone.trim(), n.label.trim(), i],
      );
    }
    await recordAudit(client, request, {
      action: 'update',
      entity: 'hotline_numbers',
      entityId: unit.code,
      place: { unitCode: unit.code, provinceCode: unit.provinceCode },
      detail: { count: numbers.length },
    });
  });
  return {
    unitCode: unit.code,
    numbers: numbers.map((n) => ({ phone: n.phone.trim(), label: n.label.trim() })),
  };
}

/**
 * The units of the active tree under `parent` (the provinces without one): what the public form
 * needs to pick a commune without an account. Names and codes only.
 */
export async function publicUnits(pool: Pool, parent: string | undefined) {
  const rows = await query<{ code: string; name: string; level: string }>(
    pool,
    parent?.trim()
      ? sql`SELECT code, name, level FROM units
             WHERE tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND parent_code = ${parent.trim()}
             ORDER BY name`
      : sql`SELECT code, name, level FROM units
             WHERE tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND level = 'province'
             ORDER BY name`,
  );
  return { items: rows };
}
