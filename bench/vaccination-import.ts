/**
 * `npm run bench -- vaccination-import`: a 1,000,000-row vaccination list of the demo province
 * (Lai Châu, 12: 460k people) imported through the real import function, in a child process whose
 * peak memory (RSS high-water mark) is the figure; in the same run, `psql \copy` of the same file
 * into an unindexed table (COPY through pg-copy-streams when there is no psql), and the ratio.
 *
 * The import goes into a copy of the bench database in which the province has no dose yet (the
 * first import of a province's history: every row is matched, checked and written, and the
 * coverage tables refreshed), made once with CREATE DATABASE … TEMPLATE and made again when the
 * bench database's migrations change. It runs as a dry run: every statement and every trigger of
 * the real import runs, then the transaction is rolled back, so every run measures the same work.
 * VACCINATION_ROWS=100000 measures a smaller file. BENCH_PROFILE=1 adds a second run with
 * auto_explain: the plans of the statements over 300 ms, written to
 * bench/results/vaccination-import-plans.txt.
 *
 * The file: the province's people, each with the doses of their age group through 31/08/2022
 * (adults 2–4 doses from 07/2021, 12–17 from 11/2021, 5–11 from 04/2022), named by CCCD when they
 * have one (one row in ten without it: matched by name, birth date and commune), some names in
 * capitals or with double spaces, dates as dd/mm/yyyy or ISO; about 3% of rows for people not
 * registered, about 1% of bad rows (impossible date, unknown commune, mũi 7, no name, future date).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../packages/server/src/config.ts';
import { copyCsv } from '../packages/server/src/db/copy.ts';
import { createPool, type Pool } from '../packages/server/src/db/pool.ts';

export const BENCH_ROWS = Number(process.env.VACCINATION_ROWS ?? 1_000_000);
const PROVINCE = '12';
const GENERATOR_VERSION = 1;
const LAST_DAY = Date.UTC(2022, 7, 31);
const DAY = 86_400_000;

const HEADER =
  'ho_ten,ngay_sinh,gioi_tinh,so_cccd,so_dien_thoai,ma_xa,dia_chi,mui_tiem,ngay_tiem,ten_vac_xin,so_lo,co_so_tiem,ma_mui_tiem';

interface Person {
  fullName: string;
  birthDate: string;
  sex: string;
  idNumber: string | null;
  unitCode: string;
  phone: string | null;
}

/** A deterministic generator (the same file every run). */
function randomFrom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const vn = (ms: number) => {
  const d = iso(ms);
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
};
const addMonths = (ms: number, n: number) => {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.getTime();
};
const ageOn = (birth: string, on: number) => {
  const b = new Date(`${birth}T00:00:00Z`);
  const d = new Date(on);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (
    d.getUTCMonth() < b.getUTCMonth() ||
    (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())
  )
    age--;
  return age;
};

const SITES = ['Trạm Y tế xã', 'Trung tâm Y tế huyện', 'Điểm tiêm lưu động', 'Bệnh viện Đa khoa tỉnh'];
const ADULT_PRODUCTS: [string, number][] = [
  ['AstraZeneca', 0.4],
  ['Vero Cell', 0.3],
  ['Pfizer', 0.2],
  ['Moderna', 0.1],
];

/** Writes the file; returns its path (kept in the temporary folder and reused while the generator is the same). */
export async function vaccinationFile(pool: Pool): Promise<{ file: string; generatedSeconds: number }> {
  const file = path.join(
    os.tmpdir(),
    `tuyendau-bench-vaccination-${PROVINCE}-${BENCH_ROWS}-v${GENERATOR_VERSION}.csv`,
  );
  if (existsSync(file) && !process.env.BENCH_REGENERATE) return { file, generatedSeconds: 0 };
  const t0 = performance.now();
  const { rows: people } = await pool.query<Person>(
    `SELECT full_name AS "fullName", birth_date::text AS "birthDate", sex, id_number AS "idNumber", unit_code AS "unitCode",
            phone
       FROM persons WHERE province_code = $1 AND merged_into IS NULL ORDER BY id`,
    [PROVINCE],
  );
  const known = new Set(people.map((p) => p.idNumber).filter(Boolean));
  const units = [...new Set(people.map((p) => p.unitCode))];
  const random = randomFrom(20220831);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const between = (from: number, to: number) => from + Math.floor(random() * ((to - from) / DAY + 1)) * DAY;
  const weighted = () => {
    let r = random();
    for (const [name, w] of ADULT_PRODUCTS) {
      r -= w;
      if (r < 0) return name;
    }
    return ADULT_PRODUCTS[0][0];
  };

  const tmp = `${file}.part`;
  const out = createWriteStream(tmp);
  let buffer = `${HEADER}\n`;
  let rows = 0;
  const flush = async () => {
    if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    buffer = '';
  };
  const cell = (v: string | null | undefined) =>
    v == null ? '' : /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  let lot = 0;
  const emit = async (
    p: Person,
    doseNumber: number | string,
    given: number,
    product: string,
    mode: 'id' | 'name',
  ) => {
    const name =
      random() < 0.05
        ? p.fullName.toUpperCase()
        : random() < 0.02
          ? p.fullName.replace(' ', '  ')
          : p.fullName;
    const isoDates = random() < 0.3;
    const birth = isoDates ? p.birthDate : vn(Date.parse(`${p.birthDate}T00:00:00Z`));
    const day = isoDates ? iso(given) : vn(given);
    buffer += `${[
      cell(name),
      birth,
      p.sex === 'male' ? 'Nam' : 'Nữ',
      mode === 'id' ? (p.idNumber ?? '') : '',
      p.phone ?? '',
      p.unitCode,
      '',
      String(doseNumber),
      day,
      product,
      `LOT${(lot++ % 5000).toString().padStart(4, '0')}`,
      cell(pick(SITES)),
      random() < 0.6 ? `MT${PROVINCE}${rows.toString().padStart(9, '0')}` : '',
    ].join(',')}\n`;
    rows++;
    if (buffer.length > 1 << 20) await flush();
  };

  /** A person's doses through 31/08/2022, by their age group. */
  const dosesOf = (p: Person): [number, string][] => {
    const doses: [number, string][] = [];
    const push = (given: number, product: string) => {
      if (given <= LAST_DAY) doses.push([given, product]);
    };
    const adult = ageOn(p.birthDate, Date.UTC(2021, 7, 1)) >= 18;
    const teen = !adult && ageOn(p.birthDate, Date.UTC(2021, 10, 1)) >= 12;
    const child = !adult && !teen && ageOn(p.birthDate, Date.UTC(2022, 3, 15)) >= 5;
    if (adult && random() < 0.93) {
      const product = weighted();
      const d1 = between(Date.UTC(2021, 6, 15), Date.UTC(2021, 11, 31));
      push(d1, product);
      const d2 = d1 + (28 + Math.floor(random() * 30)) * DAY;
      push(d2, product);
      if (random() < 0.8) {
        const d3 = Math.max(addMonths(d2, 6), Date.UTC(2022, 0, 5)) + Math.floor(random() * 40) * DAY;
        push(d3, random() < 0.5 ? 'Pfizer' : 'Moderna');
        if (ageOn(p.birthDate, Date.UTC(2022, 6, 1)) >= 50 && random() < 0.6) {
          push(Math.max(addMonths(d3, 4), Date.UTC(2022, 6, 1)) + Math.floor(random() * 40) * DAY, 'Pfizer');
        }
      }
    } else if (teen && random() < 0.9) {
      const d1 = between(Date.UTC(2021, 10, 1), Date.UTC(2021, 11, 31));
      push(d1, 'Pfizer');
      const d2 = d1 + (21 + Math.floor(random() * 20)) * DAY;
      push(d2, 'Pfizer');
      if (random() < 0.6)
        push(Math.max(addMonths(d2, 5), Date.UTC(2022, 5, 20)) + Math.floor(random() * 40) * DAY, 'Pfizer');
    } else if (child && random() < 0.75) {
      const product = random() < 0.7 ? 'Pfizer trẻ em' : 'Moderna';
      const d1 = between(Date.UTC(2022, 3, 15), Date.UTC(2022, 5, 30));
      push(d1, product);
      push(d1 + (28 + Math.floor(random() * 20)) * DAY, product);
    }
    return doses;
  };

  const target = BENCH_ROWS;
  const forNew = Math.round(target * 0.03);
  const forBad = Math.round(target * 0.01);
  // Registered people, until the rows for the others are what is left.
  for (const p of people) {
    if (rows >= target - forNew - forBad) break;
    const mode = p.idNumber && random() < 0.9 ? 'id' : 'name';
    for (const [i, [given, product]] of dosesOf(p).entries()) await emit(p, i + 1, given, product, mode);
  }
  // People nobody registered: half with a CCCD of their own.
  let serial = 0;
  while (rows < target - forBad) {
    const birth = iso(between(Date.UTC(1945, 0, 1), Date.UTC(2003, 0, 1)));
    let idNumber: string | null = null;
    if (random() < 0.5) {
      do idNumber = `0129${birth.slice(2, 4)}${String(900000 + (serial++ % 99999)).padStart(6, '0')}`;
      while (known.has(idNumber));
      known.add(idNumber);
    }
    const p: Person = {
      fullName: `${pick(['Lò', 'Tòng', 'Vàng', 'Giàng', 'Lý', 'Nguyễn'])} ${pick(['Văn', 'Thị', 'A', 'Seo'])} Mới${serial++}`,
      birthDate: birth,
      sex: random() < 0.5 ? 'male' : 'female',
      idNumber,
      unitCode: pick(units),
      phone: null,
    };
    for (const [i, [given, product]] of dosesOf({ ...p, birthDate: birth }).entries()) {
      if (rows >= target - forBad) break;
      await emit(p, i + 1, given, product, 'id');
    }
  }
  // Bad rows, one kind after the other.
  const someone = people[0];
  for (let i = 0; rows < target; i++) {
    const kind = i % 5;
    const p = {
      ...someone,
      fullName: kind === 3 ? '' : someone.fullName,
      unitCode: kind === 1 ? '99999' : someone.unitCode,
    };
    const given = kind === 4 ? Date.now() + 30 * DAY : Date.UTC(2021, 7, 1);
    if (kind === 0) {
      buffer += `${cell(p.fullName)},${vn(Date.parse(`${p.birthDate}T00:00:00Z`))},Nam,,,${p.unitCode},,1,31/02/2021,AstraZeneca,,,\n`;
      rows++;
    } else {
      await emit(p, kind === 2 ? 7 : 1, given, 'AstraZeneca', 'name');
    }
  }
  await flush();
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  await rename(tmp, file);
  return { file, generatedSeconds: Math.round((performance.now() - t0) / 100) / 10 };
}

/** The copy the import goes into: the bench database, the province's doses removed. */
async function importDatabase(url: string): Promise<string> {
  const source = new URL(url);
  const name = `${source.pathname.slice(1)}_vaccination_import`;
  const target = new URL(url);
  target.pathname = `/${name}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const lastMigration = async (u: string) => {
    const pool = createPool(u, 1);
    try {
      const { rows } = await pool.query(
        `SELECT max(created_at)::text AS at FROM drizzle.__drizzle_migrations`,
      );
      return rows[0].at as string;
    } finally {
      await pool.end();
    }
  };
  const adminPool = createPool(admin.href, 1);
  try {
    const { rows } = await adminPool.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (rows.length > 0 && !process.env.BENCH_REFRESH_COPY) {
      if ((await lastMigration(target.href)) === (await lastMigration(url))) return target.href;
    }
    const t0 = performance.now();
    await adminPool.query(`DROP DATABASE IF EXISTS "${name}"`);
    try {
      await adminPool.query(
        `CREATE DATABASE "${name}" TEMPLATE "${source.pathname.slice(1)}" STRATEGY FILE_COPY`,
      );
    } catch (err) {
      const { rows: others } = await adminPool.query(
        `SELECT pid, application_name, client_addr FROM pg_stat_activity WHERE datname = $1`,
        [source.pathname.slice(1)],
      );
      throw new Error(
        `vaccination import: cannot copy the bench database (${(err as Error).message}); sessions on it: ${JSON.stringify(others)}`,
      );
    }
    const pool = createPool(target.href, 1);
    try {
      // The triggers bring vaccination_status and dose_cells in line with a province without doses.
      await pool.query(`DELETE FROM vaccine_doses WHERE province_code = $1`, [PROVINCE]);
      await pool.query(`DELETE FROM dose_match_reviews WHERE province_code = $1`, [PROVINCE]);
      await pool.query(`VACUUM ANALYZE`);
    } finally {
      await pool.end();
    }
    console.log(
      `vaccination import: database ${name} copied, doses of ${PROVINCE} removed, in ${Math.round((performance.now() - t0) / 1000)} s`,
    );
    return target.href;
  } finally {
    await adminPool.end();
  }
}

const hasPsql = () => spawnSync('psql', ['--version']).status === 0;

const rawTable = (table: string, temporary: boolean) =>
  `CREATE ${temporary ? 'TEMP ' : ''}TABLE ${table} (${HEADER.split(',')
    .map((c) => `${c} text`)
    .join(', ')})`;

/** `psql \copy` of the file into an unindexed table of text columns, temporary or not: seconds. */
function psqlCopy(url: string, file: string, temporary: boolean): number {
  const table = temporary ? 'bench_raw_copy' : 'bench_raw_copy_logged';
  const args = [
    url,
    '-v',
    'ON_ERROR_STOP=1',
    '-q',
    '-c',
    `DROP TABLE IF EXISTS ${table}`,
    '-c',
    rawTable(table, temporary),
    '-c',
    '\\timing on',
    '-c',
    `\\copy ${table} FROM '${file}' WITH (FORMAT csv, HEADER true)`,
    '-c',
    `DROP TABLE ${table}`,
  ];
  const run = spawnSync('psql', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`psql \\copy: ${run.stderr}`);
  // The \copy line's own time, as psql measured it (\timing).
  const times = [...run.stdout.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
  return times[times.length - 2] / 1000;
}

/** The same through pg-copy-streams, when psql is not installed: seconds of the COPY. */
async function streamCopy(url: string, file: string, temporary: boolean): Promise<number> {
  const table = temporary ? 'bench_raw_copy' : 'bench_raw_copy_logged';
  const pool = createPool(url, 1);
  const c = await pool.connect();
  try {
    await c.query(`DROP TABLE IF EXISTS ${table}`);
    await c.query(rawTable(table, temporary));
    const t0 = performance.now();
    await copyCsv(c, table, HEADER.split(','), file);
    const seconds = (performance.now() - t0) / 1000;
    await c.query(`DROP TABLE ${table}`);
    return seconds;
  } finally {
    c.release();
    await pool.end();
  }
}

interface ChildResult {
  report: Record<string, unknown> & { rows: number; ms: number; steps: Record<string, number> };
  maxRssMB: number;
  wallMs: number;
  plans?: string[];
}

/** The import in a child process (its RSS high-water mark is the import's, not the generator's). */
function importInChild(url: string, file: string, profile: boolean): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'bench/vaccination-import-child.ts'), file],
      {
        env: { ...process.env, BENCH_DATABASE_URL: url, BENCH_PROFILE: profile ? '1' : '' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`import child exited ${code}: ${out.slice(-2000)}`));
      resolve(JSON.parse(out.slice(out.indexOf('{'))));
    });
  });
}

/**
 * The benchmark, on the seeded bench database at `url`; it opens its own connections (none may be
 * open on `url` the first time: the copy is made from it as a template).
 */
export async function benchVaccinationImport(url: string): Promise<Record<string, unknown>> {
  const target = await importDatabase(url);
  const pool = createPool(target, 2);
  let file: string;
  let generatedSeconds: number;
  try {
    ({ file, generatedSeconds } = await vaccinationFile(pool));
  } finally {
    await pool.end();
  }
  const bytes = statSync(file).size;
  console.log(
    `vaccination import: file of ${BENCH_ROWS} rows, ${(bytes / 1e6).toFixed(1)} MB (generated in ${generatedSeconds} s)`,
  );
  const psql = hasPsql();
  const copy = (temporary: boolean) =>
    psql ? Promise.resolve(psqlCopy(target, file, temporary)) : streamCopy(target, file, temporary);
  // Warm the file and the tables once, then the raw copies and the import.
  await copy(true);
  const copyTemp = await copy(true);
  const copyLogged = await copy(false);
  const run = await importInChild(target, file, false);
  const seconds = run.report.ms / 1000;
  const fastestCopy = Math.min(copyTemp, copyLogged);
  const result: Record<string, unknown> = {
    rows: run.report.rows,
    file_mb: Math.round(bytes / 1e5) / 10,
    import_seconds: Math.round(seconds * 100) / 100,
    rows_per_second: Math.round(run.report.rows / seconds),
    target_rows_per_second: 100_000,
    peak_rss_mb: run.maxRssMB,
    raw_copy: psql ? 'psql \\copy' : 'COPY (pg-copy-streams)',
    raw_copy_temp_seconds: Math.round(copyTemp * 100) / 100,
    raw_copy_table_seconds: Math.round(copyLogged * 100) / 100,
    raw_copy_rows_per_second: Math.round(run.report.rows / fastestCopy),
    ratio_to_raw_copy: Math.round((fastestCopy / seconds) * 1000) / 1000,
    target_ratio: 0.25,
    steps_ms: run.report.steps,
    outcome: Object.fromEntries(
      ['imported', 'unchanged', 'review', 'rejected', 'personsCreated', 'flagged'].map((k) => [
        k,
        run.report[k],
      ]),
    ),
  };
  console.log(
    `vaccination import: ${result.rows} rows in ${result.import_seconds} s = ${result.rows_per_second} rows/s ` +
      `(target 100000), peak RSS ${result.peak_rss_mb} MB; ${result.raw_copy} ${Math.min(copyTemp, copyLogged).toFixed(2)} s; ` +
      `ratio ${result.ratio_to_raw_copy} (target ≥ 0.25)`,
  );
  console.log('vaccination import:', result);
  if (process.env.BENCH_PROFILE) {
    const profiled = await importInChild(target, file, true);
    await writeFile(
      path.join(REPO_ROOT, 'bench/results/vaccination-import-plans.txt'),
      `${profiled.plans?.join('\n\n') ?? ''}\n`,
    );
    result.profiled_steps_ms = profiled.report.steps;
  }
  return result;
}
