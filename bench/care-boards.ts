/**
 * `npm run bench -- care-boards`: the health station's alert board (GET /api/v1/care/board) and the
 * capacity board (GET /api/v1/care/capacity) of the real server (`listen`, in a child process) for
 * a province in the middle of a wave: on top of the seeded demo province (Lai Châu, 12) it first
 * writes, set-based and inside the bench database only, CARE_EPISODES (default 20,000) F0 cared
 * for at home with CARE_DAYS (default 60) days of twice-a-day monitoring (2.4 million entries),
 * about 1.5 % of them with an open alert and 3 % silent for more than a day (unreachable), and
 * about 2,000 F0 in the demo's facilities (60 % of their beds, admitted over the last 20 days, with
 * the daily capacity reports). Then it drives each board at CARE_CONNECTIONS (default 50) for
 * LOAD_SECONDS (default 10) per level — the province, each district, a sample of communes — as
 * the province's command centre (chihuy.12). Figures: req/s, p50, p95, p99 of every response
 * (target p95 < 100 ms), written to bench/results/care.json by run.ts.
 *
 * Re-running on the same BENCH_DATABASE_URL reuses the episodes already generated.
 */
import type { Pool } from '../packages/server/src/db/pool.ts';
import { drivePaths, type LatencyFigure } from './drive.ts';
import { freePort, startChild } from './load.ts';

const PROVINCE = '12';
const CONNECTIONS = Number(process.env.CARE_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const EPISODES = Number(process.env.CARE_EPISODES ?? 20_000);
const DAYS = Number(process.env.CARE_DAYS ?? 60);
/** Communes driven at the commune level (spread over the districts). */
const COMMUNES = Number(process.env.CARE_COMMUNES ?? 30);
/** The bench's rows are told apart by this supervising team (a re-run reuses them). */
const TEAM = 'Tổ Covid cộng đồng (dữ liệu đo tải)';

export type BoardFigure = LatencyFigure;

const drive = (url: string, cookie: string, paths: string[], seconds: number) =>
  drivePaths({ url, cookie, paths, seconds, connections: CONNECTIONS });

export interface CareLoad {
  homeEpisodes: number;
  facilityEpisodes: number;
  entries: number;
  openAlerts: number;
  unreachable: number;
  generatedSeconds: number;
}

/**
 * Writes the wave the boards are read in (see the file's comment), in one transaction, set-based:
 * `episodes` F0 at home since `days` days with their cases, stays and twice-a-day entries, open
 * alerts and silent people; F0 in 60 % of the beds of the province's facilities. Nothing when the
 * province already has bench episodes.
 */
export async function generateCareLoad(
  pool: Pool,
  provinceCode: string,
  episodes: number,
  days: number,
): Promise<CareLoad> {
  const started = performance.now();
  const { rows: existing } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM care_episodes
      WHERE province_code = $1 AND status = 'active' AND supervising_team = $2`,
    [provinceCode, TEAM],
  );
  const c = await pool.connect();
  try {
    if (existing[0].n === 0) {
      await c.query('BEGIN');
      await c.query('SELECT setseed(0.2010)');
      await c.query(
        `CREATE TEMP TABLE bc_today ON COMMIT DROP AS SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS today`,
      );
      // Facility beds to fill: 60 % of each facility's beds, one slot per person.
      await c.query(
        `CREATE TEMP TABLE bc_slot ON COMMIT DROP AS
         SELECT f.id AS facility_id, f.tier_code, row_number() OVER (ORDER BY f.id, g) AS n
           FROM facilities f CROSS JOIN LATERAL generate_series(1, floor(f.beds * 0.6)::int) g
          WHERE f.province_code = $1 AND f.state IN ('ready', 'active') AND f.occupied = 0`,
        [provinceCode],
      );
      // People: alive, not merged, without an active case or episode; the first `episodes` at home.
      await c.query(
        `CREATE TEMP TABLE bc_ep ON COMMIT DROP AS
         SELECT gen_random_uuid() AS id, gen_random_uuid() AS case_id, p.id AS person_id, p.unit_code,
                row_number() OVER () AS n, random() AS r_alert, random() AS r_silent, random() AS r_sev,
                random() AS r_start
           FROM (SELECT p.id, p.unit_code FROM persons p
                  WHERE p.province_code = $1 AND p.deceased_on IS NULL AND p.merged_into IS NULL
                    AND NOT EXISTS (SELECT 1 FROM cases k WHERE k.person_id = p.id AND k.province_code = p.province_code
                                       AND k.status = 'active')
                    AND NOT EXISTS (SELECT 1 FROM care_episodes e WHERE e.person_id = p.id
                                       AND e.province_code = p.province_code AND e.status = 'active')
                  ORDER BY random()
                  LIMIT $2 + (SELECT count(*) FROM bc_slot)) p`,
        [provinceCode, episodes],
      );
      await c.query(
        `ALTER TABLE bc_ep ADD COLUMN facility_id uuid, ADD COLUMN tier_code text, ADD COLUMN start_on date,
                           ADD COLUMN severity text, ADD COLUMN silent_hours int, ADD COLUMN alert_severity int`,
      );
      await c.query(
        `UPDATE bc_ep e SET facility_id = s.facility_id, tier_code = s.tier_code
           FROM bc_slot s WHERE s.n = e.n - $1`,
        [episodes],
      );
      await c.query(
        `UPDATE bc_ep e
            SET start_on = CASE WHEN e.facility_id IS NULL THEN t.today - ($1::int - 1)
                                ELSE t.today - floor(e.r_start * 20)::int END,
                severity = CASE WHEN e.facility_id IS NULL THEN CASE WHEN e.r_sev < 0.45 THEN 'asymptomatic' ELSE 'mild' END
                                WHEN e.tier_code = 'hospital_t3' THEN CASE WHEN e.r_sev < 0.7 THEN 'severe' ELSE 'critical' END
                                WHEN e.tier_code = 'hospital_t2' THEN 'moderate'
                                ELSE CASE WHEN e.r_sev < 0.5 THEN 'asymptomatic' ELSE 'mild' END END,
                -- about 3 in 100 silent for 26 hours to 5 days (unreachable), 1.5 in 100 with an open alert
                silent_hours = CASE WHEN e.facility_id IS NULL AND e.r_silent < 0.03
                                    THEN 26 + floor(e.r_silent / 0.03 * 94)::int END,
                alert_severity = CASE WHEN e.facility_id IS NULL AND e.r_silent >= 0.03 AND e.r_alert < 0.015
                                      THEN 1 + floor(e.r_alert / 0.015 * 3)::int END
           FROM bc_today t`,
        [days],
      );
      await c.query(
        `INSERT INTO cases (id, province_code, unit_code, person_id, detected_on, found_by, status, severity, care_place,
                            created_at)
         SELECT e.case_id, $1, e.unit_code, e.person_id, e.start_on, 'community', 'active', e.severity,
                coalesce(e.tier_code, CASE WHEN e.facility_id IS NULL THEN 'home' ELSE 'facility' END),
                (e.start_on::text || ' 17:00+07')::timestamptz
           FROM bc_ep e`,
        [provinceCode],
      );
      await c.query(
        `INSERT INTO care_episodes (id, province_code, person_id, unit_code, reason, case_id, status, place, facility_id,
                                    commitment_signer, commitment_on, supervising_team, start_on, created_at)
         SELECT e.id, $1, e.person_id, e.unit_code, 'case', e.case_id, 'active',
                CASE WHEN e.facility_id IS NULL THEN 'home' ELSE 'facility' END, e.facility_id,
                CASE WHEN e.facility_id IS NULL THEN p.full_name END,
                CASE WHEN e.facility_id IS NULL THEN e.start_on END, $2, e.start_on,
                (e.start_on::text || ' 15:30+07')::timestamptz
           FROM bc_ep e JOIN persons p ON p.id = e.person_id AND p.province_code = $1`,
        [provinceCode, TEAM],
      );
      await c.query(
        `INSERT INTO care_stays (province_code, episode_id, place, facility_id, tier_code, from_at, reason)
         SELECT $1, e.id, CASE WHEN e.facility_id IS NULL THEN 'home' ELSE 'facility' END, e.facility_id, e.tier_code,
                (e.start_on::text || ' 15:30+07')::timestamptz,
                CASE WHEN e.facility_id IS NULL THEN 'enrolment' ELSE 'admission' END
           FROM bc_ep e`,
        [provinceCode],
      );
      // The facilities taking people are active; their occupancy is their open stays.
      await c.query(
        `INSERT INTO facility_states (province_code, facility_id, state, effective_on, decided_by, note)
         SELECT $1, f.id, 'active', t.today - 20, 'Đo tải', 'Tiếp nhận người bệnh (dữ liệu đo tải)'
           FROM facilities f CROSS JOIN bc_today t
          WHERE f.province_code = $1 AND f.state = 'ready' AND f.id IN (SELECT facility_id FROM bc_slot)`,
        [provinceCode],
      );
      await c.query(
        `UPDATE facilities f SET state = 'active', state_on = least(f.state_on, t.today - 20),
                occupied = (SELECT count(*) FROM care_stays s
                             WHERE s.facility_id = f.id AND s.province_code = f.province_code AND s.to_at IS NULL)
           FROM bc_today t
          WHERE f.province_code = $1 AND f.id IN (SELECT facility_id FROM bc_slot)`,
        [provinceCode],
      );
      await c.query(
        `INSERT INTO facility_days (province_code, facility_id, day, beds, icu_beds, ventilators, high_flow_oxygen, ecmo,
                                    dialysis, oxygen_concentrators, occupied, icu_occupied)
         WITH starts AS (
           SELECT facility_id, start_on, count(*) AS n, count(*) FILTER (WHERE severity = 'critical') AS icu
             FROM bc_ep WHERE facility_id IS NOT NULL GROUP BY 1, 2)
         SELECT f.province_code, f.id, d::date, f.beds, f.icu_beds, f.ventilators, f.high_flow_oxygen, f.ecmo, f.dialysis,
                f.oxygen_concentrators,
                (SELECT coalesce(sum(s.n), 0) FROM starts s WHERE s.facility_id = f.id AND s.start_on <= d::date)::int,
                CASE WHEN f.icu_beds > 0 THEN (SELECT coalesce(sum(s.icu), 0) FROM starts s
                                                WHERE s.facility_id = f.id AND s.start_on <= d::date)::int END
           FROM facilities f CROSS JOIN bc_today t
           CROSS JOIN LATERAL generate_series(t.today - ($2::int - 1), t.today, interval '1 day') d
          WHERE f.province_code = $1
         ON CONFLICT (facility_id, day, province_code) DO UPDATE
           SET beds = EXCLUDED.beds, occupied = EXCLUDED.occupied, icu_occupied = EXCLUDED.icu_occupied`,
        [provinceCode, days],
      );
      // Twice a day (7–9 h, 16–18 h) from day 1 to now; the silent stop `silent_hours` ago; the last
      // entry of someone with an alert is the one that raised it.
      await c.query(
        `INSERT INTO monitoring_entries (province_code, episode_id, unit_code, recorded_at, recorded_by_kind, spo2,
                                         respiratory_rate, pulse, temperature_tenths, symptoms)
         SELECT $1, x.id, x.unit_code, x.at, CASE WHEN x.r < 0.8 THEN 'self' WHEN x.r < 0.9 THEN 'caregiver' ELSE 'team' END,
                96 + floor(x.r * 3.99)::int, 16 + floor(x.r2 * 5)::int, 66 + floor(x.r2 * 30)::int,
                362 + floor(x.r * 12)::int, CASE WHEN x.r2 < 0.2 THEN ARRAY['cough'] ELSE '{}' END
           FROM (
             SELECT e.id, e.unit_code, e.silent_hours,
                    ((e.start_on + d)::timestamp + make_interval(mins => CASE s WHEN 1 THEN 420 ELSE 960 END
                                                                       + floor(random() * 120)::int))
                      AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at,
                    random() AS r, random() AS r2
               FROM bc_ep e CROSS JOIN generate_series(0, $2::int - 1) d CROSS JOIN generate_series(1, 2) s
              WHERE e.facility_id IS NULL) x
          WHERE x.at < now() - make_interval(hours => coalesce(x.silent_hours, 0))`,
        [provinceCode, days],
      );
      // The alert: a worse last entry (SpO2 93 measured twice; or a low SpO2 not yet re-measured; or
      // a worry), open on the board.
      await c.query(
        `WITH last AS (
           SELECT e.id AS episode_id, e.person_id, e.unit_code, e.alert_severity, m.id AS entry_id, m.recorded_at
             FROM bc_ep e CROSS JOIN LATERAL (
               SELECT m.id, m.recorded_at FROM monitoring_entries m
                WHERE m.episode_id = e.id AND m.province_code = $1 ORDER BY m.recorded_at DESC LIMIT 1) m
            WHERE e.alert_severity IS NOT NULL),
         worse AS (
           UPDATE monitoring_entries m
              SET spo2 = CASE l.alert_severity WHEN 3 THEN 93 WHEN 2 THEN 94 ELSE m.spo2 END,
                  spo2_recheck = CASE WHEN l.alert_severity = 3 THEN 93 END,
                  symptoms = CASE WHEN l.alert_severity = 1 THEN ARRAY['worried'] ELSE m.symptoms END,
                  signs = CASE l.alert_severity WHEN 3 THEN ARRAY['low_spo2']
                               WHEN 2 THEN ARRAY['low_spo2_unconfirmed'] ELSE ARRAY['worried'] END,
                  severity = l.alert_severity
             FROM last l WHERE m.id = l.entry_id AND m.province_code = $1
           RETURNING m.id)
         INSERT INTO care_alerts (province_code, unit_code, episode_id, person_id, entry_id, severity, signs, raised_at)
         SELECT $1, l.unit_code, l.episode_id, l.person_id, l.entry_id, l.alert_severity,
                CASE l.alert_severity WHEN 3 THEN ARRAY['low_spo2']
                     WHEN 2 THEN ARRAY['low_spo2_unconfirmed'] ELSE ARRAY['worried'] END,
                l.recorded_at
           FROM last l WHERE l.entry_id IN (SELECT id FROM worse)`,
        [provinceCode],
      );
      await c.query(
        `UPDATE care_episodes e SET last_entry_at = (
            SELECT m.recorded_at FROM monitoring_entries m
             WHERE m.episode_id = e.id AND m.province_code = e.province_code ORDER BY m.recorded_at DESC LIMIT 1)
          WHERE e.province_code = $1 AND e.id IN (SELECT id FROM bc_ep WHERE facility_id IS NULL)`,
        [provinceCode],
      );
      await c.query('COMMIT');
      await c.query(
        'ANALYZE cases; ANALYZE care_episodes; ANALYZE care_stays; ANALYZE monitoring_entries; ANALYZE care_alerts; ' +
          'ANALYZE facilities; ANALYZE facility_days',
      );
    }
  } catch (err) {
    await c.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    c.release();
  }
  const { rows } = await pool.query<Omit<CareLoad, 'generatedSeconds'>>(
    `SELECT (SELECT count(*) FROM care_episodes WHERE province_code = $1 AND status = 'active' AND place = 'home'
                AND supervising_team = $2)::int AS "homeEpisodes",
            (SELECT count(*) FROM care_episodes WHERE province_code = $1 AND status = 'active' AND place = 'facility'
                AND supervising_team = $2)::int AS "facilityEpisodes",
            (SELECT count(*) FROM monitoring_entries m JOIN care_episodes e ON e.id = m.episode_id
                AND e.province_code = m.province_code
              WHERE m.province_code = $1 AND e.status = 'active')::int AS entries,
            (SELECT count(*) FROM care_alerts WHERE province_code = $1 AND status = 'open')::int AS "openAlerts",
            (SELECT count(*) FROM care_episodes WHERE province_code = $1 AND status = 'active' AND place = 'home'
                AND last_entry_at < now() - interval '24 hours')::int AS unreachable`,
    [provinceCode, TEAM],
  );
  return { ...rows[0], generatedSeconds: Math.round((performance.now() - started) / 100) / 10 };
}

function report(board: string, level: string, figure: BoardFigure): void {
  console.log(
    `${board} (${level}, ${figure.paths} units): ${figure.requestsPerSecond} req/s, ` +
      `p50 ${figure.p50} ms, p95 ${figure.p95} ms, p99 ${figure.p99} ms (target ${figure.target})` +
      (figure.errors || figure.non2xx ? `, ${figure.errors} errors, ${figure.non2xx} non-2xx` : ''),
  );
}

export async function benchCareBoards(
  pool: Pool,
  databaseUrl: string,
  password: string,
): Promise<Record<string, unknown>> {
  const load = await generateCareLoad(pool, PROVINCE, EPISODES, DAYS);
  console.log(
    `care boards: ${load.homeEpisodes} F0 at home, ${load.facilityEpisodes} in facilities, ` +
      `${load.entries.toLocaleString('en')} monitoring entries, ${load.openAlerts} open alerts, ` +
      `${load.unreachable} unreachable (generated in ${load.generatedSeconds} s)`,
  );
  const { rows: units } = await pool.query<{ code: string; level: string }>(
    `SELECT code, level FROM units
      WHERE tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND province_code = $1
      ORDER BY code`,
    [PROVINCE],
  );
  const communes = units.filter((u) => u.level === 'commune');
  const step = Math.max(1, Math.floor(communes.length / COMMUNES));
  const levels: Record<string, string[]> = {
    province: [PROVINCE],
    district: units.filter((u) => u.level === 'district').map((u) => u.code),
    commune: communes.filter((_, i) => i % step === 0).map((u) => u.code),
  };
  const boards: Record<string, (code: string) => string> = {
    alert_board: (code) => `/api/v1/care/board?unit=${code}`,
    capacity_board: (code) => `/api/v1/care/capacity?unit=${code}`,
  };
  const port = await freePort();
  const app = await startChild(
    'packages/server/src/main.ts',
    { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DEMO: 'off', LOG: 'off' },
    'Sẵn sàng',
  );
  const results: Record<string, unknown> = {
    province: PROVINCE,
    ...load,
    days: DAYS,
    connections: CONNECTIONS,
    seconds: SECONDS,
  };
  try {
    const base = `http://127.0.0.1:${port}`;
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `chihuy.${PROVINCE}`, password }),
    });
    if (res.status !== 200) throw new Error(`login chihuy.${PROVINCE}: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    // Every path answers before anything is timed (a 4xx would make the figures meaningless).
    for (const path of Object.values(boards).flatMap((b) =>
      Object.values(levels).map((codes) => b(codes[0])),
    )) {
      const check = await fetch(`${base}${path}`, { headers: { cookie } });
      if (check.status !== 200)
        throw new Error(`${path}: ${check.status} ${(await check.text()).slice(0, 500)}`);
    }
    for (const [board, pathOf] of Object.entries(boards)) {
      await drive(base, cookie, levels.district.map(pathOf), 3); // warm-up: JIT, prepared statements, caches
      const figures: Record<string, BoardFigure> = {};
      for (const [level, codes] of Object.entries(levels)) {
        figures[level] = await drive(base, cookie, codes.map(pathOf), SECONDS);
        report(board, level, figures[level]);
      }
      results[board] = figures;
    }
  } finally {
    app.kill('SIGTERM');
  }
  return results;
}
