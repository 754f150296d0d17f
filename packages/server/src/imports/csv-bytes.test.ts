import { describe, expect, it } from 'vitest';
import { CsvSplitter } from './csv.ts';
import { CsvBytes, CsvBytesError } from './csv-bytes.ts';

/** What the string path stages for `text` (CsvSplitter, then each picked cell trimmed and quoted). */
function reference(text: string, delimiter: string, indexes: number[], skip: number): string {
  const splitter = new CsvSplitter(delimiter);
  const records = [...splitter.push(text), ...splitter.end()];
  let out = '';
  records.forEach((cells, i) => {
    if (i < skip) return;
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
    if (!blank) out += `${i + 1}${line}\n`;
  });
  return out;
}

/** The byte path, fed `size` bytes at a time: the first `skip` records read as strings, then projected. */
function bytes(text: string, size: number, indexes: number[], skip: number) {
  const buf = Buffer.from(text);
  const reader = new CsvBytes();
  const heads: string[][] = [];
  let out = '';
  for (let i = 0; i <= buf.length; i += size) {
    const final = i + size > buf.length;
    reader.push(buf.subarray(i, i + size));
    if (final) reader.finish();
    if (!reader.ready(() => ',', final)) continue;
    while (heads.length < skip) {
      const cells = reader.nextRecord(final);
      if (!cells) break;
      heads.push(cells);
    }
    if (heads.length < skip) continue;
    out += reader.project(indexes, final).bytes.toString();
  }
  return { heads, out };
}

const CASES = [
  'a,b,c\n1,2,3\n',
  'a,b,c\r\n" x ",  y  ,\u00a0z\u3000\r\n\r\n,,\r\nlast,no,newline',
  'a,b,c\n"he said ""hi""",x"y,"q"after\n"multi\nline",  ,\n"unterminated,1,2\n',
  'a,b,c\n"a\0b",x\0,"\0"\n\u2028Lò Văn\u2029,Hoà,Nguyễn Thị\u00a0\n',
  'a,b,c\rone\rtwo,,\r\r"", ,""""\n',
  'a,b,c,\n1,2,3,\n4,5,\n',
];

describe('CsvBytes', () => {
  it('stages what the string reader stages, however the file is cut into chunks', () => {
    for (const text of CASES) {
      const expected = reference(text, ',', [2, 0, 5], 1);
      const splitter = new CsvSplitter(',');
      const header = [...splitter.push(text), ...splitter.end()][0];
      for (const size of [1, 2, 3, 5, 7, 64, 1 << 20]) {
        const got = bytes(text, size, [2, 0, 5], 1);
        expect(got.heads, `${JSON.stringify(text)} in chunks of ${size}`).toEqual([header]);
        expect(got.out, `${JSON.stringify(text)} in chunks of ${size}`).toBe(expected);
      }
    }
  });

  it('refuses bytes that are not UTF-8, also when a character is cut at the end of the file', () => {
    const reader = new CsvBytes();
    expect(() => reader.push(Buffer.from([0x61, 0x2c, 0xf2, 0x0a]))).toThrow(CsvBytesError);
    const cut = new CsvBytes();
    cut.push(Buffer.from([0x61, 0xc3]));
    expect(() => cut.finish()).toThrow(CsvBytesError);
  });

  it('drops a BOM at the start only', () => {
    const reader = new CsvBytes();
    reader.push(Buffer.from('\uFEFFa,b\n\uFEFFc,d\n'));
    expect(reader.ready(() => ',', true)).toBe(true);
    expect(reader.nextRecord(true)).toEqual(['a', 'b']);
    expect(reader.nextRecord(true)).toEqual(['\uFEFFc', 'd']);
  });
});
