import type { Role } from '@tuyendau/domain';
import { hashPassword } from '../auth/passwords.ts';
import type { Pool } from '../db/pool.ts';

export interface AccountSeed {
  username: string;
  fullName: string;
  role: Role;
  unitCode: string | null;
  agencyCode?: string | null;
}

/** Creates the accounts that do not exist yet (by username); existing ones are left untouched. */
export async function ensureAccounts(pool: Pool, accounts: AccountSeed[], password: string): Promise<number> {
  const { rows } = await pool.query('SELECT username FROM accounts WHERE username = ANY($1)', [
    accounts.map((a) => a.username),
  ]);
  const existing = new Set(rows.map((r) => r.username));
  const missing = accounts.filter((a) => !existing.has(a.username));
  if (!missing.length) return 0;
  // Each account gets its own salt; hashing is the slow part, so do it concurrently.
  const hashes = await Promise.all(missing.map(() => hashPassword(password)));
  await pool.query(
    `INSERT INTO accounts (username, full_name, password_hash, role, unit_code, agency_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ON CONFLICT (username) DO NOTHING`,
    [
      missing.map((a) => a.username),
      missing.map((a) => a.fullName),
      hashes,
      missing.map((a) => a.role),
      missing.map((a) => a.unitCode),
      missing.map((a) => a.agencyCode ?? null),
    ],
  );
  return missing.length;
}

export const ADMIN: AccountSeed = {
  username: 'admin',
  fullName: 'Quản trị hệ thống',
  role: 'admin',
  unitCode: null,
};
