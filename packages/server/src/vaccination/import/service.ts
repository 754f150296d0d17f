/**
 * Import of vaccination lists (issue 9 §2): the files officials have, one dose a row, into the
 * registry. The Node step only decodes the file, maps its header and streams the rows into COPY
 * (imports/stage.ts); finding each row's person, checking it and writing the doses are a few
 * set-based statements over the whole file, in one transaction: a failure half-way writes nothing.
 *
 * A row is about a person found by CCCD/CMND (exactly), else by folded name + birth date +
 * commune; two people with the same name and birth date in different communes stay two people.
 * A row whose person cannot be told for sure goes to dose_match_reviews (never merged by itself),
 * reasons:
 * - id_mismatch: the CCCD is a registered person's, but the name or the birth date differ;
 * - merged_person: the CCCD is a person's merged into another record;
 * - name_other_id: one person has the name, birth date and commune, with another CCCD;
 * - several_candidates: several people have the name, birth date and commune;
 * - file_id_conflict: the file gives one (unregistered) CCCD to different people;
 * - several_new: a row without CCCD, while the file names several new people with its name,
 *   birth date and commune, each with their own CCCD.
 * No match registers the person (no household: the commune's team places them later), once
 * however many of their doses the file lists.
 *
 * A dose whose person already has that dose number is unchanged when its day and product are the
 * same, and a refused row otherwise ("mũi 2 đã có với ngày khác"): a correction is a person's
 * decision, with the dose form (it supersedes the wrong dose), not a file's. Doses that break the
 * rules of their day are recorded with flags, pending review (rules.ts says which checks).
 * Re-importing a file changes nothing.
 */

import { createWriteStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { recordAudit, recordRead } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { inTransaction, type Pool, type PoolClient } from '../../db/pool.ts';
import type { HeaderReport } from '../../imports/columns.ts';
import { STAGING, stageUpload } from '../../imports/stage.ts';
import { labelOf, VACCINATION_IMPORT_COLUMNS } from './columns.ts';
import {
  CSV_BOM,
  checkDoses,
  checkRows,
  importCounts,
  placeNewPersons,
  recordBatch,
  rejectedRowsOf,
  rejectionsCsv,
  resolveCommunes,
  writeRows,
} from './queries.ts';

/** Why a row went to the review queue instead of being written (codes: the UI words them). */
export type MatchReviewReason =
  | 'id_mismatch'
  | 'merged_person'
  | 'name_other_id'
  | 'several_candidates'
  | 'file_id_conflict'
  | 'several_new';

export interface VaccinationRejection {
  row: number;
  /** The column at fault (ma_xa, ngay_tiem …) and its label ("Ngày tiêm"). */
  field: string;
  label: string;
  value: string | null;
  message: string;
}

export interface VaccinationImportReport {
  /** The import, whose error report is GET /vaccination/imports/:id/errors.csv. */
  batchId: string;
  rows: number;
  /** Rows that recorded a dose (or gave a recorded dose its national id). */
  imported: number;
  /** Rows whose dose was already recorded as the file says (or repeated an earlier row). */
  unchanged: number;
  /** Rows held in the review queue: their person could not be told for sure. */
  review: number;
  /** Of those, the rows new to the queue (a re-import adds none). */
  reviewAdded: number;
  rejected: number;
  personsCreated: number;
  /** Doses recorded with rule flags, waiting for review. */
  flagged: number;
  /** The first REJECTED_SHOWN rejected rows, in file order (all are in the error report). */
  rejectedRows: VaccinationRejection[];
  columns: HeaderReport;
  ms: number;
  /** Time of each step, for the benchmark. */
  steps: Record<string, number>;
}

export const REJECTED_SHOWN = 1000;

/** Where an import comes from, for the audit log. */
export interface ImportOrigin {
  fileName: string;
  /** The caller's address; 'cli' for the command line. */
  ip: string;
}

/**
 * Imports a vaccination list for `me` in one transaction and returns what became of its rows.
 * Rows outside the caller's jurisdiction, and every other bad row, are refused rows of the report.
 */
export async function importVaccinations(
  pool: Pool,
  me: Principal,
  input: Readable,
  origin: ImportOrigin,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<VaccinationImportReport> {
  try {
    return await importInTransaction(pool, me, input, origin, dryRun);
  } catch (err) {
    if (err instanceof DryRun) return err.report;
    throw err;
  }
}

/** Ends a dry run: everything was done, and is rolled back. */
class DryRun extends Error {
  constructor(readonly report: VaccinationImportReport) {
    super('dry run');
  }
}

function importInTransaction(
  pool: Pool,
  me: Principal,
  input: Readable,
  origin: ImportOrigin,
  dryRun: boolean,
): Promise<VaccinationImportReport> {
  return inTransaction(pool, async (c) => {
    const started = performance.now();
    const steps: Record<string, number> = {};
    let mark = started;
    const step = (name: string) => {
      const now = performance.now();
      steps[name] = Math.round(now - mark);
      mark = now;
    };
    // Dates are days in Vietnam ("in the future" is after today there).
    await c.query(`SET LOCAL TimeZone = 'Asia/Ho_Chi_Minh'`);
    // Hash joins of a million rows against the province's people stay in memory.
    await c.query(`SET LOCAL work_mem = '256MB'`);
    const staged = await stageUpload(c, input, VACCINATION_IMPORT_COLUMNS);
    step('stage');
    // The columns whose distinct values are parsed once (PerDistinct) and the communes: the planner
    // needs their number of distinct values; the free-text columns are not analysed.
    await c.query(
      `ANALYZE ${STAGING} (${['ma_xa', 'ngay_sinh', 'ngay_tiem', 'ten_vac_xin', 'mui_tiem', 'gioi_tinh']
        .filter((col) => staged.header.has(col))
        .map((col) => `"${col}"`)
        .join(', ')})`,
    );
    await resolveCommunes(c, me);
    await checkRows(c, me, new Set(staged.header.keys()));
    step('check');
    await placeNewPersons(c);
    step('new_persons');
    await checkDoses(c);
    step('doses');
    const written = await writeRows(c, me);
    step('write');
    const counts = await importCounts(c);
    const batch = await recordBatch(c, me, {
      fileName: origin.fileName,
      rows: staged.rows,
      ...counts,
      personsCreated: written.personsCreated,
      ms: Math.round(performance.now() - started),
    });
    const rejectedRows = (await rejectedRowsOf(c, batch, REJECTED_SHOWN)).map((r) => ({
      ...r,
      label: labelOf(r.field),
    }));
    step('report');
    const report: VaccinationImportReport = {
      batchId: batch,
      rows: staged.rows,
      ...counts,
      reviewAdded: written.reviewAdded,
      personsCreated: written.personsCreated,
      flagged: written.flagged,
      rejectedRows,
      columns: staged.columns,
      ms: Math.round(performance.now() - started),
      steps,
    };
    await recordAudit(
      c,
      { ip: origin.ip, principal: me },
      {
        action: 'import',
        entity: 'vaccine_dose',
        entityId: batch,
        detail: {
          file: origin.fileName,
          rows: report.rows,
          imported: report.imported,
          unchanged: report.unchanged,
          review: report.review,
          rejected: report.rejected,
          personsCreated: report.personsCreated,
          ms: report.ms,
        },
      },
    );
    // A dry run (the command line's --dry-run, the benchmark) does every write, then rolls back.
    if (dryRun) throw new DryRun(report);
    return report;
  });
}

/**
 * The error report of one of `me`'s imports as a CSV stream (UTF-8 with BOM, for Excel): row,
 * column, value, reason. Null when the import is not theirs. The connection is held while the
 * report streams, and closed rather than reused when the reader goes away half-way.
 */
export async function importErrorReport(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  batchId: string,
): Promise<Readable | null> {
  const c = await pool.connect();
  const { stream, release } = await reportOf(c, me, batchId);
  if (!stream) return null;
  recordRead(pool, request, { action: 'export', entity: 'import_rejections', entityId: batchId });
  const out = new PassThrough();
  out.write(CSV_BOM);
  stream.on('error', (err) => {
    release(err);
    out.destroy(err);
  });
  stream.on('end', () => release());
  out.on('close', () => release(new Error('report reader went away')));
  stream.pipe(out);
  return out;
}

/** Writes the error report of `batchId` to `path` (the command line). */
export async function writeErrorReport(
  pool: Pool,
  me: Principal,
  batchId: string,
  path: string,
): Promise<void> {
  const c = await pool.connect();
  const { stream, release } = await reportOf(c, me, batchId);
  if (!stream) throw new Error(`no import ${batchId}`);
  try {
    const file = createWriteStream(path);
    file.write(CSV_BOM);
    await pipeline(stream, file);
    release();
  } catch (err) {
    release(err as Error);
    throw err;
  }
}

async function reportOf(c: PoolClient, me: Principal, batchId: string) {
  let released = false;
  // After an error or a reader gone half-way, the connection is closed, never reused mid-COPY.
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    c.release(err);
  };
  try {
    const stream = await rejectionsCsv(c, me, batchId);
    if (!stream) release();
    return { stream, release };
  } catch (err) {
    release(err as Error);
    throw err;
  }
}
