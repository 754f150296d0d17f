import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONTACT_QUARANTINE_POLICIES,
  HOTLINE_KINDS,
  HOTLINE_RESPONSE_POLICIES,
  type HotlineKind,
  hotlineDue,
  hotlinePriority,
  ISOLATION_POLICIES,
  SECONDARY_CONTACT_POLICIES,
  type Symptom,
  warningSigns,
} from '@tuyendau/domain';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';

/** The statements of care.sql, by the name of their `-- @section`. */
const SECTIONS: Record<string, string> = Object.fromEntries(
  readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'care.sql'), 'utf8')
    .split(/^-- @section /m)
    .slice(1)
    .map((part) => {
      const newline = part.indexOf('\n');
      return [part.slice(0, newline).trim(), part.slice(newline + 1)];
    }),
);

/** What the care seed needs to know of a province beyond its outbreak. */
export interface CareStory {
  /** The landline area code of its hotline numbers. */
  areaCode: string;
  /** Stays that began before this day belong to the first wave (capacity is reported per wave). */
  waveSplit: string;
}

/** Lai Châu: area code 0213; the 2021 wave ended in November, the Omicron wave began in January 2022. */
export const CARE_STORIES: Record<string, CareStory> = {
  '12': { areaCode: '0213', waveSplit: '2021-12-15' },
};

export interface CareSummary {
  facilities: number;
  isolationSites: number;
  treatmentFacilities: number;
  facilityStates: number;
  facilityDays: number;
  episodes: { cases: number; contacts: number; home: number; facility: number };
  stays: number;
  transfers: number;
  transfersFromHome: number;
  entries: number;
  alerts: { transferred: number; dismissed: number; resolved: number };
  hotlineRequests: number;
  hotlineLate: number;
  hotlineNumbers: number;
  seconds: number;
}

/** The last result of a query that may hold several statements. */
async function run(c: PoolClient, section: string) {
  const text = SECTIONS[section];
  if (!text) throw new Error(`care.sql has no section ${section}`);
  const result = (await c.query(text)) as unknown;
  return Array.isArray(result) ? result[result.length - 1] : result;
}

/**
 * Seeds the isolation, home care and capacity history of a province's demo outbreak (care.sql):
 * facilities with their states and daily capacity, an episode per case and per contact's
 * quarantine with its stays, monitoring of everyone at home with the alerts that led to
 * transfers, hotline requests and numbers. One transaction, set-based; checked against the
 * domain's rules before commit. Returns null when there is nothing to do: the province has no
 * care story, no ended case, or already has facilities (re-running keeps what is there).
 */
export async function seedCare(pool: Pool, provinceCode: string, seed = 0.101): Promise<CareSummary | null> {
  const story = CARE_STORIES[provinceCode];
  if (!story) return null;
  const { rows } = await pool.query<{ facilities: boolean; cases: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM facilities WHERE province_code = $1) AS facilities,
            EXISTS (SELECT 1 FROM cases WHERE province_code = $1 AND outcome_on IS NOT NULL) AS cases`,
    [provinceCode],
  );
  if (rows[0].facilities || !rows[0].cases) return null;
  const started = Date.now();
  await inTransaction(pool, async (c) => {
    // Another start seeding the same province waits here, then finds the facilities and stops.
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`seed-care-${provinceCode}`]);
    const again = await c.query('SELECT 1 FROM facilities WHERE province_code = $1 LIMIT 1', [provinceCode]);
    if (again.rowCount) return;
    await c.query('SELECT setseed($1)', [seed]);
    await run(c, 'tables');
    await c.query(
      `INSERT INTO ca_param (province_code, province_short, province_name, area_code, wave_split, discharge_code)
       SELECT code, short_name, 'tỉnh ' || short_name, $2, $3, $4 FROM units WHERE tree = '2021' AND code = $1`,
      [provinceCode, story.areaCode, story.waveSplit, ISOLATION_POLICIES.discharge.code],
    );
    await c.query(
      `INSERT INTO ca_home_policy SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(code text, effective_from date, days int)`,
      [
        JSON.stringify(
          ISOLATION_POLICIES.home.map((p) => ({
            code: p.code,
            effective_from: p.effectiveFrom,
            days: p.days,
          })),
        ),
      ],
    );
    await c.query(
      `INSERT INTO ca_quarantine_policy SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(code text, source text)`,
      [
        JSON.stringify(
          [...CONTACT_QUARANTINE_POLICIES, ...SECONDARY_CONTACT_POLICIES].map((p) => ({
            code: p.code,
            source: p.source,
          })),
        ),
      ],
    );
    await c.query(
      `INSERT INTO ca_hotline_policy SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS p(effective_from date, kind text, minutes int, urgent_minutes int)`,
      [
        JSON.stringify(
          HOTLINE_RESPONSE_POLICIES.flatMap((p) =>
            HOTLINE_KINDS.map((kind) => ({
              effective_from: p.effectiveFrom,
              kind,
              minutes: p.minutes[kind],
              urgent_minutes: p.urgentMinutes,
            })),
          ),
        ),
      ],
    );
    await c.query(
      `INSERT INTO ca_tier (code, name, tier)
       SELECT DISTINCT ON (code) code, name, tier FROM care_tiers WHERE province_code IN ($1, '00')
        ORDER BY code, province_code = $1 DESC`,
      [provinceCode],
    );
    for (const section of ['facilities', 'episodes', 'capacity', 'monitoring', 'write', 'hotline']) {
      await run(c, section);
    }
    // Statistics of the new rows before the checks read them (and for the boards after commit).
    await c.query(
      'ANALYZE facilities; ANALYZE facility_states; ANALYZE facility_days; ANALYZE care_episodes; ANALYZE care_stays; ' +
        'ANALYZE monitoring_entries; ANALYZE care_alerts; ANALYZE hotline_requests; ANALYZE hotline_numbers',
    );
    await checkCare(c, provinceCode);
  });
  return { ...(await careSummary(pool, provinceCode)), seconds: (Date.now() - started) / 1000 };
}

async function careSummary(pool: Pool, provinceCode: string): Promise<Omit<CareSummary, 'seconds'>> {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM facilities WHERE province_code = $1)::int AS facilities,
            (SELECT count(*) FROM facilities WHERE province_code = $1 AND kind = 'isolation')::int AS "isolationSites",
            (SELECT count(*) FROM facilities WHERE province_code = $1 AND kind = 'treatment')::int AS "treatmentFacilities",
            (SELECT count(*) FROM facility_states WHERE province_code = $1)::int AS "facilityStates",
            (SELECT count(*) FROM facility_days WHERE province_code = $1)::int AS "facilityDays",
            (SELECT json_build_object(
                'cases', count(*) FILTER (WHERE reason = 'case'), 'contacts', count(*) FILTER (WHERE reason = 'contact'),
                'home', count(*) FILTER (WHERE place = 'home'), 'facility', count(*) FILTER (WHERE place = 'facility'))
               FROM care_episodes WHERE province_code = $1) AS episodes,
            (SELECT count(*) FROM care_stays WHERE province_code = $1)::int AS stays,
            (SELECT count(*) FROM care_stays WHERE province_code = $1 AND reason = 'transfer')::int AS transfers,
            (SELECT count(*) FROM care_stays WHERE province_code = $1 AND alert_id IS NOT NULL)::int AS "transfersFromHome",
            (SELECT count(*) FROM monitoring_entries WHERE province_code = $1)::int AS entries,
            (SELECT json_build_object(
                'transferred', count(*) FILTER (WHERE status = 'transferred'),
                'dismissed', count(*) FILTER (WHERE status = 'dismissed'),
                'resolved', count(*) FILTER (WHERE status = 'resolved'))
               FROM care_alerts WHERE province_code = $1) AS alerts,
            (SELECT count(*) FROM hotline_requests WHERE province_code = $1)::int AS "hotlineRequests",
            (SELECT count(*) FROM hotline_requests WHERE province_code = $1 AND resolved_at > due_at)::int AS "hotlineLate",
            (SELECT count(*) FROM hotline_numbers WHERE province_code = $1)::int AS "hotlineNumbers"`,
    [provinceCode],
  );
  return rows[0];
}

interface EntrySample {
  on: string;
  birthDate: string;
  spo2: number | null;
  spo2Recheck: number | null;
  respiratoryRate: number | null;
  pulse: number | null;
  systolic: number | null;
  diastolic: number | null;
  symptoms: Symptom[];
  signs: string[];
  severity: number;
}

/**
 * What the rules say about what the SQL wrote, before it is committed: the warning signs of every
 * flagged monitoring entry and of ~300 others (warningSigns), the priority and due time of ~100
 * hotline requests (hotlinePriority, hotlineDue); and the invariants the screens rely on (one
 * episode per case, occupancy never above the beds of the day, no bed taken today, every stay in
 * an active facility, a transfer from home answers a transferred alert, one place at a time).
 * Throws on the first differences.
 */
async function checkCare(c: PoolClient, provinceCode: string): Promise<void> {
  const problems: string[] = [];
  const { rows: entries } = await c.query<EntrySample>(
    `WITH s AS (
       SELECT m.*, row_number() OVER (ORDER BY m.severity > 0 DESC, random()) AS n
         FROM monitoring_entries m WHERE m.province_code = $1)
     SELECT (s.recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS on, p.birth_date::text AS "birthDate",
            s.spo2, s.spo2_recheck AS "spo2Recheck", s.respiratory_rate AS "respiratoryRate", s.pulse, s.systolic,
            s.diastolic, s.symptoms, s.signs, s.severity
       FROM s JOIN care_episodes e ON e.id = s.episode_id AND e.province_code = s.province_code
       JOIN persons p ON p.id = e.person_id AND p.province_code = e.province_code
      WHERE s.severity > 0 OR s.n <= (SELECT count(*) FROM monitoring_entries WHERE province_code = $1 AND severity > 0) + 300`,
    [provinceCode],
  );
  for (const e of entries) {
    const found = warningSigns(e);
    if (found.signs.join(',') !== e.signs.join(',') || found.severity !== e.severity) {
      problems.push(
        `entry of ${e.on} (born ${e.birthDate}, SpO2 ${e.spo2}/${e.spo2Recheck}, RR ${e.respiratoryRate}, ` +
          `pulse ${e.pulse}, ${e.symptoms.join(' ')}): signs ${e.signs.join(',')} (${e.severity}), ` +
          `warningSigns says ${found.signs.join(',')} (${found.severity})`,
      );
    }
  }

  const { rows: requests } = await c.query<{
    kind: HotlineKind;
    receivedAt: Date;
    dueAt: Date;
    priority: number;
    reasons: string[];
    flags: string[];
    openAlert: boolean;
  }>(
    `SELECT r.kind, r.received_at AS "receivedAt", r.due_at AS "dueAt", r.priority, r.priority_reasons AS reasons,
            p.flags, 'open_alert' = ANY(r.priority_reasons) AS "openAlert"
       FROM hotline_requests r JOIN persons p ON p.id = r.person_id AND p.province_code = r.province_code
      WHERE r.province_code = $1 ORDER BY r.priority, random() LIMIT 100`,
    [provinceCode],
  );
  for (const r of requests) {
    const expected = hotlinePriority({
      warningSigns: r.openAlert ? ['low_spo2'] : [],
      openAlert: r.openAlert,
      flags: r.flags,
      inIsolation: true,
    });
    const due = hotlineDue(r.receivedAt, r.kind, expected.priority);
    if (
      expected.priority !== r.priority ||
      expected.reasons.join(',') !== r.reasons.join(',') ||
      due.dueAt.getTime() !== r.dueAt.getTime()
    ) {
      problems.push(
        `hotline ${r.kind} received ${r.receivedAt.toISOString()}: priority ${r.priority} (${r.reasons.join(',')}) ` +
          `due ${r.dueAt.toISOString()}, the policy says ${expected.priority} (${expected.reasons.join(',')}) ` +
          `due ${due.dueAt.toISOString()}`,
      );
    }
  }

  // Each invariant a count of what breaks it (joins and windows: the plan stays linear).
  const { rows: invariants } = await c.query(
    `SELECT
       (SELECT count(*) FROM cases k
          LEFT JOIN (SELECT case_id, count(*) AS n FROM care_episodes
                      WHERE province_code = $1 AND case_id IS NOT NULL GROUP BY 1) e ON e.case_id = k.id
         WHERE k.province_code = $1 AND k.outcome_on IS NOT NULL AND coalesce(e.n, 0) <> 1)::int
         AS "case without exactly one episode",
       (SELECT count(*) FROM facility_days d WHERE d.province_code = $1
           AND (d.occupied > d.beds OR d.icu_occupied > d.icu_beds))::int AS "day above capacity",
       (SELECT count(*) FROM facilities f
          LEFT JOIN (SELECT facility_id, count(*) AS n FROM care_stays
                      WHERE province_code = $1 AND to_at IS NULL AND facility_id IS NOT NULL GROUP BY 1) o
            ON o.facility_id = f.id
         WHERE f.province_code = $1 AND f.occupied <> coalesce(o.n, 0))::int
         AS "facility whose occupied is not its open stays",
       (SELECT count(*) FROM care_episodes WHERE province_code = $1 AND status = 'active')::int AS "episode still active",
       (SELECT count(*) FROM care_stays s
          CROSS JOIN LATERAL (
            SELECT x.state FROM facility_states x
             WHERE x.facility_id = s.facility_id AND x.province_code = $1
               AND x.effective_on <= (s.from_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
             ORDER BY x.effective_on DESC, x.recorded_at DESC LIMIT 1) st
         WHERE s.province_code = $1 AND s.facility_id IS NOT NULL AND st.state <> 'active')::int
         AS "stay in a facility that was not active",
       (SELECT count(*) FROM care_stays s
          JOIN care_stays b ON b.episode_id = s.episode_id AND b.province_code = $1 AND b.to_at = s.from_at
                           AND b.place = 'home'
          LEFT JOIN care_alerts a ON a.id = s.alert_id AND a.province_code = $1 AND a.status = 'transferred'
                                 AND a.raised_at < s.from_at
         WHERE s.province_code = $1 AND s.reason = 'transfer' AND a.id IS NULL)::int
         AS "transfer from home without its alert",
       (SELECT count(*) FROM (
          SELECT start_on, lag(ended_on) OVER (PARTITION BY person_id ORDER BY start_on, ended_on) AS before
            FROM care_episodes WHERE province_code = $1) x WHERE x.before > x.start_on)::int
         AS "overlapping episodes of a person",
       (SELECT count(*) FROM monitoring_entries m
          LEFT JOIN care_stays s ON s.episode_id = m.episode_id AND s.province_code = $1 AND s.place = 'home'
                                AND m.recorded_at > s.from_at AND m.recorded_at < s.to_at
         WHERE m.province_code = $1 AND s.id IS NULL)::int AS "entry outside a home stay"`,
    [provinceCode],
  );
  for (const [what, n] of Object.entries(invariants[0] as Record<string, number | null>)) {
    if (n) problems.push(`${n} × ${what}`);
  }
  if (problems.length) {
    throw new Error(
      `Dữ liệu cách ly, chăm sóc mẫu không khớp quy định:\n  ${problems.slice(0, 20).join('\n  ')}`,
    );
  }
}
