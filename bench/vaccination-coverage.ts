/**
 * `npm run bench -- vaccination-coverage`: GET /api/v1/vaccination/coverage of the real server
 * (`listen`, in a child process) on the seeded demo province (Lai Châu, 12: 460k people and its
 * vaccination history), driven by autocannon at COVERAGE_CONNECTIONS (default 50) for LOAD_SECONDS
 * (default 10) per level: the province, each district, each commune, on as-of days spread over the
 * campaign, as the province's command center (chihuy.12). Figures: req/s, p50 and p95 of every
 * response (target p95 < 100 ms), and the province's people and doses the figures are for.
 */
import type { Pool } from '../packages/server/src/db/pool.ts';
import { drivePaths, type LatencyFigure } from './drive.ts';
import { freePort, startChild } from './load.ts';

const PROVINCE = '12';
const CONNECTIONS = Number(process.env.COVERAGE_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
/** Days a dashboard is read for: the campaign's start, its middle, the provincial conclusion's day. */
const AS_OF = ['2021-09-30', '2021-12-31', '2022-03-31', '2022-06-30', '2022-08-31'];

export type CoverageFigure = LatencyFigure;

const drive = (url: string, cookie: string, paths: string[], seconds: number) =>
  drivePaths({ url, cookie, paths, seconds, connections: CONNECTIONS });

function report(level: string, paths: number, figure: CoverageFigure): void {
  console.log(
    `vaccination coverage (${level}, ${paths} unit × day): ${figure.requestsPerSecond} req/s, ` +
      `p50 ${figure.p50} ms, p95 ${figure.p95} ms, p99 ${figure.p99} ms (target ${figure.target})` +
      (figure.errors || figure.non2xx ? `, ${figure.errors} errors, ${figure.non2xx} non-2xx` : ''),
  );
}

const WRITE_EVERY_MS = Number(process.env.COVERAGE_WRITE_EVERY_MS ?? 250);

/**
 * Records a dose 1 for a random unvaccinated adult of the province every WRITE_EVERY_MS (rolled
 * back at the end: a temporary copy's worth of writes is not kept in the demo's history).
 */
async function doseWriter(pool: Pool) {
  const { rows } = await pool.query<{ id: string; unit_code: string }>(
    `SELECT s.person_id AS id, s.unit_code FROM vaccination_status s
      WHERE s.province_code = $1 AND s.counted AND s.gone_on IS NULL AND s.d1 IS NULL
        AND s.birth_date < '2004-01-01' LIMIT 400`,
    [PROVINCE],
  );
  const written: string[] = [];
  let stopped = false;
  const loop = (async () => {
    for (const p of rows) {
      if (stopped) break;
      const r = await pool.query<{ id: string }>(
        `INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, given_on, source)
         VALUES ($1, $2, $3, 1, 'primary', 'pfizer', '2022-08-01', 'entry') RETURNING id`,
        [PROVINCE, p.id, p.unit_code],
      );
      written.push(r.rows[0].id);
      await new Promise((resolve) => setTimeout(resolve, WRITE_EVERY_MS));
    }
  })();
  return {
    count: () => written.length,
    stop: async () => {
      stopped = true;
      await loop;
      await pool.query('DELETE FROM vaccine_doses WHERE province_code = $1 AND id = ANY($2::uuid[])', [
        PROVINCE,
        written,
      ]);
    },
  };
}

export async function benchVaccinationCoverage(
  pool: Pool,
  databaseUrl: string,
  password: string,
): Promise<Record<string, unknown>> {
  const { rows: sizes } = await pool.query<{ persons: number; counted: number; doses: number }>(
    `SELECT (SELECT count(*) FROM persons WHERE province_code = $1)::int AS persons,
            (SELECT count(*) FROM vaccination_status WHERE province_code = $1 AND counted AND gone_on IS NULL)::int AS counted,
            (SELECT count(*) FROM vaccine_doses WHERE province_code = $1 AND superseded_by IS NULL)::int AS doses`,
    [PROVINCE],
  );
  const { rows: units } = await pool.query<{ code: string; level: string }>(
    `SELECT code, level FROM units
      WHERE tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND province_code = $1
      ORDER BY code`,
    [PROVINCE],
  );
  const pathsOf = (codes: string[]) =>
    codes.flatMap((code) => AS_OF.map((day) => `/api/v1/vaccination/coverage?unit=${code}&asOf=${day}`));
  const levels = {
    province: pathsOf([PROVINCE]),
    district: pathsOf(units.filter((u) => u.level === 'district').map((u) => u.code)),
    commune: pathsOf(units.filter((u) => u.level === 'commune').map((u) => u.code)),
  };
  const port = await freePort();
  const app = await startChild(
    'packages/server/src/main.ts',
    { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DEMO: 'off', LOG: 'off' },
    'Sẵn sàng',
  );
  const results: Record<string, unknown> = {
    province: PROVINCE,
    persons: sizes[0].persons,
    residents_counted: sizes[0].counted,
    current_doses: sizes[0].doses,
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
    for (const p of [levels.province[0], levels.district[0], levels.commune[0]]) {
      const check = await fetch(`${base}${p}`, { headers: { cookie } });
      if (check.status !== 200) throw new Error(`${p}: ${check.status} ${await check.text()}`);
    }
    await drive(base, cookie, levels.district, 3); // warm-up: JIT, prepared statements, caches
    for (const [level, paths] of Object.entries(levels)) {
      const figure = await drive(base, cookie, paths, SECONDS);
      results[level] = figure;
      report(level, paths.length, figure);
    }
    // The same reads while a team records a dose every WRITE_EVERY_MS: each commit moves the
    // province's generation, so cached results are recomputed after every write.
    const writes = await doseWriter(pool);
    try {
      const figure = await drive(base, cookie, [...levels.province, ...levels.district], SECONDS);
      results.with_writes = { ...figure, writes: writes.count(), write_every_ms: WRITE_EVERY_MS };
      report(`province and districts, a dose every ${WRITE_EVERY_MS} ms`, figure.paths, figure);
    } finally {
      await writes.stop();
    }
  } finally {
    app.kill('SIGTERM');
  }
  return results;
}
