/**
 * A first start (issue 7): `npm start` on an empty DATA_DIR — a new embedded PostgreSQL, the
 * migrations, the reference units, the demo province seeded — until /api/health answers.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../packages/server/src/config.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address() as net.AddressInfo;
      srv.close(() => resolve(address.port));
    });
  });
}

export async function benchStart() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tuyendau-start-'));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), DATA_DIR: dir, HOST: '127.0.0.1' } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  const t = performance.now();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/start.mjs')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    log += d.toString();
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited: ${log.slice(-2000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (performance.now() - t > 300_000) throw new Error(`no health after 300 s: ${log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = Math.round((performance.now() - t) / 100) / 10;
    const seeding = /\(([\d.]+) giây\)/.exec(log)?.[1];
    console.log(`first start: /api/health after ${seconds} s (seeding ${seeding ?? '?'} s; target < 60 s)`);
    return { seconds, seeding_seconds: seeding ? Number(seeding) : null, target_seconds: 60 };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
    await new Promise((r) => setTimeout(r, 3000));
    await rm(dir, { recursive: true, force: true });
  }
}
