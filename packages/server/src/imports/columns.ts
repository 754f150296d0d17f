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
