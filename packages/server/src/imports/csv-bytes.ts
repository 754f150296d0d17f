/**
 * The CSV reader of the staging step working on the file's bytes (UTF-8 is ASCII-transparent: a
 * delimiter, quote or line break byte is never part of another character). The rows under the
 * header are written straight to the bytes of `COPY … (FORMAT csv)` — the chosen columns in their
 * order, each trimmed and quoted, after the row's number — without a string per cell: a
 * million-row file is staged at the speed of a copy. It reads the same dialect as CsvSplitter
 * (csv.ts): `,` `;` or tab, CR, LF or CRLF, quoted fields with doubled quotes spanning lines, text
 * after a closing quote kept; a cell whose bytes need more than a copy (a NUL, a quote outside
 * quotes, text after a closing quote) takes the string path with the same result.
 */
import { isUtf8 } from 'node:buffer';
import { MAX_RECORD_CHARS } from './csv.ts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;

/** Thrown for a file that is not UTF-8, and for a record too long to be a spreadsheet row. */
export class CsvBytesError extends Error {
  constructor(readonly kind: 'not_utf8' | 'too_long') {
    super(kind);
  }
}

/** Length of the whitespace character (as String.prototype.trim sees it) starting at `i`, or 0. */
function spaceAt(b: Buffer, i: number, end: number): number {
  const c = b[i];
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return 1;
  if (c < 0xc2 || i + 1 >= end) return 0;
  const c1 = b[i + 1];
  if (c === 0xc2) return c1 === 0xa0 ? 2 : 0;
  if (i + 2 >= end) return 0;
  const c2 = b[i + 2];
  if (c === 0xe1) return c1 === 0x9a && c2 === 0x80 ? 3 : 0;
  if (c === 0xe2) {
    if (c1 === 0x80) return (c2 >= 0x80 && c2 <= 0x8a) || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf ? 3 : 0;
    return c1 === 0x81 && c2 === 0x9f ? 3 : 0;
  }
  if (c === 0xe3) return c1 === 0x80 && c2 === 0x80 ? 3 : 0;
  if (c === 0xef) return c1 === 0xbb && c2 === 0xbf ? 3 : 0;
  return 0;
}

/** Length of the whitespace character ending just before `e` (not before `start`), or 0. */
function spaceBefore(b: Buffer, start: number, e: number): number {
  const c = b[e - 1];
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return 1;
  if (c < 0x80) return 0;
  if (e - 2 >= start && spaceAt(b, e - 2, e) === 2) return 2;
  if (e - 3 >= start && spaceAt(b, e - 3, e) === 3) return 3;
  return 0;
}

/** The length of `buf` without its last character when that character's bytes are not all there. */
function completeLength(buf: Buffer): number {
  const n = buf.length;
  let i = n - 1;
  while (i >= 0 && n - i <= 3 && (buf[i] & 0xc0) === 0x80) i--;
  if (i < 0) return n;
  const lead = buf[i];
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return size > 1 && i + size > n ? i : n;
}

/** A growing output buffer. */
class Out {
  buf: Buffer;
  length = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(size, 1024));
  }
  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  byte(c: number): void {
    this.reserve(1);
    this.buf[this.length++] = c;
  }
  bytes(src: Buffer, s: number, e: number): void {
    this.reserve(e - s);
    src.copy(this.buf, this.length, s, e);
    this.length += e - s;
  }
  text(s: string): void {
    const n = Buffer.byteLength(s);
    this.reserve(n);
    this.length += this.buf.write(s, this.length);
  }
  take(): Buffer {
    const b = this.buf.subarray(0, this.length);
    this.buf = Buffer.allocUnsafe(Math.max(this.buf.length, 1024));
    this.length = 0;
    return b;
  }
}

/**
 * Reads a CSV file pushed chunk by chunk: `records()` gives the next records as strings (to find
 * the header row), then `project()` writes every following complete record as staging CSV.
 */
export class CsvBytes {
  private pending: Buffer = Buffer.alloc(0);
  private carry: Buffer | null = null;
  private started = false;
  private delimiter = -1;
  /** Records read so far (the number of the last one, as the user counts rows). */
  row = 0;
  /** Field bounds of the record being read: start, end, kind (0 plain, 1 quoted, 2 string path). */
  private fs: number[] = [];
  private fe: number[] = [];
  private fk: number[] = [];

  /** Appends a chunk of the file (checked to be UTF-8; a BOM at the start dropped). */
  push(chunk: Buffer): void {
    let buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeLength(buf);
    if (!isUtf8(buf.subarray(0, cut))) throw new CsvBytesError('not_utf8');
    this.carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    buf = buf.subarray(0, cut);
    if (!this.started && buf.length > 0) {
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    this.pending = this.pending.length === 0 ? buf : Buffer.concat([this.pending, buf]);
  }

  /** The end of the file: a character cut in the middle is not UTF-8. */
  finish(): void {
    if (this.carry && this.carry.length > 0) throw new CsvBytesError('not_utf8');
  }

  /**
   * The delimiter, guessed from the first line (`guess`) once it is all there (or 64 kB of it,
   * or the whole file at its end); false while more of the file is needed.
   */
  ready(guess: (firstLine: string) => string, final: boolean): boolean {
    if (this.delimiter >= 0) return true;
    const p = this.pending;
    let eol = p.indexOf(LF);
    const cr = p.indexOf(CR);
    if (cr >= 0 && (eol < 0 || cr < eol)) eol = cr;
    if (eol < 0 && p.length < 65_536 && !final) return false;
    this.delimiter = guess(p.toString('utf8', 0, eol < 0 ? p.length : eol)).charCodeAt(0);
    return true;
  }

  /** Bounds of the record at `i` into fs/fe/fk; its end, or -1 when it is not complete yet. */
  private record(p: Buffer, i: number, final: boolean): number {
    const d = this.delimiter;
    const n = p.length;
    this.fs.length = 0;
    this.fe.length = 0;
    this.fk.length = 0;
    for (;;) {
      if (i < n && p[i] === QUOTE) {
        const open = i;
        let j = i + 1;
        let close = -1;
        for (;;) {
          const q = p.indexOf(QUOTE, j);
          if (q === -1) {
            if (!final) return -1;
            break; // an unterminated quote runs to the end of the file
          }
          if (q + 1 >= n && !final) return -1; // a doubled quote may continue in the next chunk
          if (p[q + 1] === QUOTE) {
            j = q + 2;
            continue;
          }
          close = q;
          break;
        }
        if (close === -1) {
          this.fs.push(open);
          this.fe.push(n);
          this.fk.push(2);
          i = n;
        } else {
          let j2 = close + 1;
          while (j2 < n) {
            const c = p[j2];
            if (c === d || c === LF || c === CR) break;
            j2++;
          }
          this.fs.push(open);
          this.fe.push(j2);
          this.fk.push(j2 > close + 1 ? 2 : 1);
          i = j2;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = p[j];
          if (c === d || c === LF || c === CR) break;
          j++;
        }
        this.fs.push(i);
        this.fe.push(j);
        this.fk.push(0);
        i = j;
      }
      if (i >= n) return final ? n : -1;
      const c = p[i];
      if (c === d) {
        i++;
        if (i >= n) {
          if (!final) return -1;
          this.fs.push(n);
          this.fe.push(n);
          this.fk.push(0);
          return n;
        }
        continue;
      }
      if (c === CR) {
        if (i + 1 >= n && !final) return -1;
        return i + (p[i + 1] === LF ? 2 : 1);
      }
      return i + 1; // LF
    }
  }

  /** A field's value as CsvSplitter gives it. */
  private value(p: Buffer, f: number): string {
    const s = this.fs[f];
    const e = this.fe[f];
    if (this.fk[f] === 0) return p.toString('utf8', s, e);
    // Quoted: up to the closing quote, doubled quotes undoubled, then any text after it.
    const text = p.toString('utf8', s + 1, e);
    let value = '';
    let j = 0;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q === -1) return value + text.slice(j);
      if (text.charCodeAt(q + 1) === QUOTE) {
        value += text.slice(j, q + 1);
        j = q + 2;
        continue;
      }
      return value + text.slice(j, q) + text.slice(q + 1);
    }
  }

  private checkLength(): void {
    // A record longer than this is not a spreadsheet row (csv.ts counts characters; a character
    // is at most three bytes here).
    if (this.pending.length > MAX_RECORD_CHARS * 3) throw new CsvBytesError('too_long');
  }

  /** The next complete record as strings, or null when more of the file is needed (or none is left). */
  nextRecord(final: boolean): string[] | null {
    const p = this.pending;
    if (p.length === 0) return null;
    const end = this.record(p, 0, final);
    if (end < 0) {
      this.checkLength();
      return null;
    }
    const cells = this.fs.map((_, f) => this.value(p, f));
    this.pending = p.subarray(end);
    this.row++;
    return cells;
  }

  /**
   * Every complete record as staging CSV: `row,"a","b",,…` with the cells `indexes` picks, in
   * that order, trimmed, empty ones unquoted (NULL); records whose picked cells are all empty are
   * skipped (their number is still counted). Returns the bytes and the number of rows written.
   */
  project(indexes: readonly number[], final: boolean): { bytes: Buffer; rows: number } {
    const p = this.pending;
    const out = new Out(p.length + (p.length >> 2));
    let i = 0;
    let rows = 0;
    while (i < p.length) {
      const end = this.record(p, i, final);
      if (end < 0) break;
      this.row++;
      const mark = out.length;
      out.text(String(this.row));
      let blank = true;
      for (const index of indexes) {
        out.byte(COMMA);
        if (index >= this.fs.length) continue;
        let s = this.fs[index];
        let e = this.fe[index];
        const kind = this.fk[index];
        if (kind === 1) {
          s++;
          e--;
        }
        let plain = kind !== 2;
        if (plain) {
          for (let w = spaceAt(p, s, e); w > 0 && s < e; w = spaceAt(p, s, e)) s += w;
          for (let w = e > s ? spaceBefore(p, s, e) : 0; w > 0 && e > s; w = e > s ? spaceBefore(p, s, e) : 0)
            e -= w;
          if (s >= e) continue;
          // A NUL, or a quote in an unquoted cell: the string path.
          for (let k = s; k < e; k++) {
            const b = p[k];
            if (b === 0 || (b === QUOTE && kind === 0)) {
              plain = false;
              break;
            }
          }
        }
        if (plain) {
          blank = false;
          out.byte(QUOTE);
          out.bytes(p, s, e);
          out.byte(QUOTE);
          continue;
        }
        const value = this.value(p, index).trim();
        if (value === '') continue;
        blank = false;
        out.text(`"${/["\0]/.test(value) ? value.replaceAll('"', '""').replaceAll('\0', '') : value}"`);
      }
      if (blank) out.length = mark;
      else {
        out.byte(LF);
        rows++;
      }
      i = end;
    }
    this.pending = p.subarray(i);
    if (!final) this.checkLength();
    return { bytes: out.take(), rows };
  }
}
