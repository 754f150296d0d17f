import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_ROOT } from '../config.ts';
import { DataDirInUseError, removeStaleLockFile } from './embedded.ts';

let root: string;
let alive: ChildProcess;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tuyendau-lock-'));
  alive = spawn('sleep', ['60'], { stdio: 'ignore' });
});
afterAll(async () => {
  alive.kill();
  await rm(root, { recursive: true, force: true });
});

/** A data folder whose postmaster.pid names `pid`, as PostgreSQL writes it. */
async function dataDir(name: string, pid: number | string): Promise<string> {
  const dir = path.join(root, name, 'pg');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'PG_VERSION'), '18\n');
  await writeFile(path.join(dir, 'postmaster.pid'), `${pid}\n${dir}\n1700000000\n5432\n`);
  return dir;
}

async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('removeStaleLockFile', () => {
  it('refuses a data folder whose lock names a running process, naming the folder', async () => {
    const dir = await dataDir('live', alive.pid!);
    const refused = removeStaleLockFile(dir);
    await expect(refused).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(refused).rejects.toThrow(dir);
    expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(true);
  });

  it('removes the lock of a process that is gone', async () => {
    const dir = await dataDir('dead', await deadPid());
    await removeStaleLockFile(dir);
    expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(false);
  });

  it('removes a lock naming this very process (a PID reused after a restart) or nothing readable', async () => {
    for (const [name, pid] of [
      ['self', process.pid],
      ['garbage', 'not-a-pid'],
    ] as const) {
      const dir = await dataDir(name, pid);
      await removeStaleLockFile(dir);
      expect(existsSync(path.join(dir, 'postmaster.pid')), name).toBe(false);
    }
  });

  it('does nothing without a lock file', async () => {
    await expect(removeStaleLockFile(path.join(root, 'empty'))).resolves.toBeUndefined();
  });
});

describe('npm start on a data folder in use', () => {
  it('stops with a message naming DATA_DIR and a non-zero exit code', async () => {
    const dir = await dataDir('in-use', alive.pid!);
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(SERVER_ROOT, 'src/main.ts')], {
      env: { ...process.env, DATA_DIR: path.dirname(dir), DATABASE_URL: '', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`Thư mục dữ liệu ${dir} đang được một phiên Tuyến Đầu khác sử dụng`);
    expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(true);
  });
});
