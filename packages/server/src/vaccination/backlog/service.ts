/**
 * The national-platform backlog (issue 9 §6–7): current doses not yet on the national platform
 * (no `ma_mui_tiem`), counted per child unit and per vaccination site with the age of the oldest;
 * exported as the XLSX the platform takes; and shrunk by importing the platform's own export,
 * whose codes the doses it now knows take.
 *
 * Doses count where they were recorded: `vaccine_doses.unit_code`, the person's residence when the
 * dose was recorded (as the coverage sentence's backlog count). A superseded dose is replaced by
 * its correction; a dose a reviewer rejected is not a dose: neither is in the backlog.
 */
import { PassThrough, type Readable } from 'node:stream';
import { formatVnDate, vaccineProduct } from '@tuyendau/domain';
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { recordAudit, recordRead } from '../../audit/audit.ts';
import type { Principal } from '../../auth/principal.ts';
import { inTransaction, type Pool } from '../../db/pool.ts';
import { sql } from '../../db/sql.ts';
import { AppError } from '../../http/errors.ts';
import { inertRow } from '../../http/spreadsheet.ts';
import { todayInVietnam } from '../../http/time.ts';
import type { HeaderReport } from '../../imports/columns.ts';
import { STAGING, stageUpload } from '../../imports/stage.ts';
import { type UnitDirectory, unitDirectory } from '../../units/directory.ts';
import type { UnitRow } from '../../units/queries.ts';
import { unitInJurisdiction } from '../coverage/service.ts';
import { CSV_BOM } from '../import/queries.ts';
import type { ImportOrigin } from '../import/service.ts';
import { PLATFORM_IMPORT_COLUMNS, platformLabelOf, REFERENCE_HEADER } from './columns.ts';
import {
  type BacklogCell,
  backlogCounts,
  checkPlatformRows,
  eachBacklogBatch,
  PLATFORM_IMPORT_ENTITY,
  platformCounts,
  platformRejections,
  platformRejectionsCsv,
  recordPlatformBatch,
  writeNationalIds,
} from './queries.ts';

export interface BacklogFigure extends BacklogCell {
  /** Days from the oldest dose's day to today in Vietnam; null when there is none. */
  oldestDays: number | null;
}

export interface BacklogUnitOut {
  code: string;
  name: string;
  level: string;
}

export interface BacklogReport {
  /** Today in Vietnam: the day the ages are counted to. */
  today: string;
  unit: BacklogUnitOut;
  /** From the province down to the unit's parent, those inside the jurisdiction, for drilling back up. */
  parents: BacklogUnitOut[];
  total: BacklogFigure;
  /** Each child unit, largest backlog first (zero included). */
  units: (BacklogFigure & BacklogUnitOut & { hasChildren: boolean })[];
  /** The sites with a backlog, largest first (site null: doses recorded without their site). */
  sites: (BacklogFigure & { site: string | null })[];
  /** How many sites have a backlog (more than SITES_SHOWN are counted, not listed). */
  sitesTotal: number;
}

/** Sites listed at most: a province has a few hundred. */
export const SITES_SHOWN = 500;

const DAY_MS = 86_400_000;

function figure(cell: BacklogCell, today: string): BacklogFigure {
  return {
    ...cell,
    oldestDays: cell.oldest ? Math.round((Date.parse(today) - Date.parse(cell.oldest)) / DAY_MS) : null,
  };
}

function unitOut(u: UnitRow): BacklogUnitOut {
  return { code: u.code, name: u.name, level: u.level };
}

/** The unit and every unit below it, each with the child of `unit` it lies in (null: the unit itself). */
function subtree(units: UnitDirectory, unit: UnitRow): { codes: string[]; childOf: (string | null)[] } {
  const codes = [unit.code];
  const childOf: (string | null)[] = [null];
  for (const child of units.children(unit.code)) {
    const stack = [child];
    while (stack.length > 0) {
      const u = stack.pop()!;
      codes.push(u.code);
      childOf.push(child.code);
      stack.push(...units.children(u.code));
    }
  }
  return { codes, childOf };
}

const districtOf = (units: UnitDirectory, u: UnitRow) =>
  u.level === 'district'
    ? u.code
    : u.level === 'commune' && u.parentCode && units.get(u.parentCode)?.level === 'district'
      ? u.parentCode
      : null;

/** GET /vaccination/backlog: the unit's backlog, per child unit and per site. */
export async function backlogReport(pool: Pool, me: Principal, q: { unit?: string }): Promise<BacklogReport> {
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, q.unit);
  const { codes, childOf } = subtree(units, unit);
  const counts = await backlogCounts(
    pool,
    unit.provinceCode,
    codes,
    childOf,
    me.scope.covers(sql`v.unit_code`, sql`v.province_code`),
  );
  const today = todayInVietnam();
  const byChild = new Map(counts.children.map((c) => [c.code, c]));
  const children = units
    .children(unit.code)
    .map((u) => ({
      ...unitOut(u),
      hasChildren: units.children(u.code).length > 0,
      ...figure(byChild.get(u.code) ?? { count: 0, oldest: null }, today),
    }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
  const sites = counts.sites
    .sort((a, b) => b.count - a.count || (a.site ?? '').localeCompare(b.site ?? '', 'vi'))
    .slice(0, SITES_SHOWN)
    .map((s) => ({ site: s.site, ...figure(s, today) }));
  return {
    today,
    unit: unitOut(unit),
    parents: units
      .path(unit.code)
      .slice(0, -1)
      .filter((u) =>
        me.scope.includes({ code: u.code, provinceCode: u.provinceCode, districtCode: districtOf(units, u) }),
      )
      .map(unitOut),
    total: figure(counts.total, today),
    units: children,
    sites,
    sitesTotal: counts.sites.length,
  };
}

/** The export's columns: the platform's template, then the (hidden) reference that brings its answer back. */
const EXPORT_COLUMNS: { header: string; key: string; width: number; hidden?: boolean }[] = [
  { header: 'STT', key: 'n', width: 7 },
  { header: 'Họ và tên', key: 'name', width: 26 },
  { header: 'Ngày sinh', key: 'birth', width: 12 },
  { header: 'Giới tính', key: 'sex', width: 9 },
  { header: 'Số CCCD/CMND', key: 'idNumber', width: 15 },
  { header: 'Số điện thoại', key: 'phone', width: 13 },
  { header: 'Tỉnh/Thành phố', key: 'province', width: 16 },
  { header: 'Quận/Huyện', key: 'district', width: 18 },
  { header: 'Xã/Phường', key: 'commune', width: 22 },
  { header: 'Mã xã', key: 'unitCode', width: 8 },
  { header: 'Địa chỉ', key: 'address', width: 28 },
  { header: 'Mũi tiêm', key: 'dose', width: 9 },
  { header: 'Ngày tiêm', key: 'given', width: 12 },
  { header: 'Tên vắc xin', key: 'product', width: 24 },
  { header: 'Số lô', key: 'lot', width: 12 },
  { header: 'Cơ sở tiêm', key: 'site', width: 26 },
  { header: 'Mã mũi tiêm', key: 'nationalId', width: 18 },
  { header: REFERENCE_HEADER, key: 'ref', width: 38, hidden: true },
];

/** Rows read per round trip of the export's cursor. */
const EXPORT_BATCH = 2000;
/** A sheet holds 1,048,576 rows: an export stops short of that (a unit that large exports per site). */
export const EXPORT_MAX_ROWS = 1_000_000;

export interface BacklogExportQuery {
  unit?: string;
  site?: string;
}

/**
 * GET /vaccination/backlog/export.xlsx: the unit's unsynced doses (optionally one site's), oldest
 * first, as the XLSX the national platform takes, streamed while a cursor reads them. Audited as
 * an export of personal data.
 */
export async function backlogWorkbook(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  q: BacklogExportQuery,
): Promise<{ stream: Readable; fileName: string }> {
  const units = await unitDirectory(pool);
  const unit = unitInJurisdiction(me, units, q.unit);
  const site = q.site?.trim() || null;
  const { codes } = subtree(units, unit);
  recordRead(pool, request, {
    action: 'export',
    entity: 'vaccine_dose',
    place: { provinceCode: unit.provinceCode, unitCode: unit.code },
    detail: { purpose: 'national_platform', unit: unit.code, site },
  });
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = book.addWorksheet('Mũi tiêm chưa đồng bộ', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS;
  sheet.getRow(1).font = { bold: true };
  const placeOf = (code: string) => {
    const path = units.path(code);
    const at = (level: string) => path.find((u) => u.level === level)?.name ?? '';
    return { province: at('province'), district: at('district'), commune: path.at(-1)?.name ?? '' };
  };
  (async () => {
    let n = 0;
    await eachBacklogBatch(
      pool,
      unit.provinceCode,
      codes,
      site,
      me.scope.covers(sql`v.unit_code`, sql`v.province_code`),
      EXPORT_BATCH,
      async (rows) => {
        for (const r of rows) {
          if (n >= EXPORT_MAX_ROWS) return false;
          const place = placeOf(r.personUnit);
          sheet
            .addRow(
              inertRow({
                n: ++n,
                name: r.fullName,
                birth: formatVnDate(r.birthDate),
                sex: r.sex === 'male' ? 'Nam' : r.sex === 'female' ? 'Nữ' : '',
                idNumber: r.idNumber ?? '',
                phone: r.phone ?? '',
                ...place,
                unitCode: r.personUnit,
                address: r.address ?? '',
                dose: r.doseNumber,
                given: formatVnDate(r.givenOn),
                product: vaccineProduct(r.product)?.name ?? r.product,
                lot: r.lot ?? '',
                site: r.site ?? '',
                nationalId: '',
                ref: r.id,
              }),
            )
            .commit();
        }
        // The reader is slower than the database: wait until what was written has gone (memory
        // stays at about one batch, however large the export).
        while (out.writableNeedDrain && !out.destroyed) {
          await new Promise<void>((resolve) => {
            const done = () => {
              out.off('drain', done);
              out.off('close', done);
              resolve();
            };
            out.on('drain', done);
            out.on('close', done);
          });
        }
        return !out.destroyed;
      },
    );
    sheet.commit();
    await book.commit();
  })().catch((err) => out.destroy(err));
  const fileName = `mui-tiem-chua-dong-bo-${unit.code}.xlsx`;
  return { stream: out, fileName };
}

export interface PlatformRejection {
  row: number;
  /** The column at fault (ma_mui_tiem, so_cccd …) and its label ("Mã mũi tiêm"). */
  field: string;
  label: string;
  value: string | null;
  message: string;
}

export interface PlatformImportReport {
  /** The import, whose error report is GET /vaccination/backlog/imports/:id/errors.csv. */
  batchId: string;
  rows: number;
  /** Doses that took their code from this file. */
  synced: number;
  /** Rows whose dose had that code already (a re-import), or repeated an earlier row. */
  alreadySynced: number;
  /** Rows naming no dose of ours (the platform knows doses recorded elsewhere). */
  unmatched: number;
  rejected: number;
  /** The first REJECTED_SHOWN refused rows, in file order (all are in the error report). */
  rejectedRows: PlatformRejection[];
  columns: HeaderReport;
  ms: number;
}

export const REJECTED_SHOWN = 1000;

/**
 * Imports the platform's export for `me` in one transaction: the doses it names take their code
 * (set-based); rows naming no dose of ours are counted; refused rows are reported. A re-import
 * changes nothing. A file that is not a table is refused with one message, and writes nothing.
 */
export async function importPlatformFile(
  pool: Pool,
  me: Principal,
  input: Readable,
  origin: ImportOrigin,
): Promise<PlatformImportReport> {
  return inTransaction(pool, async (c) => {
    const started = performance.now();
    await c.query(`SET LOCAL TimeZone = 'Asia/Ho_Chi_Minh'`);
    await c.query(`SET LOCAL work_mem = '128MB'`);
    const staged = await stageUpload(c, input, PLATFORM_IMPORT_COLUMNS);
    await c.query(`ANALYZE ${STAGING}`);
    await checkPlatformRows(c, me, new Set(staged.header.keys()));
    const counts = await platformCounts(c);
    // A file wholly about other places is the wrong file: refused as such, nothing recorded.
    if (counts.outside === staged.rows) {
      throw new AppError(
        403,
        'outside_jurisdiction',
        'Không dòng nào của tệp là mũi tiêm trong địa bàn của bạn: hãy chọn tệp xuất từ nền tảng cho địa bàn của mình',
        'file',
      );
    }
    // A dose whose code was set by someone else since the check keeps theirs (the UPDATE skips it).
    const written = await writeNationalIds(c);
    const ms = Math.round(performance.now() - started);
    const batchId = await recordPlatformBatch(c, me, {
      fileName: origin.fileName,
      rows: staged.rows,
      synced: written,
      alreadySynced: counts.alreadySynced,
      rejected: counts.rejected,
      ms,
    });
    const rejectedRows = (await platformRejections(c, batchId, REJECTED_SHOWN)).map((r) => ({
      ...r,
      label: platformLabelOf(r.field),
    }));
    const report: PlatformImportReport = {
      batchId,
      rows: staged.rows,
      synced: written,
      alreadySynced: counts.alreadySynced + (counts.synced - written),
      unmatched: counts.unmatched,
      rejected: counts.rejected,
      rejectedRows,
      columns: staged.columns,
      ms,
    };
    await recordAudit(
      c,
      { ip: origin.ip, principal: me },
      {
        action: 'import',
        entity: PLATFORM_IMPORT_ENTITY,
        entityId: batchId,
        detail: {
          file: origin.fileName,
          rows: report.rows,
          synced: report.synced,
          alreadySynced: report.alreadySynced,
          unmatched: report.unmatched,
          rejected: report.rejected,
          ms,
        },
      },
    );
    return report;
  });
}

/**
 * The refused rows of one of `me`'s platform imports as a CSV stream (UTF-8 with BOM, for Excel):
 * row, column, value, reason. Null when the import is not theirs. The connection is held while
 * the report streams, and closed rather than reused when the reader goes away half-way.
 */
export async function platformErrorReport(
  pool: Pool,
  me: Principal,
  batchId: string,
  request: FastifyRequest | null,
): Promise<Readable | null> {
  const c = await pool.connect();
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    c.release(err);
  };
  let stream: Readable | null;
  try {
    stream = await platformRejectionsCsv(c, me, batchId);
  } catch (err) {
    release(err as Error);
    throw err;
  }
  if (!stream) {
    release();
    return null;
  }
  if (request)
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
