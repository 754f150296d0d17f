import { AppError } from '../http/errors.ts';

/** A canonical column of an import and the header spellings that name it. */
export interface ImportColumn {
  /** Canonical name: the API field it fills, and the staging column. */
  name: string;
  /** What people call it, for messages. */
  label: string;
  /** Header spellings, Vietnamese first; matched case-, accent- and punctuation-insensitively. */
  headers: readonly string[];
  required?: boolean;
  /** A value of the template's example row, written as people write it. */
  example?: string;
}

/** What the header row of a file was read as: the columns used, and the headers left unused. */
export interface HeaderReport {
  recognised: { header: string; column: string; label: string }[];
  ignored: string[];
}

/** The columns an import accepts, as the web lists them and the template names them. */
export function columnsOut(columns: readonly ImportColumn[]) {
  return columns.map((c) => ({
    name: c.name,
    label: c.label,
    required: c.required ?? false,
    headers: [...new Set([c.label, ...c.headers])],
  }));
}

/**
 * The key a header or a coded value is matched on: lower-case, no diacritics (đ → d), letters and
 * digits only. "Họ và tên", "HO VA TEN" and "ho_va_ten" all become "hovaten". Mirrors `foldedKey` in SQL.
 */
export function foldKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9]/g, '');
}

/** Which cell of a record holds each canonical column (only the columns the file has). */
export type HeaderMap = Map<string, number>;

/** Maps the header cells of a file to canonical columns; unknown headers are ignored. */
export function mapHeader(cells: readonly string[], columns: readonly ImportColumn[]): HeaderMap {
  const byKey = new Map<string, ImportColumn>();
  for (const column of columns) {
    for (const spelling of [column.name, ...column.headers]) byKey.set(foldKey(spelling), column);
  }
  const map: HeaderMap = new Map();
  cells.forEach((cell, index) => {
    const column = byKey.get(foldKey(cell ?? ''));
    if (!column) return;
    if (map.has(column.name)) {
      throw new AppError(
        400,
        'duplicate_column',
        `Tệp có hai cột cùng là "${column.label}" (cột ${map.get(column.name)! + 1} và cột ${index + 1})`,
        'file',
      );
    }
    map.set(column.name, index);
  });
  return map;
}

/** Which header cells became which column, and which (non-blank) cells were not used, in file order. */
export function headerReport(
  cells: readonly string[],
  map: HeaderMap,
  columns: readonly ImportColumn[],
): HeaderReport {
  const byIndex = new Map([...map].map(([name, index]) => [index, name]));
  const report: HeaderReport = { recognised: [], ignored: [] };
  cells.forEach((cell, index) => {
    const header = (cell ?? '').trim();
    const name = byIndex.get(index);
    const column = name ? columns.find((c) => c.name === name) : undefined;
    if (column) report.recognised.push({ header, column: column.name, label: column.label });
    else if (header) report.ignored.push(header);
  });
  return report;
}

/** The required columns a header lacks. */
export function missingColumns(map: HeaderMap, columns: readonly ImportColumn[]): ImportColumn[] {
  return columns.filter((c) => c.required && !map.has(c.name));
}

/** Turns a value vocabulary (canonical id → spellings) into the folded lookup SQL uses. */
export function valueLookup(spellings: Record<string, readonly string[]>): Record<string, string> {
  const lookup: Record<string, string> = {};
  for (const [id, words] of Object.entries(spellings)) {
    for (const word of [id, ...words]) {
      const key = foldKey(word);
      if (lookup[key] && lookup[key] !== id) throw new Error(`"${word}" means both ${lookup[key]} and ${id}`);
      lookup[key] = id;
    }
  }
  return lookup;
}
