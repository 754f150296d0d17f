import { describe, expect, it } from 'vitest';
import { checkFullName, displayName, foldName } from './normalize.ts';

describe('foldName', () => {
  // Expected values are what PostgreSQL gives for lower(unaccent(name)).
  const cases: [string, string][] = [
    ['Nguyễn Văn An', 'nguyen van an'],
    ['ĐẶNG THỊ ĐÀO', 'dang thi dao'],
    ['Trương Ưng Ơn', 'truong ung on'],
    ['Lê Thị Huỳnh Hương', 'le thi huynh huong'],
    ['Phạm Quốc Khánh', 'pham quoc khanh'],
    ['Giàng A Páo', 'giang a pao'],
    ["H'Hen Niê", "h'hen nie"],
    ['Bùi Thị Ngọc Ánh', 'bui thi ngoc anh'],
    ['Đỗ Đức Dũng', 'do duc dung'],
  ];
  for (const [name, folded] of cases) {
    it(`folds ${name}`, () => {
      expect(foldName(name)).toBe(folded);
    });
  }

  it('gives the same key for composed and decomposed input', () => {
    const composed = 'Nguyễn Thị Hằng';
    expect(foldName(composed.normalize('NFD'))).toBe(foldName(composed));
    expect(foldName(composed.normalize('NFD'))).toBe('nguyen thi hang');
  });

  it('collapses and trims whitespace', () => {
    expect(foldName('  Trần \t Văn\n  Bình ')).toBe('tran van binh');
  });

  it('leaves plain ASCII alone apart from case', () => {
    expect(foldName('John SMITH')).toBe('john smith');
  });
});

describe('displayName', () => {
  it('capitalises each word and lower-cases the rest', () => {
    expect(displayName('nguyễn văn an')).toBe('Nguyễn Văn An');
    expect(displayName('NGUYỄN VĂN AN')).toBe('Nguyễn Văn An');
    expect(displayName('đặng thị đào')).toBe('Đặng Thị Đào');
    expect(displayName('ưng hoàng phúc')).toBe('Ưng Hoàng Phúc');
  });

  it('collapses spaces and trims', () => {
    expect(displayName('  trần   văn \t bình  ')).toBe('Trần Văn Bình');
  });

  it('composes decomposed input', () => {
    const shown = displayName('nguyễn thị hằng'.normalize('NFD'));
    expect(shown).toBe('Nguyễn Thị Hằng');
    expect(shown).toBe(shown.normalize('NFC'));
  });

  it('handles ethnic-minority names with apostrophes and hyphens', () => {
    expect(displayName('giàng a páo')).toBe('Giàng A Páo');
    expect(displayName("h'hen niê")).toBe("H'Hen Niê");
    expect(displayName('k’nàng')).toBe("K'Nàng");
    expect(displayName('lê-trần minh')).toBe('Lê-Trần Minh');
  });
});

describe('checkFullName', () => {
  const codes = (name: string) => checkFullName(name).map((p) => p.code);

  it('accepts Vietnamese and ethnic-minority names', () => {
    for (const name of [
      'Nguyễn Văn An',
      'Giàng A Páo',
      "H'Hen Niê",
      'Ksor H’Bri',
      'Lê-Trần Minh',
      'Trần T. Bình',
      'Lý',
    ]) {
      expect(checkFullName(name), name).toEqual([]);
    }
  });

  it('requires a name', () => {
    expect(checkFullName('   ')).toEqual([
      { code: 'full_name_required', message: 'Chưa nhập họ và tên', field: 'fullName' },
    ]);
  });

  it('wants 2 to 100 characters, counted after tidying', () => {
    expect(codes('A')).toEqual(['full_name_length']);
    expect(codes('Lý'.normalize('NFD'))).toEqual([]);
    expect(codes(' A ')).toEqual(['full_name_length']);
    expect(codes('a'.repeat(100))).toEqual([]);
    expect(codes('a'.repeat(101))).toEqual(['full_name_length']);
  });

  it('refuses digits, symbols and names that do not start with a letter', () => {
    for (const name of ['Nguyễn Văn 2', 'An@', 'Nguyễn_Văn', "'An", '-An', 'An 😀']) {
      expect(codes(name), name).toEqual(['full_name_characters']);
    }
  });

  it('says what is wrong in Vietnamese and names the field', () => {
    const [problem] = checkFullName('An3');
    expect(problem).toEqual({
      code: 'full_name_characters',
      message: 'Họ và tên chỉ được gồm chữ cái, dấu cách, dấu nháy đơn, dấu gạch nối và dấu chấm',
      field: 'fullName',
    });
  });
});
