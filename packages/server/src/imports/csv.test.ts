import { describe, expect, it } from 'vitest';
import { CsvSplitter, guessDelimiter } from './csv.ts';

/** Splits `text` fed in pieces of `size` characters, as a stream delivers it. */
function split(text: string, size: number, delimiter = ','): string[][] {
  const splitter = new CsvSplitter(delimiter);
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += size) out.push(...splitter.push(text.slice(i, i + size)));
  out.push(...splitter.end());
  return out;
}

describe('CSV splitting', () => {
  const text = 'a,"b, ""quoted""",c\r\n"multi\nline",,\r\nlast,row,"x"';
  const expected = [
    ['a', 'b, "quoted"', 'c'],
    ['multi\nline', '', ''],
    ['last', 'row', 'x'],
  ];

  it('splits quoted fields, doubled quotes, CRLF and a last line without a break', () => {
    expect(split(text, text.length)).toEqual(expected);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (let size = 1; size < 12; size++) expect(split(text, size), `chunks of ${size}`).toEqual(expected);
  });

  it('keeps blank lines as one empty cell (they still count as rows) and a lone CR as a break', () => {
    expect(split('a\n\nb\rc\n', 3)).toEqual([['a'], [''], ['b'], ['c']]);
  });

  it('guesses the delimiter from the header, ignoring quoted ones', () => {
    expect(guessDelimiter('Họ tên;Ngày sinh;"a,b,c"')).toBe(';');
    expect(guessDelimiter('a\tb\tc')).toBe('\t');
    expect(guessDelimiter('Họ tên,Ngày sinh')).toBe(',');
    expect(split('x;"y;z"\n', 2, ';')).toEqual([['x', 'y;z']]);
  });
});
