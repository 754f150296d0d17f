import { randomPassword } from '../auth/passwords.ts';
import type { Config } from '../config.ts';
import { applyMigrations } from '../db/migrate.ts';
import type { Pool } from '../db/pool.ts';
import { grantAppRole } from '../db/roles.ts';
import { loadReferenceUnits } from '../units/reference.ts';
import { ADMIN, ensureAccounts } from './accounts.ts';
import { type CareSummary, seedCare } from './care.ts';
import { type DemoSummary, seedDemoProvince } from './demo.ts';
import { seedVaccination, type VaccinationSummary } from './vaccination.ts';

export const DEMO_PROVINCE = '12';

export interface Prepared {
  /** The demo province seeded by this start, if any. */
  demo: DemoSummary | null;
  /** The random password `admin` was created with by this start (no SEED_PASSWORD, DEMO=off). */
  adminPassword: string | null;
}

/**
 * What every start does, as the database's owner: migrations, the app role's privileges (when
 * requests are served by another role), reference units, the admin account; and on the very
 * first start (unless DEMO=off) the demo province.
 */
export async function prepareDatabase(
  pool: Pool,
  config: Config,
  log: (line: string) => void = () => {},
  opts: { appRole?: string | null } = {},
): Promise<Prepared> {
  await applyMigrations(pool);
  if (opts.appRole) await grantAppRole(pool, opts.appRole);
  if (await loadReferenceUnits(pool)) log('Đã nạp danh mục đơn vị hành chính (2021 và 2025).');
  // Without SEED_PASSWORD and without the demo, admin gets a password nobody published.
  const password = config.seedPassword ?? randomPassword();
  const created = await ensureAccounts(pool, [ADMIN], password);
  const adminPassword = created && !config.seedPassword ? password : null;
  if (adminPassword) {
    log(
      `Đã tạo tài khoản admin với mật khẩu ngẫu nhiên: ${adminPassword}  ` +
        '(chỉ hiện một lần này: hãy lưu lại, rồi đổi mật khẩu sau khi đăng nhập)',
    );
  }
  const { rows } = await pool.query(`SELECT value FROM settings WHERE key = 'demo_seeded'`);
  if (!config.demo || !config.seedPassword || rows.length) return { demo: null, adminPassword };
  log('Lần chạy đầu tiên: đang tạo dữ liệu mẫu tỉnh Lai Châu...');
  // The care history (10–20 s) and the vaccination history (a minute or two) are seeded after the
  // server listens: seedDemoCare and seedDemoVaccination, called by main.ts.
  const demo = await seedDemoProvince(pool, DEMO_PROVINCE, config.seedPassword, {
    vaccination: false,
    care: false,
  });
  await pool.query(`INSERT INTO settings (key, value) VALUES ('demo_seeded', $1) ON CONFLICT DO NOTHING`, [
    DEMO_PROVINCE,
  ]);
  return { demo, adminPassword };
}

/**
 * The demo province's vaccination history, seeded once in its own transaction while the server
 * already serves (coverage shows nothing, then all of it). Runs on every start of a demo
 * database until it is there, so a start stopped half-way finishes it the next time; null when
 * there is nothing to do.
 */
export async function seedDemoVaccination(pool: Pool): Promise<VaccinationSummary | null> {
  const { rows } = await pool.query(`SELECT value FROM settings WHERE key = 'demo_seeded'`);
  if (rows[0]?.value !== DEMO_PROVINCE) return null;
  return seedVaccination(pool, DEMO_PROVINCE);
}

/**
 * The demo province's isolation, home care and capacity history (care.ts), seeded once in its own
 * transaction while the server already serves, like the vaccination history; null when there is
 * nothing to do (not a demo database, or already there).
 */
export async function seedDemoCare(pool: Pool): Promise<CareSummary | null> {
  const { rows } = await pool.query(`SELECT value FROM settings WHERE key = 'demo_seeded'`);
  if (rows[0]?.value !== DEMO_PROVINCE) return null;
  return seedCare(pool, DEMO_PROVINCE);
}
