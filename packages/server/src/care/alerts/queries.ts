import type { Scope } from '../../auth/scope.ts';
import type { Pool, PoolClient } from '../../db/pool.ts';
import { query, queryOne, sql } from '../../db/sql.ts';

/** An open alert as the board shows it: who, which day, the signs, the last readings. */
export interface BoardAlertRow {
  id: string;
  severity: number;
  signs: string[];
  raisedAt: Date;
  episodeId: string;
  personId: string;
  fullName: string;
  birthDate: string;
  phone: string | null;
  unitCode: string;
  unitName: string | null;
  startOn: string;
  lastEntryAt: Date | null;
  last: {
    recordedAt: string;
    recordedByKind: string;
    spo2: number | null;
    spo2Recheck: number | null;
    respiratoryRate: number | null;
    pulse: number | null;
    temperatureTenths: number | null;
    systolic: number | null;
    diastolic: number | null;
  } | null;
  /** Keyset position: raised_at in UTC with microseconds. */
  at: string;
}

const UNIT_NAME = sql`(SELECT u.name FROM units u WHERE u.tree = (SELECT value FROM settings WHERE key = 'unit_tree')
  AND u.code = e.unit_code)`;

/**
 * Only alerts of active episodes at home (an ended episode's alert is nobody's to act on, and a
 * person moved to a facility by another route is in its staff's care). A lateral look-up
 * by primary key per open alert: a plain join hashes every episode of the province (a sequential
 * scan of 20,000 rows, ~15 ms) to keep a few hundred.
 */
const ACTIVE_EPISODE = sql`JOIN LATERAL (
  SELECT 1 FROM care_episodes e
   WHERE e.id = a.episode_id AND e.province_code = a.province_code AND e.status = 'active' AND e.place = 'home'
   LIMIT 1) active ON TRUE`;

/**
 * A page of the open alerts inside `scope`, the most severe first, then the oldest; only alerts of
 * active episodes (an ended episode's alert is nobody's to act on). Reads care_alerts_board_idx.
 */
export async function boardAlerts(
  db: Pool,
  scope: Scope,
  after: [number, string, string] | undefined,
  limit: number,
): Promise<BoardAlertRow[]> {
  // The page is chosen first (alerts and their episodes' status only); the person, the unit's
  // name and the last reading are read for the page's rows alone.
  return query<BoardAlertRow>(
    db,
    sql`WITH page AS (
          SELECT a.id, a.province_code, a.severity, a.signs, a.raised_at, a.episode_id, a.person_id
            FROM care_alerts a
            ${ACTIVE_EPISODE}
           WHERE a.status = 'open' AND ${scope.covers(sql`a.unit_code`, sql`a.province_code`)}
             ${
               after
                 ? sql`AND (a.severity < ${after[0]} OR (a.severity = ${after[0]}
                        AND (a.raised_at, a.id) > (${after[1]}::timestamptz, ${after[2]}::uuid)))`
                 : sql``
             }
           ORDER BY a.severity DESC, a.raised_at, a.id
           LIMIT ${limit})
        SELECT a.id, a.severity, a.signs, a.raised_at AS "raisedAt", a.episode_id AS "episodeId",
               a.person_id AS "personId", p.full_name AS "fullName", p.birth_date AS "birthDate", p.phone,
               e.unit_code AS "unitCode", ${UNIT_NAME} AS "unitName", e.start_on AS "startOn",
               e.last_entry_at AS "lastEntryAt", last.entry AS last,
               to_char(a.raised_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
          FROM page a
          JOIN care_episodes e ON e.id = a.episode_id AND e.province_code = a.province_code
          JOIN persons p ON p.id = a.person_id AND p.province_code = a.province_code
          LEFT JOIN LATERAL (
            SELECT json_build_object('recordedAt', m.recorded_at, 'recordedByKind', m.recorded_by_kind,
                     'spo2', m.spo2, 'spo2Recheck', m.spo2_recheck, 'respiratoryRate', m.respiratory_rate,
                     'pulse', m.pulse, 'temperatureTenths', m.temperature_tenths, 'systolic', m.systolic,
                     'diastolic', m.diastolic) AS entry
              FROM monitoring_entries m
             WHERE m.episode_id = a.episode_id AND m.province_code = a.province_code
             ORDER BY m.recorded_at DESC LIMIT 1) last ON TRUE
         ORDER BY a.severity DESC, a.raised_at, a.id`,
    'care_board_alerts*',
  );
}

/** A person at home silent longer than the policy allows. */
export interface SilentRow {
  episodeId: string;
  personId: string;
  fullName: string;
  birthDate: string;
  phone: string | null;
  unitCode: string;
  unitName: string | null;
  startOn: string;
  lastEntryAt: Date | null;
  createdAt: Date;
  /** Keyset position: last_entry_at (or the enrolment for someone who never sent one), in UTC. */
  at: string;
}

/**
 * Active home episodes inside `scope` whose last entry is older than `hours`, or that never had one
 * and were enrolled more than `graceHours` ago; the longest silent first (never first).
 * Reads care_episodes_silent_idx.
 */
export async function silentEpisodes(
  db: Pool,
  scope: Scope,
  hours: number,
  graceHours: number,
  after: [string, string] | undefined,
  limit: number,
): Promise<SilentRow[]> {
  return query<SilentRow>(
    db,
    sql`WITH page AS (
          SELECT e.id, e.province_code, e.person_id, e.unit_code, e.start_on, e.last_entry_at, e.created_at,
                 COALESCE(e.last_entry_at, e.created_at) AS silent_since
            FROM care_episodes e
           WHERE e.status = 'active' AND e.place = 'home'
             AND ${scope.covers(sql`e.unit_code`, sql`e.province_code`)}
             AND (e.last_entry_at < now() - make_interval(hours => ${hours})
                  OR (e.last_entry_at IS NULL AND e.created_at < now() - make_interval(hours => ${graceHours})))
             ${
               after
                 ? sql`AND (COALESCE(e.last_entry_at, e.created_at), e.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
                 : sql``
             }
           ORDER BY silent_since, e.id
           LIMIT ${limit})
        SELECT e.id AS "episodeId", e.person_id AS "personId", p.full_name AS "fullName",
               p.birth_date AS "birthDate", p.phone, e.unit_code AS "unitCode", ${UNIT_NAME} AS "unitName",
               e.start_on AS "startOn", e.last_entry_at AS "lastEntryAt", e.created_at AS "createdAt",
               to_char(e.silent_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
          FROM page e
          JOIN persons p ON p.id = e.person_id AND p.province_code = e.province_code
         ORDER BY e.silent_since, e.id`,
    'care_board_silent*',
  );
}

/** Open alerts by severity and the number of people unreachable, inside `scope`. */
export async function boardCountsIn(
  db: Pool,
  scope: Scope,
  hours: number,
  graceHours: number,
): Promise<{ bySeverity: Record<string, number>; unreachable: number }> {
  const row = await queryOne<{ bySeverity: Record<string, number> | null; unreachable: number }>(
    db,
    sql`SELECT (SELECT json_object_agg(severity, n) FROM (
                  SELECT a.severity, count(*)::int AS n
                    FROM care_alerts a
                    ${ACTIVE_EPISODE}
                   WHERE a.status = 'open' AND ${scope.covers(sql`a.unit_code`, sql`a.province_code`)}
                   GROUP BY a.severity) s) AS "bySeverity",
               (SELECT count(*)::int FROM care_episodes e
                 WHERE e.status = 'active' AND e.place = 'home'
                   AND ${scope.covers(sql`e.unit_code`, sql`e.province_code`)}
                   AND (e.last_entry_at < now() - make_interval(hours => ${hours})
                        OR (e.last_entry_at IS NULL AND e.created_at < now() - make_interval(hours => ${graceHours})))
               ) AS unreachable`,
    'care_board_counts*',
  );
  return { bySeverity: row?.bySeverity ?? {}, unreachable: row?.unreachable ?? 0 };
}

export interface AlertLock {
  id: string;
  provinceCode: string;
  unitCode: string;
  episodeId: string;
  personId: string;
  status: string;
  severity: number;
  signs: string[];
  handledAt: Date | null;
  episodeStatus: string;
}

/** The alert with this id inside `scope`, locked FOR UPDATE (one officer handles it). */
export async function lockAlert(c: PoolClient, scope: Scope, id: string): Promise<AlertLock | undefined> {
  return queryOne<AlertLock>(
    c,
    sql`SELECT a.id, a.province_code AS "provinceCode", a.unit_code AS "unitCode", a.episode_id AS "episodeId",
               a.person_id AS "personId", a.status, a.severity, a.signs, a.handled_at AS "handledAt",
               e.status AS "episodeStatus"
          FROM care_alerts a
          JOIN care_episodes e ON e.id = a.episode_id AND e.province_code = a.province_code
         WHERE a.id = ${id} AND ${scope.covers(sql`a.unit_code`, sql`a.province_code`)}
           FOR UPDATE OF a`,
  );
}

export async function closeAlert(
  c: PoolClient,
  alert: { id: string; provinceCode: string },
  status: 'dismissed' | 'transferred',
  by: string,
  note: string | null,
): Promise<void> {
  await c.query(
    `UPDATE care_alerts SET status = $3, handled_at = now(), handled_by = $4, handling_note = $5
      WHERE id = $1 AND province_code = $2`,
    [alert.id, alert.provinceCode, status, by, note],
  );
}

export interface FacilityPick {
  id: string;
  name: string;
  kind: string;
  tierCode: string | null;
}

export async function facilityOf(
  c: PoolClient,
  provinceCode: string,
  id: string,
): Promise<FacilityPick | undefined> {
  return queryOne<FacilityPick>(
    c,
    sql`SELECT id, name, kind, tier_code AS "tierCode" FROM facilities WHERE id = ${id} AND province_code = ${provinceCode}`,
  );
}
