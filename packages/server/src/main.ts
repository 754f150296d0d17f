import { buildApp } from './app.ts';
import { configFromEnv, DEMO_PASSWORD } from './config.ts';
import { DataDirInUseError } from './db/embedded.ts';
import { openDatabase } from './db/open.ts';
import { prepareDatabase, seedDemoCare, seedDemoVaccination } from './seed/bootstrap.ts';

const log = (line: string) => console.log(`[tuyến đầu] ${line}`);

async function main(): Promise<void> {
  const config = configFromEnv();
  const db = await openDatabase(config, log);
  const { demo, adminPassword } = await prepareDatabase(db.ownerPool, config, log, { appRole: db.appRole });
  if (demo) {
    log(
      `Dữ liệu mẫu ${demo.province}: ${demo.persons.toLocaleString('vi-VN')} người, ${demo.households.toLocaleString('vi-VN')} hộ (${demo.seconds.toFixed(1)} giây).`,
    );
    if (demo.outbreak) log(`  trong đó dịch bệnh: ${demo.outbreak.seconds.toFixed(1)} giây.`);
  }
  const app = await buildApp({ pool: db.pool, config, logger: process.env.LOG === 'on' });
  await app.listen({ port: config.port, host: config.host });
  const shown = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  log(`Sẵn sàng: http://${shown}:${config.port}  (API: /api/v1, tài liệu API: /api/docs)`);
  const shownPassword =
    config.seedPassword === DEMO_PASSWORD
      ? DEMO_PASSWORD
      : config.seedPassword
        ? '(SEED_PASSWORD)'
        : adminPassword
          ? '(mật khẩu ngẫu nhiên in ở trên)'
          : '(mật khẩu đã in ở lần chạy đầu tiên)';
  log(`Đăng nhập: admin / ${shownPassword}`);
  if (config.demo) {
    const { rows } = await db.pool.query(
      `SELECT string_agg(username, ', ' ORDER BY unit_code NULLS FIRST, username) AS names FROM accounts WHERE NOT disabled`,
    );
    log(`Tài khoản (mật khẩu như admin): ${rows[0].names}`);
  }
  if (config.demo) {
    // One after the other: the care history first (seconds), then the vaccination history.
    seedDemoCare(db.ownerPool)
      .then(
        (c) => {
          if (c)
            log(
              `Dữ liệu mẫu cách ly, chăm sóc tại nhà: ${c.facilities} cơ sở, ${c.episodes.cases + c.episodes.contacts} đợt cách ly, ` +
                `${c.entries.toLocaleString('vi-VN')} phiếu theo dõi (${c.seconds.toFixed(1)} giây).`,
            );
        },
        (err) =>
          log(`Không tạo được dữ liệu mẫu cách ly, chăm sóc: ${err instanceof Error ? err.message : err}`),
      )
      .then(() => seedDemoVaccination(db.ownerPool))
      .then(
        (v) => {
          if (v)
            log(
              `Dữ liệu mẫu tiêm chủng: ${v.doses.toLocaleString('vi-VN')} mũi tiêm (${v.seconds.toFixed(1)} giây).`,
            );
        },
        (err) => log(`Không tạo được dữ liệu mẫu tiêm chủng: ${err instanceof Error ? err.message : err}`),
      );
  }
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
  if (err instanceof DataDirInUseError) log(err.message);
  else console.error(err);
  process.exit(1);
});
