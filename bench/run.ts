/**
 * `npm run bench`: named workloads on the seeded demo province, printed and written to
 * bench/results/<name>.json. Figures, not tests: nothing here fails on time.
 *
 * Uses BENCH_DATABASE_URL when set (a database it may fill), else a fresh embedded PostgreSQL
 * in a temporary folder.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../packages/server/src/app.ts';
import { configFromEnv, REPO_ROOT } from '../packages/server/src/config.ts';
import { startEmbeddedPostgres } from '../packages/server/src/db/embedded.ts';
import { ensureDatabase } from '../packages/server/src/db/open.ts';
import { createPool } from '../packages/server/src/db/pool.ts';
import { prepareDatabase } from '../packages/server/src/seed/bootstrap.ts';
import { seedDemoProvince } from '../packages/server/src/seed/demo.ts';
import { benchCareBoards } from './care-boards.ts';
import { benchLoad } from './load.ts';
import { benchStart } from './start.ts';
import { benchSurveillance } from './surveillance.ts';
import { benchVaccinationCoverage } from './vaccination-coverage.ts';
import { benchVaccinationImport } from './vaccination-import.ts';

const PASSWORD = 'bench-password';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), max: r(s[s.length - 1]) };
}

/** `npm run bench -- load search`: only the named workloads (seeding always runs); none: all of them. */
const only = new Set(process.argv.slice(2));
const want = (name: string) => only.size === 0 || only.has(name);

async function main() {
  let url = process.env.BENCH_DATABASE_URL;
  let cleanup = async () => {};
  if (!url) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tuyendau-bench-'));
    await chmod(dir, 0o755);
    const server = await startEmbeddedPostgres(path.join(dir, 'pg'));
    await ensureDatabase(server.url('postgres'), 'bench');
    url = server.url('bench');
    cleanup = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  let pool = createPool(url, 10);
  const config = { ...configFromEnv({}), demo: false, seedPassword: PASSWORD, loginRateLimit: 1000 };
  const results: Record<string, unknown> = {};
  let surveillance: Record<string, unknown> = {};
  let load: Record<string, unknown> = {};
  let start: Record<string, unknown> = {};
  let care: Record<string, unknown> = {};
  const vaccination: Record<string, unknown> = {};
  try {
    if (want('start')) start = await benchStart();
    await prepareDatabase(pool, config);
    const t0 = performance.now();
    const seeded = await seedDemoProvince(pool, '12', PASSWORD);
    results.seeding = {
      province: seeded.province,
      persons: seeded.persons,
      households: seeded.households,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      target_seconds: 60,
      outbreak: seeded.outbreak
        ? {
            cases: seeded.outbreak.cases,
            contacts: seeded.outbreak.contacts,
            tests: seeded.outbreak.tests,
            seconds: seeded.outbreak.seconds,
          }
        : null,
      care: seeded.care
        ? {
            facilities: seeded.care.facilities,
            episodes: seeded.care.episodes,
            entries: seeded.care.entries,
            hotline_requests: seeded.care.hotlineRequests,
            seconds: seeded.care.seconds,
          }
        : null,
    };
    console.log(
      `seeding: ${seeded.persons} persons, ${seeded.households} households in ${(results.seeding as { seconds: number }).seconds} s`,
    );

    if (want('vaccination-import')) {
      // The import bench copies the seeded database as a template: no connection may stay open on it.
      await pool.end();
      try {
        vaccination.import = await benchVaccinationImport(url);
      } finally {
        pool = createPool(url, 10);
      }
    }
    if (want('vaccination-coverage'))
      vaccination.coverage = await benchVaccinationCoverage(pool, url, PASSWORD);
    if (want('load')) load = await benchLoad(pool, url, PASSWORD);
    const app = await buildApp({ pool, config, webDist: null });
    await app.ready();
    const login = async (username: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: PASSWORD },
      });
      return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    };
    // A typical mix: common surname + middle name, full names, given names, rare strings.
    const queries = [
      'lo van',
      'giang a',
      'nguyen thi',
      'tong van khoa',
      'vang thi mai',
      'pao',
      'lo thi hoa',
      'sung seo',
      'hoang van hung',
      'tan lao',
      'phan thi lan',
      'quang van phong',
      'mua a cha',
      'nguyen duc',
      'trieu',
      'lu thi',
      'ly seo dung',
      'xoan',
      'bui thi nga',
      'dieu van tien',
    ];
    for (const [label, username] of (want('search')
      ? [
          ['province', 'chihuy.12'],
          ['district', 'chihuy.105'],
          ['commune', 'tram.03387'],
        ]
      : []) as [string, string][]) {
      const cookie = await login(username);
      const samples: number[] = [];
      for (let round = 0; round < 10; round++) {
        for (const q of queries) {
          const t = performance.now();
          const res = await app.inject({
            method: 'GET',
            url: `/api/v1/persons?q=${encodeURIComponent(q)}&limit=50`,
            headers: { cookie },
          });
          samples.push(performance.now() - t);
          if (res.statusCode !== 200) throw new Error(`${q}: ${res.statusCode} ${res.body}`);
        }
      }
      results[`person_search_${label}_ms`] = { ...summary(samples.slice(queries.length)), target_p95: 50 };
      console.log(
        `person search by name (${label} account, ${username}):`,
        results[`person_search_${label}_ms`],
      );
    }
    if (want('surveillance')) surveillance = await benchSurveillance({ pool, app, login, summary });
    await app.close();
    // Last: it adds 20,000 active F0 and 2.4 million monitoring entries to the bench database.
    if (want('care-boards')) care = await benchCareBoards(pool, url, PASSWORD);
  } finally {
    await pool.end();
    await cleanup();
  }
  const out = path.join(REPO_ROOT, 'bench/results');
  await mkdir(out, { recursive: true });
  await writeFile(
    path.join(out, 'foundation.json'),
    `${JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, ...results }, null, 2)}\n`,
  );
  const stamp = { at: new Date().toISOString(), cpus: os.cpus().length };
  if (want('load'))
    await writeFile(path.join(out, 'load.json'), `${JSON.stringify({ ...stamp, ...load }, null, 2)}\n`);
  if (want('care-boards'))
    await writeFile(
      path.join(out, 'care.json'),
      `${JSON.stringify({ ...stamp, loadAverage: os.loadavg(), ...care }, null, 2)}\n`,
    );
  if (want('start'))
    await writeFile(path.join(out, 'start.json'), `${JSON.stringify({ ...stamp, ...start }, null, 2)}\n`);
  if (want('vaccination-import') || want('vaccination-coverage'))
    await writeFile(
      path.join(out, 'vaccination.json'),
      `${JSON.stringify({ ...stamp, loadAverage: os.loadavg(), ...vaccination }, null, 2)}\n`,
    );
  await writeFile(
    path.join(out, 'surveillance.json'),
    `${JSON.stringify({ at: new Date().toISOString(), cpus: os.cpus().length, ...surveillance }, null, 2)}\n`,
  );
  console.log(`written to bench/results/foundation.json and bench/results/surveillance.json`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
