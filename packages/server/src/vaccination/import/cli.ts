import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatCount } from '@tuyendau/domain';
import { principalForAccount } from '../../auth/principal.ts';
import type { Config } from '../../config.ts';
import { openDatabase } from '../../db/open.ts';
import type { Pool } from '../../db/pool.ts';
import { AppError } from '../../http/errors.ts';
import { importVaccinations, writeErrorReport } from './service.ts';

export const IMPORT_USAGE = `  import vaccinations FILE [--as USERNAME] [--report PATH] [--dry-run]
                          import a vaccination list (CSV or XLSX) as the account USERNAME
                          (default admin: the whole country); prints what became of its rows
                          and writes the refused rows to a CSV error report
                          (--dry-run: does it all, then writes nothing)`;

/**
 * `npm run cli -- import vaccinations FILE`: prints rows read / imported / unchanged / to review /
 * rejected and the path of the error report. Exits 0 when the file was processed, even with
 * refused rows; 1 when it could not be (not a table, no such account, database error).
 */
export async function importCommand(args: string[], config: Config): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      as: { type: 'string', default: 'admin' },
      report: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const [what, file] = positionals;
  if (what !== 'vaccinations' || !file) {
    console.error(`Cách dùng:\n${IMPORT_USAGE}`);
    return 1;
  }
  const db = await openDatabase(config, () => {});
  try {
    return await importFile(db.pool, file, values.as!, {
      reportPath: values.report,
      dryRun: values['dry-run'],
    });
  } finally {
    await db.close();
  }
}

/** Imports `file` as the account `username`; the exit code. */
export async function importFile(
  pool: Pool,
  file: string,
  username: string,
  { reportPath, dryRun = false }: { reportPath?: string; dryRun?: boolean } = {},
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
    console.error(`Tài khoản "${username}" không có quyền nhập dữ liệu tiêm chủng`);
    return 1;
  }
  try {
    await access(file, constants.R_OK);
  } catch {
    console.error(`Không đọc được tệp ${file}`);
    return 1;
  }
  try {
    const report = await importVaccinations(
      pool,
      me,
      createReadStream(file),
      {
        fileName: path.basename(file),
        ip: 'cli',
      },
      { dryRun },
    );
    const out = dryRun ? null : (reportPath ?? (await reportPathFor(file)));
    if (out) await writeErrorReport(pool, me, report.batchId, out);
    const n = (x: number) => formatCount(x);
    console.log(`Số dòng đọc được: ${n(report.rows)}`);
    console.log(`Đã nhập:          ${n(report.imported)}`);
    console.log(`Không đổi:        ${n(report.unchanged)}`);
    console.log(`Chờ xem xét:      ${n(report.review)} (người chưa xác định chắc chắn)`);
    console.log(`Bị từ chối:       ${n(report.rejected)}`);
    console.log(
      `Người mới đăng ký: ${n(report.personsCreated)}; mũi tiêm cần xem xét quy tắc: ${n(report.flagged)}`,
    );
    console.log(
      out ? `Báo cáo lỗi: ${out}` : 'Chạy thử: không ghi gì vào cơ sở dữ liệu, không có báo cáo lỗi',
    );
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`Không nhập được tệp: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

/** Beside the file (`tiem.csv` → `tiem.loi.csv`), or in the temporary folder when that is not writable. */
async function reportPathFor(file: string): Promise<string> {
  const name = `${path.basename(file).replace(/\.(csv|xlsx)$/i, '')}.loi.csv`;
  try {
    await access(path.dirname(path.resolve(file)), constants.W_OK);
    return path.join(path.dirname(path.resolve(file)), name);
  } catch {
    return path.join(os.tmpdir(), name);
  }
}
