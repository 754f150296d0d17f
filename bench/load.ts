/**
 * Load workloads (issue 7): the real server (`listen`) and a bare Fastify + pg route, each in a
 * child process on the same seeded database, driven at 50 connections by autocannon for
 * LOAD_SECONDS each (default 10). Figures: req/s, p50, p99, and the ratio to the bare route.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import type pg from 'pg';
import { REPO_ROOT } from '../packages/server/src/config.ts';
import { benchWeb } from './web.ts';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address() as net.AddressInfo;
      srv.close(() => resolve(address.port));
    });
  });
}

export async function startChild(
  script: string,
  env: Record<string, string>,
  ready: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, script)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(ready)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}: ${out.slice(-2000)}`)));
  });
  child.stdout!.resume();
  return child;
}

export interface LoadFigure {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  ratioToBare?: number;
  target?: string;
}

async function drive(
  url: string,
  opts: { headers?: Record<string, string>; paths?: string[]; seconds?: number } = {},
): Promise<LoadFigure> {
  const paths = opts.paths;
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: opts.seconds ?? SECONDS,
    headers: opts.headers,
    requests: paths
      ? [
          {
            setupRequest: (req: { path: string }) => {
              req.path = paths[i++ % paths.length];
              return req;
            },
          },
        ]
      : undefined,
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** The load workloads against the seeded demo province in `databaseUrl`. */
export async function benchLoad(pool: pg.Pool, databaseUrl: string, password: string) {
  const results: Record<string, LoadFigure> = {};
  let web: Record<string, unknown> = {};
  const barePort = await freePort();
  const appPort = await freePort();
  const bare = await startChild(
    'bench/bare-server.ts',
    { DATABASE_URL: databaseUrl, PORT: String(barePort) },
    'ready',
  );
  const app = await startChild(
    'packages/server/src/main.ts',
    { DATABASE_URL: databaseUrl, PORT: String(appPort), HOST: '127.0.0.1', DEMO: 'off', LOG: 'off' },
    'Sẵn sàng',
  );
  try {
    const base = `http://127.0.0.1:${appPort}`;
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    };
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM persons WHERE province_code = '12' ORDER BY md5(id::text) LIMIT 2000`,
    );
    const ids = rows.map((r) => r.id);

    // Both servers warmed up first (JIT, prepared statements, caches); the bare route is measured
    // before and after the app's workloads, and the ratio taken to their mean: this small shared
    // machine drifts by tens of percent from one minute to the next.
    const barePaths = ids.map((id) => `/person/${id}`);
    const appPaths = ids.map((id) => `/api/v1/persons/${id}`);
    const province = await login('yte.12');
    await drive(`http://127.0.0.1:${barePort}`, { paths: barePaths, seconds: 3 });
    await drive(base, { headers: { cookie: province }, paths: appPaths, seconds: 3 });
    const bareBefore = await drive(`http://127.0.0.1:${barePort}`, { paths: barePaths });
    let ceiling = bareBefore.requestsPerSecond;
    const ratio = (f: LoadFigure, target: number) => ({
      ...f,
      ratioToBare: Math.round((f.requestsPerSecond / ceiling) * 100) / 100,
      target: `≥ ${target}× bare`,
    });
    results.health = await drive(`${base}/api/health`);
    results.auth_me = ratio(await drive(`${base}/api/v1/auth/me`, { headers: { cookie: province } }), 0.7);
    results.unit = ratio(await drive(`${base}/api/v1/units/12`, { headers: { cookie: province } }), 0.7);
    results.person_by_id_audited = ratio(
      await drive(base, { headers: { cookie: province }, paths: appPaths }),
      0.5,
    );
    const names = [
      'lo van',
      'giang a',
      'nguyen thi',
      'vang thi mai',
      'pao',
      'lo thi hoa',
      'sung seo',
      'tan lao',
    ];
    for (const [label, username] of [
      ['province', 'chihuy.12'],
      ['district', 'chihuy.105'],
    ] as const) {
      const cookie = await login(username);
      results[`person_search_${label}`] = {
        ...(await drive(base, {
          headers: { cookie },
          paths: names.map((q) => `/api/v1/persons?q=${encodeURIComponent(q)}&limit=50`),
        })),
        target: 'p99 < 100 ms',
      };
    }
    const bareAfter = await drive(`http://127.0.0.1:${barePort}`, { paths: barePaths });
    ceiling = Math.round((bareBefore.requestsPerSecond + bareAfter.requestsPerSecond) / 2);
    results.bare_person_by_id = { ...bareAfter, requestsPerSecond: ceiling };
    for (const f of Object.values(results)) {
      if (f.ratioToBare !== undefined)
        f.ratioToBare = Math.round((f.requestsPerSecond / ceiling) * 100) / 100;
    }
    console.log(
      `load bare route: ${bareBefore.requestsPerSecond} req/s before, ${bareAfter.requestsPerSecond} after`,
    );
    for (const [name, f] of Object.entries(results)) {
      console.log(
        `load ${name}: ${f.requestsPerSecond} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms` +
          (f.ratioToBare !== undefined ? `, ${f.ratioToBare}× bare (target ${f.target})` : '') +
          (f.target && f.ratioToBare === undefined ? ` (target ${f.target})` : '') +
          (f.errors || f.non2xx ? `, ${f.errors} errors, ${f.non2xx} non-2xx` : ''),
      );
    }
    web = await benchWeb(base, await login('tram.03387'));
  } finally {
    bare.kill('SIGTERM');
    app.kill('SIGTERM');
  }
  return { connections: CONNECTIONS, seconds: SECONDS, ...results, web };
}
