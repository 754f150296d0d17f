import { parseArgs } from 'node:util';
import { configFromEnv, DEMO_PASSWORD } from './config.ts';
import { openDatabase } from './db/open.ts';
import { prepareDatabase } from './seed/bootstrap.ts';
import { seedDemoProvince } from './seed/demo.ts';
import { UNITS_USAGE, unitsCommand } from './units/tree-switch-cli.ts';
import { importPlatformCommand, PLATFORM_USAGE } from './vaccination/backlog/cli.ts';
import { IMPORT_USAGE, importCommand } from './vaccination/import/cli.ts';

const USAGE = `Tuyến Đầu CLI — npm run cli -- <command>

  migrate                 apply migrations and load reference data
  seed --province <code>  create the demo data of a province (e.g. 12 = Lai Châu)
${UNITS_USAGE}
${IMPORT_USAGE}
${PLATFORM_USAGE}

Configuration by environment: DATABASE_URL (else the embedded PostgreSQL under DATA_DIR, as
the role that owns the database), SEED_PASSWORD, DEMO=off.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = configFromEnv();
  if (command === 'migrate') {
    const db = await openDatabase(config, console.log);
    try {
      await prepareDatabase(db.ownerPool, { ...config, demo: false }, console.log, { appRole: db.appRole });
      console.log('Migrations applied.');
    } finally {
      await db.close();
    }
    return 0;
  }
  if (command === 'seed') {
    const { values } = parseArgs({ args: rest, options: { province: { type: 'string', default: '12' } } });
    const province = values.province!.padStart(2, '0');
    const db = await openDatabase(config, console.log);
    try {
      await prepareDatabase(db.ownerPool, { ...config, demo: false }, console.log, { appRole: db.appRole });
      // Demo accounts get SEED_PASSWORD, else the published demo password.
      const s = await seedDemoProvince(db.ownerPool, province, config.seedPassword ?? DEMO_PASSWORD);
      await db.ownerPool.query(
        `INSERT INTO settings (key, value) VALUES ('demo_seeded', $1) ON CONFLICT DO NOTHING`,
        [province],
      );
      console.log(
        `${s.province}: ${s.persons} persons, ${s.households} households, ${s.accounts.length} demo accounts, ${s.seconds.toFixed(1)} s`,
      );
      for (const a of s.accounts)
        console.log(`  ${a.username.padEnd(18)} ${a.role.padEnd(16)} ${a.fullName}`);
    } finally {
      await db.close();
    }
    return 0;
  }
  if (command === 'units') return unitsCommand(rest, config);
  if (command === 'import' && rest[0] === 'platform') return importPlatformCommand(rest.slice(1), config);
  if (command === 'import') return importCommand(rest, config);
  console.error(`Unknown command: ${command}\n\n${USAGE}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
