import type { Problem } from '../errors.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

// Issue 6 §9 (hardening review): 10 characters, above the 8 of NIST SP 800-63B §5.1.1.2.
export const MIN_PASSWORD_LENGTH = 10;

export interface PasswordFacts {
  password: string;
  /** The account's username: a password equal to it is refused. */
  username?: string;
  /** The input field the password came from, named in the problem. */
  field?: string;
  /** How the message names the field, e.g. 'Mật khẩu mới'. */
  label?: string;
}

/**
 * Why a new password is refused, or nothing when it is acceptable: blank, shorter than
 * MIN_PASSWORD_LENGTH characters, equal to the username, or on the list of common passwords.
 */
export function passwordProblems({
  password,
  username,
  field = 'password',
  label = 'Mật khẩu',
}: PasswordFacts): Problem[] {
  const folded = password.trim().toLowerCase();
  const problem = (code: string, message: string): Problem[] => [{ code, message, field }];
  if (!folded) return problem('password_blank', `${label} không được để trống hoặc chỉ gồm dấu cách`);
  // Characters as people count them (code points, not UTF-16 units); padding spaces do not count.
  if ([...password.trim()].length < MIN_PASSWORD_LENGTH) {
    return problem('password_too_short', `${label} phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự`);
  }
  if (username && folded === username.trim().toLowerCase()) {
    return problem('password_is_username', `${label} không được trùng với tên đăng nhập`);
  }
  if (COMMON_PASSWORDS.has(folded)) {
    return problem('password_common', `${label} này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác`);
  }
  return [];
}
