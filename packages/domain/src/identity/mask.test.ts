import { describe, expect, it } from 'vitest';
import { maskTail } from './mask.ts';

describe('maskTail', () => {
  it('keeps the last digits of an identifier or a phone number', () => {
    expect(maskTail('001090012345', 3)).toBe('*********345');
    expect(maskTail('0912345678', 4)).toBe('******5678');
  });

  it('keeps the length, so the kind of number stays recognisable', () => {
    expect(maskTail('123456789', 3)).toHaveLength(9);
  });

  it('never reveals more than the value, and hides everything when keep is 0 or less', () => {
    expect(maskTail('12', 3)).toBe('12');
    expect(maskTail('123', 0)).toBe('***');
    expect(maskTail('123', -2)).toBe('***');
    expect(maskTail('', 3)).toBe('');
  });
});
