import type { Principal } from '../../auth/principal.ts';
import { ACTIVE_TREE } from '../../auth/scope.ts';
import type { Pool, PoolClient } from '../../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../../db/sql.ts';

/** A request as the board shows it. */
export interface HotlineRow {
  id: string;
  provinceCode: string;
  unitCode: string;
  unitName: string | null;
  districtCode: string | null;
  personId: string | null;
  episodeId: string | null;
  channel: string;
  kind: string;
  callerName: string;
  phone: string;
  address: string | null;
  detail: string | null;
  priority: number;
  priorityReasons: string[];
  status: string;
  receivedAt: string;
  dueAt: string;
  assignedAt: string | null;
  assignedTo: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  /** Stored when set by the periodic job or a late resolution, else the due time once it has passed. */
  escalatedAt: string | null;
  overdue: boolean;
}

const OPEN = sql`r.status IN ('open', 'assigned')`;

/** Overdue at read time: still open and its due time has passed (escalated to the district from then on). */
const OVERDUE = sql`(${OPEN} AND r.due_at < now())`;

export const HOTLINE_COLUMNS = sql`r.id, r.province_code AS "provinceCode", r.unit_code AS "unitCode",
  u.name AS "unitName", u.district_code AS "districtCode", r.person_id AS "personId", r.episode_id AS "episodeId",
  r.channel, r.kind, r.caller_name AS "callerName", r.phone, r.address, r.detail, r.priority,
  r.priority_reasons AS "priorityReasons", r.status, r.received_at AS "receivedAt", r.due_at AS "dueAt",
  r.assigned_at AS "assignedAt", r.assigned_to AS "assignedTo", r.resolved_at AS "resolvedAt", r.resolution,
  COALESCE(r.escalated_at, CASE WHEN ${OVERDUE} THEN r.due_at END) AS "escalatedAt",
  ${OVERDUE} AS overdue`;

const HOTLINE_FROM = sql`hotline_requests r
  LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = r.unit_code`;

export function requestsInScope(me: Principal): SQL {
  return me.scope.covers(sql`r.unit_code`, sql`r.province_code`);
}

export async function requestInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
): Promise<HotlineRow | undefined> {
  return queryOne<HotlineRow>(
    db,
    sql`SELECT ${HOTLINE_COLUMNS} FROM ${HOTLINE_FROM} WHERE r.id = ${id} AND ${requestsInScope(me)}`,
  );
}

/** The commune a request is routed to: a commune (or island district without communes) of the active tree. */
export async function communeUnit(
  db: Pool | PoolClient,
  code: string,
): Promise<
  { code: string; name: string; level: string; provinceCode: string; districtCode: string | null } | undefined
> {
  return queryOne(
    db,
    sql`SELECT u.code, u.name, u.level, u.province_code AS "provinceCode", u.district_code AS "districtCode"
          FROM units u
         WHERE u.tree = ${ACTIVE_TREE} AND u.code = ${code}
           AND (u.level = 'commune' OR (u.level = 'district' AND NOT EXISTS (
                 SELECT 1 FROM units c WHERE c.tree = u.tree AND c.district_code = u.code AND c.level = 'commune')))`,
  );
}

/** What the priority needs of a matched person: flags, an open alert, an active episode. */
export interface PersonFacts {
  id: string;
  provinceCode: string;
  unitCode: string;
  flags: string[];
  openAlert: boolean;
  episodeId: string | null;
}

const PERSON_FACTS = sql`p.id, p.province_code AS "provinceCode", p.unit_code AS "unitCode", p.flags,
  EXISTS (SELECT 1 FROM care_alerts a WHERE a.person_id = p.id AND a.province_code = p.province_code
            AND a.status = 'open') AS "openAlert",
  (SELECT e.id FROM care_episodes e WHERE e.person_id = p.id AND e.province_code = p.province_code
      AND e.status = 'active' LIMIT 1) AS "episodeId"`;

/**
 * The person a caller most likely is: same (normalised) phone and residence commune, alive and not
 * merged; one in an active episode first. Server-side only: nothing of it reaches a public caller.
 */
export async function matchPerson(
  db: Pool | PoolClient,
  phone: string,
  unit: { code: string; provinceCode: string },
): Promise<PersonFacts | undefined> {
  return queryOne<PersonFacts>(
    db,
    sql`SELECT ${PERSON_FACTS}
          FROM persons p
         WHERE p.phone = ${phone} AND p.unit_code = ${unit.code} AND p.province_code = ${unit.provinceCode}
           AND p.merged_into IS NULL AND p.deceased_on IS NULL
         ORDER BY EXISTS (SELECT 1 FROM care_episodes e WHERE e.person_id = p.id AND e.province_code = p.province_code
                            AND e.status = 'active') DESC, p.created_at
         LIMIT 1`,
  );
}

/** A person picked by an operator, inside the operator's jurisdiction. */
export async function personInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
): Promise<(PersonFacts & { fullName: string; phone: string | null }) | undefined> {
  return queryOne(
    db,
    sql`SELECT ${PERSON_FACTS}, p.full_name AS "fullName", p.phone
          FROM persons p
         WHERE p.id = ${id} AND p.merged_into IS NULL
           AND ${me.scope.covers(sql`p.unit_code`, sql`p.province_code`)}`,
  );
}

export interface NewRequest {
  provinceCode: string;
  unitCode: string;
  personId: string | null;
  episodeId: string | null;
  channel: 'public' | 'hotline';
  kind: string;
  callerName: string;
  phone: string;
  address: string | null;
  detail: string | null;
  priority: number;
  priorityReasons: string[];
  receivedAt: Date;
  dueAt: Date;
  createdBy: string | null;
}

export async function insertRequest(db: Pool | PoolClient, r: NewRequest): Promise<{ id: string }> {
  const row = await queryOne<{ id: string }>(
    db,
    sql`INSERT INTO hotline_requests (province_code, unit_code, person_id, episode_id, channel, kind, caller_name,
                                      phone, address, detail, priority, priority_reasons, received_at, due_at, created_by)
        VALUES (${r.provinceCode}, ${r.unitCode}, ${r.personId}, ${r.episodeId}, ${r.channel}, ${r.kind},
                ${r.callerName}, ${r.phone}, ${r.address}, ${r.detail}, ${r.priority},
                ${sql.param(r.priorityReasons)}::text[], ${r.receivedAt.toISOString()}::timestamptz,
                ${r.dueAt.toISOString()}::timestamptz, ${r.createdBy})
        RETURNING id`,
  );
  return row!;
}

export interface BoardFilter {
  /** Units to cover: a commune, or a district's communes; none = the whole scope. */
  unitCodes: string[] | null;
  provinceCode: string | null;
  /** active = open + assigned. */
  status: 'active' | 'open' | 'assigned' | 'resolved' | 'cancelled';
  kind?: string;
  overdueOnly: boolean;
  after?: [number, string, string];
  limit: number;
}

/**
 * The board: requests in the scope (and the unit asked), most urgent first, then oldest: priority,
 * received time, id (the keyset). The open ones are served by hotline_requests_board_idx.
 */
export async function boardRows(db: Pool, me: Principal, f: BoardFilter): Promise<HotlineRow[]> {
  const where: SQL[] = [requestsInScope(me)];
  if (f.unitCodes) {
    where.push(
      sql`r.province_code = ${f.provinceCode} AND r.unit_code = ANY(${sql.param(f.unitCodes)}::text[])`,
    );
  }
  where.push(f.status === 'active' ? OPEN : sql`r.status = ${f.status}`);
  if (f.kind) where.push(sql`r.kind = ${f.kind}`);
  if (f.overdueOnly) where.push(OVERDUE);
  if (f.after) {
    const [priority, receivedAt, id] = f.after;
    where.push(
      sql`(r.priority, r.received_at, r.id) > (${priority}, ${receivedAt}::timestamptz, ${id}::uuid)`,
    );
  }
  return query<HotlineRow>(
    db,
    sql`SELECT ${HOTLINE_COLUMNS} FROM ${HOTLINE_FROM}
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY r.priority, r.received_at, r.id
         LIMIT ${f.limit + 1}`,
  );
}

/** Open and overdue requests in the scope (and the unit given). */
export async function countOpen(
  db: Pool,
  me: Principal,
  unit: { unitCodes: string[]; provinceCode: string } | null,
): Promise<{ open: number; overdue: number }> {
  const where: SQL[] = [requestsInScope(me), OPEN];
  if (unit) {
    where.push(
      sql`r.province_code = ${unit.provinceCode} AND r.unit_code = ANY(${sql.param(unit.unitCodes)}::text[])`,
    );
  }
  const row = await queryOne<{ open: number; overdue: number }>(
    db,
    sql`SELECT count(*)::int AS open, count(*) FILTER (WHERE r.due_at < now())::int AS overdue
          FROM hotline_requests r WHERE ${sql.join(where, sql` AND `)}`,
  );
  return row ?? { open: 0, overdue: 0 };
}

/**
 * Stamps escalated_at on open requests whose due time has passed (the periodic job; the board
 * already shows them raised from their due time without it). Returns how many were stamped.
 */
export async function stampEscalations(db: Pool | PoolClient, now: Date = new Date()): Promise<number> {
  const rows = await query(
    db,
    sql`UPDATE hotline_requests r SET escalated_at = r.due_at
         WHERE ${OPEN} AND r.escalated_at IS NULL AND r.due_at < ${now.toISOString()}::timestamptz
        RETURNING r.id`,
  );
  return rows.length;
}

export interface NumberRow {
  unitCode: string;
  unitName: string;
  level: string;
  parentCode: string | null;
  phone: string;
  label: string;
  sort: number;
}

/**
 * The published numbers around a unit: its own, its district's and province's, and every unit
 * below it that publishes some (a province: all its districts and communes).
 */
export async function numbersAround(
  db: Pool,
  unit: { code: string; provinceCode: string; districtCode: string | null; level: string },
): Promise<NumberRow[]> {
  const below =
    unit.level === 'province'
      ? sql`TRUE`
      : unit.level === 'district'
        ? sql`(u.code = ${unit.code} OR u.district_code = ${unit.code})`
        : sql`u.code = ${unit.code}`;
  return query<NumberRow>(
    db,
    sql`SELECT n.unit_code AS "unitCode", u.name AS "unitName", u.level, u.parent_code AS "parentCode",
               n.phone, n.label, n.sort
          FROM hotline_numbers n
          JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = n.unit_code
         WHERE n.province_code = ${unit.provinceCode}
           AND (${below} OR n.unit_code = ${unit.provinceCode} OR n.unit_code = ${unit.districtCode ?? ''})
         ORDER BY CASE u.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 END,
                  COALESCE(u.district_code, u.code), u.name, n.sort, n.phone`,
  );
}
