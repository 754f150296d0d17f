import { passwordProblems, type Role } from '@tuyendau/domain';
import { hashPassword } from '../auth/passwords.ts';
import { DEMO_PASSWORD } from '../config.ts';
import type { Pool } from '../db/pool.ts';

export interface AccountSeed {
  username: string;
  fullName: string;
  role: Role;
  /** The jurisdiction; it must exist in the active unit tree unless the account is national. */
  unitCode: string | null;
  /** Whole-country scope (the system admin): explicit, never implied by a missing unit. */
  national?: boolean;
  agencyCode?: string | null;
}

/**
 * Creates the accounts that do not exist yet (by username); existing ones are left untouched.
 * The password must pass the password policy, unless it is the published demo one.
 */
export async function ensureAccounts(pool: Pool, accounts: AccountSeed[], password: string): Promise<number> {
  const { rows } = await pool.query('SELECT username FROM accounts WHERE username = ANY($1)', [
    accounts.map((a) => a.username),
  ]);
  const existing = new Set(rows.map((r) => r.username));
  const missing = accounts.filter((a) => !existing.has(a.username));
  if (!missing.length) return 0;
  if (password !== DEMO_PASSWORD) {
    for (const { username } of missing) {
      const [problem] = passwordProblems({ password, username, field: 'SEED_PASSWORD' });
      if (problem) throw new Error(`SEED_PASSWORD (${username}): ${problem.message}`);
    }
  }
  const { rows: known } = await pool.query(
    `SELECT code FROM units WHERE tree = (SELECT value FROM settings WHERE key = 'unit_tree') AND code = ANY($1)`,
    [missing.map((a) => a.unitCode).filter(Boolean)],
  );
  const units = new Set(known.map((r) => r.code));
  for (const a of missing) {
    if (!a.national && !(a.unitCode && units.has(a.unitCode))) {
      throw new Error(
        `Tài khoản ${a.username}: mã đơn vị ${a.unitCode ?? '(trống)'} không có trong danh mục đơn vị`,
      );
    }
  }
  // Each account gets its own salt; hashing is the slow part, so do it concurrently.
  const hashes = await Promise.all(missing.map(() => hashPassword(password)));
  await pool.query(
    `INSERT INTO accounts (username, full_name, password_hash, role, unit_code, agency_code, national)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])
     ON CONFLICT (username) DO NOTHING`,
    [
      missing.map((a) => a.username),
      missing.map((a) => a.fullName),
      hashes,
      missing.map((a) => a.role),
      missing.map((a) => a.unitCode),
      missing.map((a) => a.agencyCode ?? null),
      missing.map((a) => a.national === true),
    ],
  );
  return missing.length;
}

export const ADMIN: AccountSeed = {
  username: 'admin',
  fullName: 'Quản trị hệ thống',
  role: 'admin',
  unitCode: null,
  national: true,
};
