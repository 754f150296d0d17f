import type { Pool, PoolClient } from '../../db/pool.ts';
import { query, queryOne, sql } from '../../db/sql.ts';

/** One monitoring entry as the history table shows it. */
export interface EntryRow {
  id: number;
  recordedAt: Date;
  recordedByKind: string;
  recordedByName: string | null;
  spo2: number | null;
  spo2Recheck: number | null;
  respiratoryRate: number | null;
  pulse: number | null;
  temperatureTenths: number | null;
  systolic: number | null;
  diastolic: number | null;
  symptoms: string[];
  note: string | null;
  signs: string[];
  severity: number;
  /** Keyset position: recorded_at in UTC with microseconds. */
  at: string;
}

export const ENTRY_COLUMNS = sql`m.id, m.recorded_at AS "recordedAt", m.recorded_by_kind AS "recordedByKind",
  m.spo2, m.spo2_recheck AS "spo2Recheck", m.respiratory_rate AS "respiratoryRate", m.pulse,
  m.temperature_tenths AS "temperatureTenths", m.systolic, m.diastolic, m.symptoms, m.note, m.signs, m.severity,
  to_char(m.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`;

export interface NewEntry {
  provinceCode: string;
  episodeId: string;
  unitCode: string;
  recordedAt: Date;
  recordedByKind: string;
  recordedBy: string | null;
  spo2: number | null;
  spo2Recheck: number | null;
  respiratoryRate: number | null;
  pulse: number | null;
  temperatureTenths: number | null;
  systolic: number | null;
  diastolic: number | null;
  symptoms: string[];
  note: string | null;
  signs: string[];
  severity: number;
}

/** Stores an entry and moves the episode's last entry forward (never back: an entry may be late). */
export async function insertEntry(c: PoolClient, e: NewEntry): Promise<number> {
  const row = await queryOne<{ id: number }>(
    c,
    sql`WITH ins AS (
          INSERT INTO monitoring_entries (province_code, episode_id, unit_code, recorded_at, recorded_by_kind,
            recorded_by, spo2, spo2_recheck, respiratory_rate, pulse, temperature_tenths, systolic, diastolic,
            symptoms, note, signs, severity)
          VALUES (${e.provinceCode}, ${e.episodeId}, ${e.unitCode}, ${e.recordedAt}, ${e.recordedByKind},
            ${e.recordedBy}, ${e.spo2}, ${e.spo2Recheck}, ${e.respiratoryRate}, ${e.pulse}, ${e.temperatureTenths},
            ${e.systolic}, ${e.diastolic}, ${sql.param(e.symptoms)}::text[], ${e.note}, ${sql.param(e.signs)}::text[],
            ${e.severity})
          RETURNING id)
        , upd AS (
          UPDATE care_episodes SET last_entry_at = GREATEST(last_entry_at, ${e.recordedAt}::timestamptz)
           WHERE id = ${e.episodeId} AND province_code = ${e.provinceCode})
        SELECT id FROM ins`,
  );
  return row!.id;
}

export interface OpenAlert {
  id: string;
  severity: number;
  signs: string[];
}

/**
 * Raises the episode's one open alert, or escalates it: the signs gathered, the highest severity
 * kept, the entry that raised it last. The caller holds the episode's row lock (one writer at a time).
 */
export async function raiseAlert(
  c: PoolClient,
  a: {
    provinceCode: string;
    unitCode: string;
    episodeId: string;
    personId: string;
    entryId: number;
    severity: number;
    signs: string[];
  },
): Promise<{ id: string; severity: number; signs: string[]; raised: boolean; escalated: boolean }> {
  const open = await queryOne<OpenAlert>(
    c,
    sql`SELECT id, severity, signs FROM care_alerts
         WHERE episode_id = ${a.episodeId} AND province_code = ${a.provinceCode} AND status = 'open'
           FOR UPDATE`,
  );
  if (!open) {
    const row = await queryOne<{ id: string }>(
      c,
      sql`INSERT INTO care_alerts (province_code, unit_code, episode_id, person_id, entry_id, severity, signs)
          VALUES (${a.provinceCode}, ${a.unitCode}, ${a.episodeId}, ${a.personId}, ${a.entryId}, ${a.severity},
                  ${sql.param(a.signs)}::text[])
          RETURNING id`,
    );
    return { id: row!.id, severity: a.severity, signs: a.signs, raised: true, escalated: false };
  }
  const signs = [...new Set([...open.signs, ...a.signs])];
  // A confirmed low SpO2 replaces the prompt to measure again.
  const merged = signs.includes('low_spo2') ? signs.filter((s) => s !== 'low_spo2_unconfirmed') : signs;
  const severity = Math.max(open.severity, a.severity);
  const escalated = severity > open.severity;
  await c.query(
    `UPDATE care_alerts SET severity = $3, signs = $4::text[], entry_id = CASE WHEN $5 THEN $6 ELSE entry_id END
      WHERE id = $1 AND province_code = $2`,
    [open.id, a.provinceCode, severity, merged, escalated, a.entryId],
  );
  return { id: open.id, severity, signs: merged, raised: false, escalated };
}

/** A page of an episode's entries, newest first. */
export async function entriesOf(
  db: Pool | PoolClient,
  episode: { id: string; provinceCode: string },
  after: [string, number] | undefined,
  limit: number,
): Promise<EntryRow[]> {
  return query<EntryRow>(
    db,
    sql`SELECT ${ENTRY_COLUMNS}, a.full_name AS "recordedByName"
          FROM monitoring_entries m
          LEFT JOIN accounts a ON a.id = m.recorded_by
         WHERE m.episode_id = ${episode.id} AND m.province_code = ${episode.provinceCode}
           ${after ? sql`AND (m.recorded_at, m.id) < (${after[0]}::timestamptz, ${after[1]})` : sql``}
         ORDER BY m.recorded_at DESC, m.id DESC
         LIMIT ${limit}`,
  );
}

/** The episode a phone link opens: active, with only what the public form needs. */
export interface LinkedEpisode {
  id: string;
  provinceCode: string;
  unitCode: string;
  personId: string;
  fullName: string;
  birthDate: string;
  startOn: string;
  place: string;
  lastEntryAt: Date | null;
}

export async function episodeByLink(
  db: Pool | PoolClient,
  provinceCode: string,
  hash: string,
  opts: { lock?: boolean } = {},
): Promise<LinkedEpisode | undefined> {
  return queryOne<LinkedEpisode>(
    db,
    sql`SELECT e.id, e.province_code AS "provinceCode", e.unit_code AS "unitCode", e.person_id AS "personId",
               p.full_name AS "fullName", p.birth_date AS "birthDate", e.start_on AS "startOn", e.place,
               e.last_entry_at AS "lastEntryAt"
          FROM care_episodes e
          JOIN persons p ON p.id = e.person_id AND p.province_code = e.province_code
         WHERE e.link_hash = ${hash} AND e.province_code = ${provinceCode} AND e.status = 'active'
         ${opts.lock ? sql`FOR UPDATE OF e` : sql``}`,
    opts.lock ? undefined : 'care_episode_by_link',
  );
}

export async function setLinkHash(
  c: PoolClient,
  episode: { id: string; provinceCode: string },
  hash: string,
): Promise<void> {
  await c.query(
    `UPDATE care_episodes SET link_hash = $3, updated_at = now() WHERE id = $1 AND province_code = $2`,
    [episode.id, episode.provinceCode, hash],
  );
}
