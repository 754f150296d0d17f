import type { Config } from '../config.ts';
import { applyMigrations } from '../db/migrate.ts';
import type { Pool } from '../db/pool.ts';
import { loadReferenceUnits } from '../units/reference.ts';
import { ADMIN, ensureAccounts } from './accounts.ts';
import { type DemoSummary, seedDemoProvince } from './demo.ts';

export const DEMO_PROVINCE = '12';

/**
 * What every start does: migrations, reference units, the admin account; and on the very first
 * start (unless DEMO=off) the demo province. Returns the demo summary when it seeded one.
 */
export async function prepareDatabase(
  pool: Pool,
  config: Config,
  log: (line: string) => void = () => {},
): Promise<DemoSummary | null> {
  await applyMigrations(pool);
  if (await loadReferenceUnits(pool)) log('Đã nạp danh mục đơn vị hành chính (2021 và 2025).');
  await ensureAccounts(pool, [ADMIN], config.seedPassword);
  const { rows } = await pool.query(`SELECT value FROM settings WHERE key = 'demo_seeded'`);
  if (!config.demo || rows.length) return null;
  log('Lần chạy đầu tiên: đang tạo dữ liệu mẫu tỉnh Lai Châu...');
  const summary = await seedDemoProvince(pool, DEMO_PROVINCE, config.seedPassword);
  await pool.query(`INSERT INTO settings (key, value) VALUES ('demo_seeded', $1) ON CONFLICT DO NOTHING`, [
    DEMO_PROVINCE,
  ]);
  return summary;
}
