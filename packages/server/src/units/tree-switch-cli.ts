import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { describeSwitch, switchUnitTree } from './tree-switch.ts';

export const UNITS_USAGE = `  units switch-tree <2021|2025> [--apply]
                          change the active unit tree, remapping every place-bound row
                          (without --apply: a dry run that lists what cannot be mapped)`;

/** `npm run cli -- units switch-tree <tree> [--apply]`, as the owner of the database. Returns the exit code. */
export async function unitsCommand(args: string[], config: Config): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { apply: { type: 'boolean', default: false } },
  });
  const [sub, target] = positionals;
  if (sub !== 'switch-tree' || !target) {
    console.error(`Cách dùng:\n${UNITS_USAGE}`);
    return 1;
  }
  const apply = values.apply ?? false;
  const db = await openDatabase(config, console.log);
  try {
    const report = await switchUnitTree(db.ownerPool, target, {
      apply,
      actor: `cli:${os.userInfo().username}`,
    });
    for (const line of describeSwitch(report, apply)) console.log(line);
    if (report.outcome === 'unsupported') return 1;
    return apply && report.outcome === 'refused' ? 1 : 0;
  } finally {
    await db.close();
  }
}
