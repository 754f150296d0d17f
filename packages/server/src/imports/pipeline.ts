import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { query, queryOne, sql } from '../db/sql.ts';
import { AppError } from '../http/errors.ts';
import type { HeaderReport, ImportColumn } from './columns.ts';
import { missingPersonColumns, PERSON_COLUMNS } from './persons.ts';
import { stageUpload } from './stage.ts';
import { uploadedFile } from './upload.ts';

export interface Rejection {
  row: number;
  /** The canonical column at fault. */
  field: string;
  /** That column's label as people call it ("Số CCCD/CMND"). */
  label: string | null;
  message: string;
}

/** How the file's header row was read, and the columns it lacks to name its people. */
export interface ColumnsReport extends HeaderReport {
  missing: { column: string; label: string }[];
}

export interface ImportReport {
  inserted: number;
  unchanged: number;
  /** The first REJECTED_SHOWN rejected rows, in file order. */
  rejected: Rejection[];
  /** All rejected rows, when there are more than listed. */
  rejectedTotal: number;
  casesCreated: number;
  columns: ColumnsReport;
}

/** More rejected rows than this are counted, not listed: a wrong file would otherwise return megabytes. */
export const REJECTED_SHOWN = 1000;

/**
 * One kind of import. `check` turns the staged rows into `import_checked` (one row per staged row:
 * `row_no`, `error` = ARRAY[field, message] or NULL, plus whatever `merge` needs); `merge` writes
 * the rows without error, set-based, and says how many it inserted.
 */
export interface ImportSpec {
  entity: string;
  columns: readonly ImportColumn[];
  /** `columns`: the canonical columns the file has (the others are NULL in every staged row). */
  check: (c: PoolClient, me: Principal, columns: ReadonlySet<string>) => Promise<void>;
  merge: (c: PoolClient, me: Principal) => Promise<{ inserted: number; casesCreated: number }>;
}

/**
 * The pipeline every import runs, in one transaction: stream the file into a staging table,
 * check it in SQL, report the rejected rows; write nothing when any row is rejected (unless
 * `partial`), else merge. Re-importing a file changes nothing: merges skip known external refs.
 */
export async function runImport(
  pool: Pool,
  request: FastifyRequest,
  me: Principal,
  spec: ImportSpec,
  partial: boolean,
): Promise<ImportReport> {
  const upload = await uploadedFile(request);
  return inTransaction(pool, async (c) => {
    const started = Date.now();
    // Times in files are Vietnam time: the normalising SQL reads them in the session's zone.
    await c.query(`SET LOCAL TimeZone = 'Asia/Ho_Chi_Minh'`);
    // Sorts and hashes over a whole file stay in memory.
    await c.query(`SET LOCAL work_mem = '64MB'`);
    const staged = await stageUpload(c, upload.stream, spec.columns);
    const present = new Set(staged.header.keys());
    await spec.check(c, me, present);
    const columns: ColumnsReport = {
      ...staged.columns,
      // Imports whose rows name a person: without CCCD, nor name + birth date + commune, no row can.
      missing: (spec.columns.includes(PERSON_COLUMNS[0]) ? missingPersonColumns(present) : []).map((col) => ({
        column: col.name,
        label: col.label,
      })),
    };
    const labelOf = (field: string) => spec.columns.find((col) => col.name === field)?.label ?? null;
    const counts = await queryOne<{ valid: number; rejected: number }>(
      c,
      sql`SELECT count(*) FILTER (WHERE error IS NULL)::int AS valid, count(*) FILTER (WHERE error IS NOT NULL)::int AS rejected
            FROM import_checked`,
    );
    const rejected = (
      await query<Omit<Rejection, 'label'>>(
        c,
        sql`SELECT row_no AS row, error[1] AS field, error[2] AS message FROM import_checked
             WHERE error IS NOT NULL ORDER BY row_no LIMIT ${REJECTED_SHOWN}`,
      )
    ).map((r) => ({ row: r.row, field: r.field, label: labelOf(r.field), message: r.message }));
    const rejectedTotal = counts!.rejected;
    if (rejectedTotal > 0 && !partial) {
      throw new AppError(
        400,
        'import_rejected',
        `Tệp có ${rejectedTotal} dòng lỗi nên chưa ghi dòng nào. Hãy sửa các dòng lỗi rồi nhập lại` +
          ' (hoặc chỉ nhập các dòng hợp lệ với partial=true)',
        'file',
        undefined,
        { inserted: 0, unchanged: 0, rejected, rejectedTotal, casesCreated: 0, columns },
      );
    }
    const merged = await spec.merge(c, me);
    const report: ImportReport = {
      inserted: merged.inserted,
      unchanged: counts!.valid - merged.inserted,
      rejected,
      rejectedTotal,
      casesCreated: merged.casesCreated,
      columns,
    };
    await recordAudit(c, request, {
      action: 'import',
      entity: spec.entity,
      detail: {
        file: upload.filename,
        rows: staged.rows,
        inserted: report.inserted,
        unchanged: report.unchanged,
        rejected: rejectedTotal,
        casesCreated: report.casesCreated,
        partial,
        ms: Date.now() - started,
      },
    });
    return report;
  });
}
