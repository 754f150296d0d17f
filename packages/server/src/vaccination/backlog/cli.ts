import { createReadStream, createWriteStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { formatCount } from '@tuyendau/domain';
import { principalForAccount } from '../../auth/principal.ts';
import type { Config } from '../../config.ts';
import { openDatabase } from '../../db/open.ts';
import type { Pool } from '../../db/pool.ts';
import { AppError } from '../../http/errors.ts';
import { importPlatformFile, platformErrorReport } from './service.ts';

export const PLATFORM_USAGE = `  import platform FILE [--as USERNAME] [--report PATH]
                          import the national platform's export (CSV or XLSX): the doses it
                          names take their ma_mui_tiem; prints rows / synced / already synced /
                          unmatched / rejected and writes the refused rows to a CSV report`;

/**
 * `npm run cli -- import platform FILE`. Exits 0 when the file was processed, even with refused
 * rows; 1 when it could not be (not a table, no such account, no permission).
 */
export async function importPlatformCommand(args: string[], config: Config): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { as: { type: 'string', default: 'admin' }, report: { type: 'string' } },
  });
  const [file] = positionals;
  if (!file) {
    console.error(`Cách dùng:\n${PLATFORM_USAGE}`);
    return 1;
  }
  const db = await openDatabase(config, () => {});
  try {
    return await importPlatform(db.pool, file, values.as!, values.report);
  } finally {
    await db.close();
  }
}

/** Imports the platform file `file` as the account `username`; the exit code. */
export async function importPlatform(
  pool: Pool,
  file: string,
  username: string,
  reportPath?: string,
): Promise<number> {
  const account = await pool.query<{ id: string }>(
    'SELECT id FROM accounts WHERE username = $1 AND NOT disabled',
    [username],
  );
  const me = account.rows[0] && (await principalForAccount(pool, account.rows[0].id));
  if (!me) {
    console.error(
      `Không có tài khoản "${username}" đang hoạt động: chọn tài khoản bằng --as <tên đăng nhập>`,
    );
    return 1;
  }
  if (!me.permissions.includes('vaccination.manage')) {
    console.error(`Tài khoản "${username}" không có quyền nhập mã mũi tiêm`);
    return 1;
  }
  try {
    await access(file, constants.R_OK);
  } catch {
    console.error(`Không đọc được tệp ${file}`);
    return 1;
  }
  try {
    const report = await importPlatformFile(pool, me, createReadStream(file), {
      fileName: path.basename(file),
      ip: 'cli',
    });
    const out = reportPath ?? (await reportPathFor(file));
    const csv = await platformErrorReport(pool, me, report.batchId, null);
    if (csv) await pipeline(csv, createWriteStream(out));
    const n = (x: number) => formatCount(x);
    console.log(`Số dòng đọc được:      ${n(report.rows)}`);
    console.log(`Đã ghi mã mũi tiêm:    ${n(report.synced)}`);
    console.log(`Đã có mã từ trước:     ${n(report.alreadySynced)}`);
    console.log(`Không khớp mũi tiêm:   ${n(report.unmatched)}`);
    console.log(`Bị từ chối:            ${n(report.rejected)}`);
    console.log(`Báo cáo lỗi: ${out}`);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`Không nhập được tệp: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

/** Beside the file (`nen-tang.xlsx` → `nen-tang.loi.csv`), or in the temporary folder when that is not writable. */
async function reportPathFor(file: string): Promise<string> {
  const name = `${path.basename(file).replace(/\.(csv|xlsx)$/i, '')}.loi.csv`;
  try {
    await access(path.dirname(path.resolve(file)), constants.W_OK);
    return path.join(path.dirname(path.resolve(file)), name);
  } catch {
    return path.join(os.tmpdir(), name);
  }
}
