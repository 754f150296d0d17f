import { Readable } from 'node:stream';
import { copyCsv } from '../db/copy.ts';
import type { PoolClient } from '../db/pool.ts';
import { AppError } from '../http/errors.ts';
import {
  type HeaderMap,
  type HeaderReport,
  headerReport,
  type ImportColumn,
  mapHeader,
  missingColumns,
} from './columns.ts';
import { guessDelimiter } from './csv.ts';
import { CsvBytes, CsvBytesError } from './csv-bytes.ts';
import { notUtf8, openSource, recordTooLong, type SourceRow } from './source.ts';
import { fileTooLarge, uploadError } from './upload.ts';

/** The staging table of one import: every canonical column as text, plus the source row number. */
export const STAGING = 'import_rows';

/** How far down a sheet the header row may be (title rows above it are skipped). */
const HEADER_SEARCH_ROWS = 20;

export interface Staged {
  /** Data rows staged (blank rows skipped). */
  rows: number;
  header: HeaderMap;
  /** The header row as read: the columns recognised and the headers ignored. */
  columns: HeaderReport;
}

/**
 * Streams the uploaded file into `COPY import_rows`: the Node step only decodes, finds the header
 * row, maps it to canonical columns and writes each row as CSV; PostgreSQL does the rest. The
 * table lives until the end of the caller's transaction.
 */
export async function stageUpload(
  c: PoolClient,
  input: Readable,
  columns: readonly ImportColumn[],
): Promise<Staged> {
  await c.query(
    `CREATE TEMP TABLE ${STAGING} (row_no integer NOT NULL, ${columns.map((col) => `"${col.name}" text`).join(', ')})
     ON COMMIT DROP`,
  );
  try {
    const source = await openSource(input);
    const staged =
      source.kind === 'csv'
        ? await stageCsv(c, source.chunks, columns)
        : await stageRows(c, source.rows, columns);
    if ((input as { truncated?: boolean }).truncated) throw fileTooLarge();
    if (staged.rows === 0) {
      throw new AppError(400, 'empty_file', 'Tệp không có dòng dữ liệu nào dưới dòng tiêu đề', 'file');
    }
    return staged;
  } catch (err) {
    throw uploadError(err);
  }
}

const copyColumns = (header: HeaderMap) => ['row_no', ...[...header.keys()].map((name) => `"${name}"`)];

/**
 * A CSV file, read as bytes (csv-bytes.ts): the header row found among the first records as
 * strings, then every record below it written to COPY as it is read, without a string per cell.
 */
async function stageCsv(
  c: PoolClient,
  chunks: AsyncGenerator<Buffer>,
  columns: readonly ImportColumn[],
): Promise<Staged> {
  const reader = new CsvBytes();
  const fail = (err: unknown) => {
    if (err instanceof CsvBytesError) throw err.kind === 'not_utf8' ? notUtf8() : recordTooLong();
    throw err;
  };
  let done = false;
  const more = async () => {
    const next = await chunks.next();
    if (next.done) {
      done = true;
      reader.finish();
    } else reader.push(next.value);
  };
  // The header: the first row (of the first few that are not blank) naming every required column.
  const candidates: { map: HeaderMap; cells: string[] }[] = [];
  let found: { header: HeaderMap; cells: string[] } | null = null;
  try {
    while (!found) {
      if (!reader.ready(guessDelimiter, done)) {
        if (done) throw headerError(candidates, columns);
        await more();
        continue;
      }
      const cells = reader.nextRecord(done);
      if (!cells) {
        if (done) throw headerError(candidates, columns);
        await more();
        continue;
      }
      if (cells.every((cell) => cell.trim() === '')) continue;
      const map = mapHeader(cells, columns);
      if (missingColumns(map, columns).length === 0) found = { header: map, cells };
      else {
        candidates.push({ map, cells });
        if (candidates.length >= HEADER_SEARCH_ROWS) throw headerError(candidates, columns);
      }
    }
  } catch (err) {
    fail(err);
  }
  const { header, cells } = found!;
  const indexes = [...header.values()];
  let rows = 0;
  async function* csvBytes(): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        const out = reader.project(indexes, done);
        rows += out.rows;
        if (out.bytes.length > 0) yield out.bytes;
        if (done) return;
        await more();
      }
    } catch (err) {
      fail(err);
    }
  }
  await copyCsv(c, STAGING, copyColumns(header), Readable.from(csvBytes()), { header: false });
  return { rows, header, columns: headerReport(cells, header, columns) };
}

/** Rows already split into cells (XLSX): each written as a CSV line to COPY. */
async function stageRows(
  c: PoolClient,
  source: AsyncGenerator<SourceRow[]>,
  columns: readonly ImportColumn[],
): Promise<Staged> {
  const batches = source[Symbol.asyncIterator]();
  const { header, cells, rest } = await findHeader(batches, columns);
  const indexes = [...header.values()];
  let rows = 0;
  const csvOf = (batch: SourceRow[]): string => {
    let out = '';
    for (const { row, cells } of batch) {
      let line = '';
      let blank = true;
      for (const index of indexes) {
        const value = index < cells.length ? cells[index].trim() : '';
        if (value === '') {
          line += ',';
          continue;
        }
        blank = false;
        line += `,"${/["\0]/.test(value) ? value.replaceAll('"', '""').replaceAll('\0', '') : value}"`;
      }
      if (blank) continue;
      out += `${row}${line}\n`;
      rows++;
    }
    return out;
  };
  async function* csvText(): AsyncGenerator<string> {
    yield csvOf(rest);
    for (;;) {
      const next = await batches.next();
      if (next.done) return;
      yield csvOf(next.value);
    }
  }
  await copyCsv(c, STAGING, copyColumns(header), Readable.from(csvText()), { header: false });
  return { rows, header, columns: headerReport(cells, header, columns) };
}

/** The first row (of the first few that are not blank) naming every required column; the rows after it. */
async function findHeader(
  batches: AsyncIterator<SourceRow[]>,
  columns: readonly ImportColumn[],
): Promise<{ header: HeaderMap; cells: string[]; rest: SourceRow[] }> {
  const candidates: { map: HeaderMap; cells: string[] }[] = [];
  for (;;) {
    const next = await batches.next();
    if (next.done) throw headerError(candidates, columns);
    const batch = next.value;
    for (let i = 0; i < batch.length; i++) {
      const { cells } = batch[i];
      if (cells.every((cell) => cell.trim() === '')) continue;
      const map = mapHeader(cells, columns);
      if (missingColumns(map, columns).length === 0) return { header: map, cells, rest: batch.slice(i + 1) };
      candidates.push({ map, cells });
      if (candidates.length >= HEADER_SEARCH_ROWS) throw headerError(candidates, columns);
    }
  }
}

function headerError(
  candidates: { map: HeaderMap; cells: string[] }[],
  columns: readonly ImportColumn[],
): AppError {
  // The row that looked most like a header says which columns are missing, and how it was read.
  const best = candidates.reduce<{ map: HeaderMap; cells: string[] }>(
    (a, b) => (b.map.size > a.map.size ? b : a),
    {
      map: new Map(),
      cells: [],
    },
  );
  const missing = missingColumns(best.map, columns);
  return new AppError(
    400,
    'missing_columns',
    `Không tìm thấy dòng tiêu đề có đủ các cột bắt buộc; thiếu cột ${missing.map((c) => `"${c.label}"`).join(', ')}. Xem các tên cột được chấp nhận trong hướng dẫn nhập tệp`,
    'file',
    undefined,
    {
      columns: {
        ...headerReport(best.cells, best.map, columns),
        missing: missing.map((c) => ({ column: c.name, label: c.label })),
      },
    },
  );
}
