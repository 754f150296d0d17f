import { buildApp } from './app.ts';
import { configFromEnv } from './config.ts';
import { openDatabase } from './db/open.ts';
import { prepareDatabase } from './seed/bootstrap.ts';

const log = (line: string) => console.log(`[tuyến đầu] ${line}`);

async function main(): Promise<void> {
  const config = configFromEnv();
  const db = await openDatabase(config, log);
  const demo = await prepareDatabase(db.pool, config, log);
  if (demo) {
    log(
      `Dữ liệu mẫu ${demo.province}: ${demo.persons.toLocaleString('vi-VN')} người, ${demo.households.toLocaleString('vi-VN')} hộ (${demo.seconds.toFixed(1)} giây).`,
    );
  }
  const app = await buildApp({ pool: db.pool, config, logger: process.env.LOG === 'on' });
  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  log(`Sẵn sàng: http://${shown}:${config.port}  (API: /api/v1, tài liệu API: /api/docs)`);
  log(`Đăng nhập: admin / ${config.seedPassword === 'tuyendau-demo' ? 'tuyendau-demo' : '(SEED_PASSWORD)'}`);
  const { rows } = await db.pool.query(
    `SELECT string_agg(username, ', ' ORDER BY unit_code NULLS FIRST, username) AS names FROM accounts WHERE NOT disabled`,
  );
  log(`Tài khoản (mật khẩu SEED_PASSWORD): ${rows[0].names}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
