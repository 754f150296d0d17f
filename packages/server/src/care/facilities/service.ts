import {
  CAPACITY_LABELS,
  type CapacityField,
  canChangeFacilityState,
  FACILITY_STATE_LABELS,
  type FacilityKind,
  type FacilityState,
  type FacilityType,
  formatVnDate,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { ACTIVE_TREE } from '../../auth/scope.ts';
import { careTierOf, effectiveCareTiers } from '../../care-tiers/queries.ts';
import { inTransaction, type Pool, type PoolClient } from '../../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../../db/sql.ts';
import { AppError, badInput } from '../../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, pageOf } from '../../http/pagination.ts';
import { todayInVietnam } from '../../http/time.ts';

export interface CapacityInput {
  beds: number;
  icuBeds?: number;
  ventilators?: number;
  highFlowOxygen?: number;
  ecmo?: number;
  dialysis?: number;
  oxygenConcentrators?: number;
}

export interface NewFacility {
  name: string;
  kind: FacilityKind;
  type: FacilityType;
  tier?: string;
  unitCode: string;
  owner?: string;
  address?: string;
  phone?: string;
  oxygenSupply?: string;
  capacity: CapacityInput;
}

export interface FacilityRow {
  id: string;
  provinceCode: string;
  unitCode: string;
  unitName: string | null;
  districtCode: string | null;
  name: string;
  kind: FacilityKind;
  type: FacilityType;
  tierCode: string | null;
  tierName: string | null;
  tierNumber: number | null;
  owner: string | null;
  address: string | null;
  phone: string | null;
  state: FacilityState;
  stateOn: string | null;
  beds: number;
  icuBeds: number;
  ventilators: number;
  highFlowOxygen: number;
  ecmo: number;
  dialysis: number;
  oxygenConcentrators: number;
  oxygenSupply: string | null;
  occupied: number;
  free: number;
  createdAt: string;
  updatedAt: string;
}

export const FACILITY_NOT_FOUND = 'Không tìm thấy cơ sở cách ly, điều trị này trong địa bàn của bạn';

const FACILITY_COLUMNS = sql`f.id, f.province_code AS "provinceCode", f.unit_code AS "unitCode", u.name AS "unitName",
  CASE WHEN u.level = 'district' THEN u.code ELSE u.district_code END AS "districtCode",
  f.name, f.kind, f.type, f.tier_code AS "tierCode", t.name AS "tierName", t.tier AS "tierNumber",
  f.owner, f.address, f.phone, f.state, f.state_on AS "stateOn", f.beds, f.icu_beds AS "icuBeds",
  f.ventilators, f.high_flow_oxygen AS "highFlowOxygen", f.ecmo, f.dialysis,
  f.oxygen_concentrators AS "oxygenConcentrators", f.oxygen_supply AS "oxygenSupply", f.occupied,
  GREATEST(f.beds - f.occupied, 0) AS free, f.created_at AS "createdAt", f.updated_at AS "updatedAt"`;

/** The facility's unit and its tier (the province's own row, else the national default). */
export const FACILITY_FROM = sql`facilities f
  LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = f.unit_code
  LEFT JOIN LATERAL (
    SELECT ct.name, ct.tier FROM care_tiers ct
     WHERE ct.code = f.tier_code AND ct.province_code IN (f.province_code, '00')
     ORDER BY ct.province_code = '00' LIMIT 1) t ON TRUE`;

export function facilitiesCovered(me: Principal): SQL {
  return me.scope.covers(sql`f.unit_code`, sql`f.province_code`);
}

const CAPACITY_COLUMNS: Record<CapacityField, string> = {
  beds: 'beds',
  icuBeds: 'icu_beds',
  ventilators: 'ventilators',
  highFlowOxygen: 'high_flow_oxygen',
  ecmo: 'ecmo',
  dialysis: 'dialysis',
  oxygenConcentrators: 'oxygen_concentrators',
};

function textOrNull(v: string | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/** A facility inside the caller's jurisdiction (its unit), else 404; `lock`: FOR UPDATE. */
export async function facilityInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
  lock = false,
): Promise<FacilityRow> {
  const row = await queryOne<FacilityRow>(
    db,
    sql`SELECT ${FACILITY_COLUMNS} FROM ${FACILITY_FROM}
         WHERE f.id = ${id} AND ${facilitiesCovered(me)} ${lock ? sql`FOR UPDATE OF f` : sql``}`,
  );
  if (!row) throw new AppError(404, 'facility_not_found', FACILITY_NOT_FOUND, 'id');
  return row;
}

/** The tier of a treatment facility: an active tier of its province; an isolation site has none. */
async function tierOf(db: PoolClient, provinceCode: string, kind: FacilityKind, tier: string | undefined) {
  const code = textOrNull(tier);
  if (!code) return null;
  if (kind !== 'treatment') {
    throw badInput(
      'Chỉ cơ sở thu dung, điều trị mới thuộc một tầng điều trị',
      'tier',
      'tier_not_for_isolation',
    );
  }
  const row = await careTierOf(db, provinceCode, code);
  if (!row?.active) {
    throw badInput(
      `Tầng điều trị "${code}" không có trong danh mục tầng điều trị của tỉnh`,
      'tier',
      'unknown_tier',
    );
  }
  return row.code;
}

/** POST /facilities: a site or facility inside the caller's jurisdiction, planned, with its capacity of today. */
export async function createFacility(pool: Pool, me: Principal, request: FastifyRequest, input: NewFacility) {
  const name = input.name.trim();
  if (!name) throw badInput('Hãy nhập tên cơ sở', 'name', 'name_required');
  return inTransaction(pool, async (c) => {
    const unit = await me.scope.unitInside(c, input.unitCode, 'unitCode');
    const tierCode = await tierOf(c, unit.provinceCode, input.kind, input.tier);
    const today = todayInVietnam();
    const cap = input.capacity;
    // state_on stays empty until the first decision: a site registered today may have been decided on long before.
    const row = await queryOne<{ id: string }>(
      c,
      sql`INSERT INTO facilities (province_code, unit_code, name, kind, type, tier_code, owner, address, phone,
                                  state, state_on, beds, icu_beds, ventilators, high_flow_oxygen, ecmo, dialysis,
                                  oxygen_concentrators, oxygen_supply, created_by)
          VALUES (${unit.provinceCode}, ${unit.code}, ${name}, ${input.kind}, ${input.type}, ${tierCode},
                  ${textOrNull(input.owner)}, ${textOrNull(input.address)}, ${textOrNull(input.phone)}, 'planned',
                  NULL, ${cap.beds}, ${cap.icuBeds ?? 0}, ${cap.ventilators ?? 0}, ${cap.highFlowOxygen ?? 0},
                  ${cap.ecmo ?? 0}, ${cap.dialysis ?? 0}, ${cap.oxygenConcentrators ?? 0},
                  ${textOrNull(input.oxygenSupply)}, ${me.accountId})
          RETURNING id`,
    );
    const id = row!.id;
    await c.query(
      `INSERT INTO facility_states (province_code, facility_id, state, effective_on, decided_by, note, recorded_by)
       VALUES ($1, $2, 'planned', $3, NULL, 'Đăng ký cơ sở', $4)`,
      [unit.provinceCode, id, today, me.accountId],
    );
    await upsertDay(c, me, unit.provinceCode, id, today, cap);
    await recordAudit(c, request, {
      action: 'create',
      entity: 'facility',
      entityId: id,
      place: { unitCode: unit.code, provinceCode: unit.provinceCode },
      detail: { name, kind: input.kind, type: input.type, tierCode, capacity: cap },
    });
    return facilityInScope(c, me, id);
  });
}

export interface FacilityQuery {
  unit?: string;
  kind?: FacilityKind;
  state?: FacilityState;
  tier?: string;
  /** The active facilities of the province with their free beds (to admit or transfer into), whatever their unit. */
  available?: boolean;
  q?: string;
  cursor?: string;
  limit?: number;
}

/** GET /facilities: by name, keyset (name, id); each with its beds, occupied and free. */
export async function listFacilities(pool: Pool, me: Principal, q: FacilityQuery) {
  const where: SQL[] = [];
  if (q.available) {
    const province = q.unit
      ? (await me.scope.unitInside(pool, q.unit, 'unit')).provinceCode
      : me.unit?.provinceCode;
    if (!province) throw badInput('Hãy chọn tỉnh cần tìm cơ sở', 'unit', 'unit_required');
    where.push(sql`f.province_code = ${province}`, sql`f.state = 'active'`);
  } else {
    where.push(facilitiesCovered(me));
    if (q.unit) where.push(await unitFilter(pool, me, q.unit, sql`f`));
  }
  if (q.kind) where.push(sql`f.kind = ${q.kind}`);
  if (q.state) where.push(sql`f.state = ${q.state}`);
  if (q.tier) where.push(sql`f.tier_code = ${q.tier}`);
  if (q.q?.trim()) where.push(sql`f.name ILIKE ${`%${q.q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`);
  const after = decodeCursor(q.cursor, ['text', 'uuid']);
  if (after) where.push(sql`(f.name, f.id) > (${after[0]}::text, ${after[1]}::uuid)`);
  const limit = q.limit ?? DEFAULT_LIMIT;
  const rows = await query<FacilityRow>(
    pool,
    sql`SELECT ${FACILITY_COLUMNS} FROM ${FACILITY_FROM}
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY f.name, f.id LIMIT ${limit + 1}`,
  );
  return pageOf(rows, limit, (r) => [r.name, r.id]);
}

/** SQL condition: the row of alias `a` lies in the unit `code` or below it (inside the jurisdiction). */
export async function unitFilter(db: Pool | PoolClient, me: Principal, code: string, a: SQL): Promise<SQL> {
  const unit = await me.scope.unitInside(db, code, 'unit');
  if (unit.level === 'province') return sql`${a}.province_code = ${unit.provinceCode}`;
  if (unit.level === 'district') {
    return sql`(${a}.province_code = ${unit.provinceCode} AND ${a}.unit_code = ANY(${sql.param([
      unit.code,
      ...(unit.unitCodes ?? []),
    ])}::text[]))`;
  }
  return sql`(${a}.province_code = ${unit.provinceCode} AND ${a}.unit_code = ${unit.code})`;
}

/** GET /facilities/:id: the facility, its state history and its last 60 days of capacity. */
export async function facilityDetail(pool: Pool, me: Principal, id: string) {
  const facility = await facilityInScope(pool, me, id);
  const [states, days] = await Promise.all([
    query(
      pool,
      sql`SELECT s.id, s.state, s.effective_on AS "effectiveOn", s.decided_by AS "decidedBy", s.note,
                 a.full_name AS "recordedBy", s.recorded_at AS "recordedAt"
            FROM facility_states s LEFT JOIN accounts a ON a.id = s.recorded_by
           WHERE s.facility_id = ${id} AND s.province_code = ${facility.provinceCode}
           ORDER BY s.recorded_at DESC, s.id`,
    ),
    facilityDays(pool, facility, addDaysIso(todayInVietnam(), -59), todayInVietnam()),
  ]);
  return { ...facility, states, days };
}

function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface DayRow {
  day: string;
  /** The capacity reported for that day, else the last report before it; null before the first. */
  beds: number | null;
  icuBeds: number | null;
  ventilators: number | null;
  highFlowOxygen: number | null;
  ecmo: number | null;
  dialysis: number | null;
  oxygenConcentrators: number | null;
  icuOccupied: number | null;
  /** Whether that day has a report of its own. */
  reported: boolean;
  reportedBy: string | null;
  /** People in the facility at the end of the day (now, for today), counted from the stays. */
  occupied: number;
}

/** Each day of [from, to]: the capacity in force and the people counted from the stays. */
async function facilityDays(
  db: Pool | PoolClient,
  f: { id: string; provinceCode: string },
  from: string,
  to: string,
) {
  return query<DayRow>(
    db,
    sql`SELECT d.day::date::text AS day, r.beds, r.icu_beds AS "icuBeds", r.ventilators,
               r.high_flow_oxygen AS "highFlowOxygen", r.ecmo, r.dialysis,
               r.oxygen_concentrators AS "oxygenConcentrators", r.icu_occupied AS "icuOccupied",
               coalesce(r.day = d.day::date, false) AS reported, a.full_name AS "reportedBy",
               (SELECT count(*)::int FROM care_stays s
                 WHERE s.province_code = ${f.provinceCode} AND s.facility_id = ${f.id}
                   AND s.from_at < LEAST(now(), (d.day::date + 1)::timestamptz)
                   AND (s.to_at IS NULL OR s.to_at >= LEAST(now(), (d.day::date + 1)::timestamptz))) AS occupied
          FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS d(day)
          LEFT JOIN LATERAL (
            SELECT * FROM facility_days x
             WHERE x.facility_id = ${f.id} AND x.province_code = ${f.provinceCode} AND x.day <= d.day::date
             ORDER BY x.day DESC LIMIT 1) r ON TRUE
          LEFT JOIN accounts a ON a.id = r.reported_by AND r.day = d.day::date
         ORDER BY d.day`,
  );
}

/** GET /facilities/:id/days?from&to (at most a year). */
export async function facilityDaysOf(
  pool: Pool,
  me: Principal,
  id: string,
  q: { from?: string; to?: string },
) {
  const facility = await facilityInScope(pool, me, id);
  const to = q.to ?? todayInVietnam();
  const from = q.from ?? addDaysIso(to, -29);
  if (from > to) throw badInput('Ngày bắt đầu phải trước ngày kết thúc', 'from', 'from_after_to');
  if (addDaysIso(from, 366) <= to) throw badInput('Chỉ xem được tối đa một năm', 'from', 'range_too_long');
  return { facilityId: id, from, to, days: await facilityDays(pool, facility, from, to) };
}

async function upsertDay(
  c: PoolClient,
  me: Principal,
  provinceCode: string,
  facilityId: string,
  day: string,
  cap: CapacityInput & { icuOccupied?: number | null },
  occupied = 0,
) {
  await c.query(
    `INSERT INTO facility_days (province_code, facility_id, day, beds, icu_beds, ventilators, high_flow_oxygen, ecmo,
                                dialysis, oxygen_concentrators, occupied, icu_occupied, reported_by, reported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
     ON CONFLICT (facility_id, day, province_code) DO UPDATE SET
       beds = EXCLUDED.beds, icu_beds = EXCLUDED.icu_beds, ventilators = EXCLUDED.ventilators,
       high_flow_oxygen = EXCLUDED.high_flow_oxygen, ecmo = EXCLUDED.ecmo, dialysis = EXCLUDED.dialysis,
       oxygen_concentrators = EXCLUDED.oxygen_concentrators, occupied = EXCLUDED.occupied,
       icu_occupied = EXCLUDED.icu_occupied, reported_by = EXCLUDED.reported_by, reported_at = now()`,
    [
      provinceCode,
      facilityId,
      day,
      cap.beds,
      cap.icuBeds ?? 0,
      cap.ventilators ?? 0,
      cap.highFlowOxygen ?? 0,
      cap.ecmo ?? 0,
      cap.dialysis ?? 0,
      cap.oxygenConcentrators ?? 0,
      occupied,
      cap.icuOccupied ?? null,
      me.accountId,
    ],
  );
}

/**
 * PUT /facilities/:id/days/:day: the daily capacity report. Occupied is counted from the stays open
 * at the end of that day; beds below it are refused naming the field. A report of today also sets
 * the facility's current capacity (under its row lock, so an admission cannot slip in between).
 */
export async function reportDay(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  day: string,
  input: CapacityInput & { icuOccupied?: number },
) {
  const today = todayInVietnam();
  if (day > today) {
    throw badInput(
      `Không báo cáo trước cho ngày ${formatVnDate(day)} (hôm nay ${formatVnDate(today)})`,
      'day',
      'day_future',
    );
  }
  return inTransaction(pool, async (c) => {
    const facility = await facilityInScope(c, me, id, true);
    const counted = await queryOne<{ occupied: number }>(
      c,
      sql`SELECT count(*)::int AS occupied FROM care_stays s
           WHERE s.province_code = ${facility.provinceCode} AND s.facility_id = ${id}
             AND s.from_at < LEAST(now(), (${day}::date + 1)::timestamptz)
             AND (s.to_at IS NULL OR s.to_at >= LEAST(now(), (${day}::date + 1)::timestamptz))`,
    );
    const occupied = day === today ? facility.occupied : (counted?.occupied ?? 0);
    if (input.beds < occupied) {
      throw badInput(
        `${CAPACITY_LABELS.beds}: ${input.beds} ít hơn số người đang ở (${occupied}) ngày ${formatVnDate(day)}`,
        'beds',
        'beds_below_occupied',
      );
    }
    if (input.icuOccupied !== undefined && input.icuOccupied > (input.icuBeds ?? 0)) {
      throw badInput(
        `Số người nằm ICU (${input.icuOccupied}) nhiều hơn số giường ICU (${input.icuBeds ?? 0})`,
        'icuOccupied',
        'icu_over_beds',
      );
    }
    await upsertDay(c, me, facility.provinceCode, id, day, input, occupied);
    if (day === today) {
      const sets = (Object.keys(CAPACITY_COLUMNS) as CapacityField[]).map(
        (k) => sql`${sql.raw(CAPACITY_COLUMNS[k])} = ${input[k] ?? 0}`,
      );
      await query(
        c,
        sql`UPDATE facilities SET ${sql.join(sets, sql`, `)}, updated_at = now()
             WHERE id = ${id} AND province_code = ${facility.provinceCode}`,
      );
    }
    await recordAudit(c, request, {
      action: 'update',
      entity: 'facility_day',
      entityId: id,
      place: { unitCode: facility.unitCode, provinceCode: facility.provinceCode },
      detail: { day, ...input, occupied },
    });
    const [row] = await facilityDays(c, facility, day, day);
    return row;
  });
}

export interface StateChange {
  state: FacilityState;
  effectiveOn: string;
  decidedBy: string;
  note?: string;
}

/** POST /facilities/:id/state: a change allowed by FACILITY_TRANSITIONS; never closing over people. */
export async function changeState(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  input: StateChange,
) {
  const decidedBy = input.decidedBy.trim();
  if (!decidedBy)
    throw badInput(
      'Hãy ghi ai quyết định (số, ngày quyết định, cơ quan)',
      'decidedBy',
      'decided_by_required',
    );
  const today = todayInVietnam();
  if (input.effectiveOn > addDaysIso(today, 60)) {
    throw badInput('Ngày hiệu lực quá xa (quá 60 ngày từ hôm nay)', 'effectiveOn', 'effective_too_far');
  }
  return inTransaction(pool, async (c) => {
    const f = await facilityInScope(c, me, id, true);
    if (f.state === input.state) {
      throw new AppError(
        409,
        'same_state',
        `Cơ sở đang ở trạng thái "${FACILITY_STATE_LABELS[f.state]}"`,
        'state',
      );
    }
    if (!canChangeFacilityState(f.state, input.state)) {
      throw badInput(
        `Không chuyển được từ "${FACILITY_STATE_LABELS[f.state]}" sang "${FACILITY_STATE_LABELS[input.state]}"`,
        'state',
        'transition_not_allowed',
      );
    }
    if (input.state !== 'active' && f.occupied > 0) {
      throw new AppError(
        409,
        'facility_occupied',
        `${f.name} còn ${f.occupied} người đang cách ly, điều trị: hãy cho ra viện hoặc chuyển hết trước khi chuyển sang "${FACILITY_STATE_LABELS[input.state]}"`,
        'state',
        undefined,
        { occupied: f.occupied },
      );
    }
    if (f.stateOn && input.effectiveOn < f.stateOn) {
      throw badInput(
        `Ngày hiệu lực (${formatVnDate(input.effectiveOn)}) trước ngày của trạng thái hiện tại (${formatVnDate(f.stateOn)})`,
        'effectiveOn',
        'effective_before_current',
      );
    }
    await c.query(
      `INSERT INTO facility_states (province_code, facility_id, state, effective_on, decided_by, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [f.provinceCode, id, input.state, input.effectiveOn, decidedBy, textOrNull(input.note), me.accountId],
    );
    await c.query(
      `UPDATE facilities SET state = $3, state_on = $4, updated_at = now() WHERE id = $1 AND province_code = $2`,
      [id, f.provinceCode, input.state, input.effectiveOn],
    );
    await recordAudit(c, request, {
      action: 'update',
      entity: 'facility',
      entityId: id,
      place: { unitCode: f.unitCode, provinceCode: f.provinceCode },
      detail: { state: { from: f.state, to: input.state }, effectiveOn: input.effectiveOn, decidedBy },
    });
    return facilityInScope(c, me, id);
  });
}

/** The tiers of the provinces in a query, for joins (re-exported for the capacity board). */
export { effectiveCareTiers };
