import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../http/errors.ts';
import { CsvSplitter, guessDelimiter } from './csv.ts';

/** One spreadsheet row: its number as the user sees it (the header is usually row 1) and its cells. */
export interface SourceRow {
  row: number;
  cells: string[];
}

const NOT_UTF8 =
  'Tệp CSV không phải mã UTF-8. Trong Excel, hãy chọn "Lưu thành" → "CSV UTF-8 (phân tách bằng dấu phẩy)", hoặc gửi tệp .xlsx';

/**
 * An uploaded file told by its first bytes: an XLSX workbook's rows, or a CSV file's chunks
 * (UTF-8, with or without BOM: stage.ts reads them as bytes). Other formats are refused.
 */
export async function openSource(
  input: Readable,
): Promise<
  { kind: 'xlsx'; rows: AsyncGenerator<SourceRow[]> } | { kind: 'csv'; chunks: AsyncGenerator<Buffer> }
> {
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await it.next();
  if (first.done || first.value.length === 0) {
    throw new AppError(400, 'empty_file', 'Tệp không có dữ liệu', 'file');
  }
  const head: Buffer = first.value;
  const rest = async function* () {
    yield head;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return { kind: 'xlsx', rows: xlsxRows(rest()) };
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new AppError(
      400,
      'unsupported_format',
      'Không đọc được tệp Excel 97-2003 (.xls): hãy lưu lại thành .xlsx hoặc CSV UTF-8',
      'file',
    );
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new AppError(400, 'not_utf8', NOT_UTF8, 'file');
  }
  return { kind: 'csv', chunks: rest() };
}

/** A CSV file that is not UTF-8. */
export const notUtf8 = () => new AppError(400, 'not_utf8', NOT_UTF8, 'file');

/** A CSV record too long to be a row: an unclosed quote. */
export const recordTooLong = () =>
  new AppError(400, 'bad_csv', 'Tệp CSV có một dòng quá dài: có thể thiếu dấu ngoặc kép đóng (")', 'file');

/**
 * The rows of an uploaded CSV (UTF-8, with or without BOM) or XLSX file, in batches, read as a
 * stream: the file is never held in memory whole. The format is told by the file's first bytes.
 */
export async function* sourceRows(input: Readable): AsyncGenerator<SourceRow[]> {
  const source = await openSource(input);
  if (source.kind === 'xlsx') yield* source.rows;
  else yield* csvRows(source.chunks);
}

async function* csvRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<SourceRow[]> {
  // fatal: a byte sequence that is not UTF-8 (a Windows-1258 file) is an error, not a U+FFFD.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let splitter: CsvSplitter | undefined;
  let row = 0;
  const numbered = (records: string[][]): SourceRow[] => records.map((cells) => ({ row: ++row, cells }));
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new AppError(400, 'not_utf8', NOT_UTF8, 'file');
    }
  };
  let text = '';
  for await (const chunk of chunks) {
    text += decode(chunk);
    if (!splitter) {
      const eol = text.search(/[\r\n]/);
      if (eol < 0 && text.length < 65_536) continue; // wait for the whole first line
      splitter = new CsvSplitter(guessDelimiter(eol < 0 ? text : text.slice(0, eol)));
    }
    yield numbered(splitRecords(splitter, text));
    text = '';
  }
  text += decode();
  splitter ??= new CsvSplitter(guessDelimiter(text.split(/[\r\n]/, 1)[0]));
  const last = [...splitRecords(splitter, text), ...splitter.end()];
  if (last.length > 0) yield numbered(last);
}

function splitRecords(splitter: CsvSplitter, text: string): string[][] {
  try {
    return splitter.push(text);
  } catch {
    throw new AppError(
      400,
      'bad_csv',
      'Tệp CSV có một dòng quá dài: có thể thiếu dấu ngoặc kép đóng (")',
      'file',
    );
  }
}

async function* xlsxRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<SourceRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell date cells from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      // The first worksheet is the data; the rest are drained unread.
      if (sheets++ > 0) continue;
      let batch: SourceRow[] = [];
      for await (const r of sheet) {
        const row = r as ExcelJS.Row;
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        batch.push({ row: row.number, cells });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
  } catch (err) {
    // Our own refusals and the upload's (a file over the size limit) pass through as they are.
    if (err instanceof AppError || String((err as { code?: unknown }).code).startsWith('FST_')) throw err;
    throw new AppError(
      400,
      'bad_xlsx',
      'Không đọc được tệp Excel (.xlsx): tệp bị hỏng hoặc không đúng định dạng',
      'file',
    );
  }
}

/** A cell as text: dates as YYYY-MM-DD (with the time of day when there is one), formulas by their result. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    // Excel stores the wall-clock time as typed; ExcelJS hands it over as that time in UTC.
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
  }
  return '';
}
