/**
 * The import of bench/vaccination-import.ts, alone in its process so that the RSS high-water mark
 * is the import's: the real import function, as the province's command center (chihuy.12), as a
 * dry run (everything done, then rolled back). Prints one JSON object on stdout.
 * With BENCH_PROFILE=1, auto_explain sends the plan of every statement over 300 ms back as a notice.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { principalForAccount } from '../packages/server/src/auth/principal.ts';
import { createPool } from '../packages/server/src/db/pool.ts';
import { importVaccinations } from '../packages/server/src/vaccination/import/service.ts';

async function main() {
  const file = process.argv[2];
  const pool = createPool(process.env.BENCH_DATABASE_URL!, 2);
  const plans: string[] = [];
  if (process.env.BENCH_PROFILE) {
    pool.on('connect', (client) => {
      client.on('notice', (n) => {
        if (n.message?.includes('duration')) plans.push(n.message);
      });
      client
        .query(
          `LOAD 'auto_explain'; SET auto_explain.log_min_duration = 300; SET auto_explain.log_analyze = on;
           SET auto_explain.log_timing = on; SET auto_explain.log_nested_statements = on;
           SET auto_explain.log_level = notice`,
        )
        .catch((err) => plans.push(`auto_explain: ${err.message}`));
    });
  }
  try {
    const { rows } = await pool.query(`SELECT id FROM accounts WHERE username = 'chihuy.12'`);
    const me = await principalForAccount(pool, rows[0].id);
    if (!me) throw new Error('no account chihuy.12: seed the demo province first');
    const t0 = performance.now();
    const report = await importVaccinations(
      pool,
      me,
      createReadStream(file, { highWaterMark: 256 * 1024 }),
      { fileName: path.basename(file), ip: 'bench' },
      { dryRun: true },
    );
    const wallMs = Math.round(performance.now() - t0);
    const { rejectedRows, columns, ...figures } = report;
    process.stdout.write(
      JSON.stringify({
        report: { ...figures, rejectedShown: rejectedRows.length },
        wallMs,
        maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        plans,
      }),
    );
  } finally {
    await pool.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
