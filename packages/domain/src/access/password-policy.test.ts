import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { MIN_PASSWORD_LENGTH, passwordProblems } from './password-policy.ts';

const codes = (password: string, username?: string) =>
  passwordProblems({ password, username }).map((p) => p.code);

describe('passwordProblems', () => {
  it('accepts a long, uncommon password, the documented demo one and the test ones', () => {
    expect(codes('ngựa-ô-chạy-qua-cầu')).toEqual([]);
    expect(codes('test-password-1')).toEqual([]);
    expect(codes('test-admin-password', 'admin')).toEqual([]);
  });

  it(`needs ${MIN_PASSWORD_LENGTH} characters, counted as people count them and without padding`, () => {
    expect(codes('r7-qk-m2-z')).toEqual([]);
    expect(codes('xk7-pq2-w9')).toEqual([]);
    expect(codes('xk7-pq2-w')).toEqual(['password_too_short']);
    expect(codes('đường-hẻm')).toEqual(['password_too_short']);
    expect(codes('đường-hẻm1')).toEqual([]);
    expect(codes('   xk7-pq2-w   ')).toEqual(['password_too_short']);
  });

  it('refuses a blank password, all spaces included', () => {
    expect(codes('')).toEqual(['password_blank']);
    expect(codes('        ')).toEqual(['password_blank']);
    expect(codes(' \t'.repeat(8))).toEqual(['password_blank']);
  });

  it('refuses the common passwords, whatever their case and padding', () => {
    for (const pw of [
      '1234567890',
      'qwertyuiop',
      'matkhau123',
      'admin12345',
      'Password123',
      ' 1234567890 ',
    ]) {
      expect(codes(pw), pw).toEqual(['password_common']);
    }
    // Short ones are refused for their length first.
    for (const pw of ['password', '12345678']) expect(codes(pw), pw).toEqual(['password_too_short']);
    expect(COMMON_PASSWORDS.has('password')).toBe(true);
    expect(COMMON_PASSWORDS.has('12345678')).toBe(true);
  });

  it('refuses the published demo password for a real account', () => {
    expect(codes('tuyendau-demo')).toEqual(['password_common']);
  });

  it('keeps the list lower-case and trimmed, so lookups match', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(300);
    for (const pw of COMMON_PASSWORDS) expect(pw).toBe(pw.trim().toLowerCase());
  });

  it('refuses the username as password, whatever its case', () => {
    expect(codes('nguyen.van.an', 'nguyen.van.an')).toEqual(['password_is_username']);
    expect(codes('Nguyen.Van.An ', 'nguyen.van.an')).toEqual(['password_is_username']);
    expect(codes('nguyen.van.an2', 'nguyen.van.an')).toEqual([]);
  });

  it('names the field and says the reason in Vietnamese', () => {
    expect(passwordProblems({ password: 'ngan', field: 'newPassword', label: 'Mật khẩu mới' })).toEqual([
      { code: 'password_too_short', field: 'newPassword', message: 'Mật khẩu mới phải có ít nhất 10 ký tự' },
    ]);
    expect(passwordProblems({ password: 'qwertyuiop' })[0]).toMatchObject({
      field: 'password',
      message: expect.stringContaining('quá phổ biến'),
    });
  });
});
