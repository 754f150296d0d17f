/**
 * A streaming, quote-aware CSV reader (RFC 4180 plus what spreadsheets write: `,`, `;` or tab
 * delimiters, CRLF or LF line ends, quoted fields spanning lines). It only splits text into
 * cells; every value is checked later, in SQL.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** A single record longer than this is not a spreadsheet row: refuse rather than buffer it. */
export const MAX_RECORD_CHARS = 1_000_000;

/** The delimiter of a file, guessed from its first line: the most frequent of `,` `;` tab. */
export function guessDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export class CsvSplitter {
  private pending = '';
  private readonly d: number;

  constructor(delimiter: string) {
    this.d = delimiter.charCodeAt(0);
  }

  /** The complete records in `text` (after what was left over from the previous chunk). */
  push(text: string): string[][] {
    const s = this.pending + text;
    const out: string[][] = [];
    const consumed = this.split(s, false, out);
    this.pending = s.slice(consumed);
    if (this.pending.length > MAX_RECORD_CHARS) throw new RangeError('record too long');
    return out;
  }

  /** The last record, when the file does not end with a line break. */
  end(): string[][] {
    const out: string[][] = [];
    if (this.pending.length > 0) this.split(this.pending, true, out);
    this.pending = '';
    return out;
  }

  /** Splits complete records off `s` into `out`; returns where the first incomplete one starts. */
  private split(s: string, final: boolean, out: string[][]): number {
    const d = this.d;
    const n = s.length;
    let i = 0;
    while (i < n) {
      const start = i;
      const fields: string[] = [];
      for (;;) {
        let value: string;
        if (s.charCodeAt(i) === QUOTE) {
          value = '';
          let j = i + 1;
          for (;;) {
            const q = s.indexOf('"', j);
            if (q === -1) {
              if (!final) return start;
              value += s.slice(j);
              i = n;
              break;
            }
            if (q + 1 >= n && !final) return start; // a doubled quote may continue in the next chunk
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(j, q + 1);
              j = q + 2;
              continue;
            }
            value += s.slice(j, q);
            i = q + 1;
            break;
          }
          // Spreadsheets never write text after a closing quote; keep it rather than lose it.
          let j2 = i;
          while (j2 < n) {
            const c = s.charCodeAt(j2);
            if (c === d || c === LF || c === CR) break;
            j2++;
          }
          if (j2 > i) value += s.slice(i, j2);
          i = j2;
        } else {
          let j = i;
          while (j < n) {
            const c = s.charCodeAt(j);
            if (c === d || c === LF || c === CR) break;
            j++;
          }
          value = s.slice(i, j);
          i = j;
        }
        fields.push(value);
        if (i >= n) {
          if (!final) return start;
          out.push(fields);
          return n;
        }
        const c = s.charCodeAt(i);
        if (c === d) {
          i++;
          if (i >= n) {
            if (!final) return start;
            fields.push('');
            out.push(fields);
            return n;
          }
          continue;
        }
        // End of line: LF, CR or CRLF.
        if (c === CR) {
          if (i + 1 >= n && !final) return start;
          i += s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i++;
        }
        out.push(fields);
        break;
      }
    }
    return n;
  }
}
