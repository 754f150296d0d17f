import { describe, expect, it } from 'vitest';
import { CASE_IMPORT_COLUMNS } from '../cases/import.ts';
import { TEST_IMPORT_COLUMNS } from '../lab-tests/import.ts';
import { foldKey, mapHeader, missingColumns, valueLookup } from './columns.ts';
import { cellText } from './source.ts';
import { TEST_RESULT_VALUES } from './vocabulary.ts';

describe('header and value matching', () => {
  it('folds case, diacritics, đ, spaces and punctuation', () => {
    expect(foldKey('Họ và tên')).toBe('hovaten');
    expect(foldKey('HO VA TEN')).toBe('hovaten');
    expect(foldKey('ho_va_ten')).toBe('hovaten');
    expect(foldKey('Số CCCD/CMND')).toBe('socccdcmnd');
    expect(foldKey('Đơn vị')).toBe('donvi');
    // Decomposed input (a Mac keyboard) folds the same.
    expect(foldKey('Ngày lấy mẫu'.normalize('NFD'))).toBe('ngaylaymau');
  });

  it('maps Vietnamese and English headers to canonical columns, ignoring unknown ones', () => {
    const map = mapHeader(
      ['STT', 'Họ tên', 'cccd', 'NGAY LAY MAU', 'Ghi chú', 'Kết quả'],
      TEST_IMPORT_COLUMNS,
    );
    expect(Object.fromEntries(map)).toEqual({ fullName: 1, idNumber: 2, sampledAt: 3, result: 5 });
    expect(missingColumns(map, TEST_IMPORT_COLUMNS)).toEqual([]);
    expect(
      missingColumns(mapHeader(['Họ tên'], TEST_IMPORT_COLUMNS), TEST_IMPORT_COLUMNS).map((c) => c.name),
    ).toEqual(['sampledAt', 'result']);
  });

  it('refuses two columns that mean the same, naming the file', () => {
    expect(() => mapHeader(['CCCD', 'Số CMND'], TEST_IMPORT_COLUMNS)).toThrow(/Số CCCD\/CMND/);
  });

  it('gives every header spelling to one column only', () => {
    for (const columns of [TEST_IMPORT_COLUMNS, CASE_IMPORT_COLUMNS]) {
      const owner = new Map<string, string>();
      for (const column of columns) {
        for (const spelling of [column.name, ...column.headers]) {
          const key = foldKey(spelling);
          expect(owner.get(key) ?? column.name, `"${spelling}"`).toBe(column.name);
          owner.set(key, column.name);
        }
      }
    }
  });

  it('looks values up by their folded spelling and refuses a spelling with two meanings', () => {
    expect(TEST_RESULT_VALUES[foldKey('Dương tính')]).toBe('positive');
    expect(TEST_RESULT_VALUES[foldKey('AM TINH')]).toBe('negative');
    expect(() => valueLookup({ a: ['Có'], b: ['co'] })).toThrow();
  });

  it('reads XLSX cells as text: dates as days or day and time, formulas by their result', () => {
    expect(cellText(new Date(Date.UTC(2021, 7, 15)))).toBe('2021-08-15');
    expect(cellText(new Date(Date.UTC(2021, 7, 15, 8, 30)))).toBe('2021-08-15 08:30:00');
    expect(cellText(12188077701)).toBe('12188077701');
    expect(cellText({ richText: [{ text: 'Dương ' }, { text: 'tính' }] })).toBe('Dương tính');
    expect(cellText({ formula: 'A1', result: 'Âm tính' })).toBe('Âm tính');
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText(null)).toBe('');
  });
});
