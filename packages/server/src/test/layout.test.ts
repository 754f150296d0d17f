import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the server (design/STYLE.md, "One shape for every capability"): the composition
 * root at the top of src/, arrows pointing down, and capability folders whose routes.ts holds
 * schemas, access and calls, with the SQL in queries.ts and the rules in service.ts.
 */
const SRC = path.resolve(import.meta.dirname, '..');

/** Capabilities given the one shape so far; auth/, accounts/ and audit/ are still to follow. */
const SHAPED = [
  'accounts',
  'audit',
  'auth',
  'care-tiers',
  'cases',
  'clusters',
  'contacts',
  'lab-tests',
  'persons',
  'situation',
  'units',
];

const folders = readdirSync(SRC, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const capabilities = folders.filter((name) => existsSync(path.join(SRC, name, 'routes.ts')));

const read = (...p: string[]) => readFileSync(path.join(SRC, ...p), 'utf8');
const sourcesOf = (dir: string) =>
  readdirSync(path.join(SRC, dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const importsOf = (text: string) => [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);

describe('server layout', () => {
  it('names folders after what they hold: lab tests in lab-tests/, the harness in test/', () => {
    expect(existsSync(path.join(SRC, 'testing'))).toBe(false);
    expect(capabilities).toContain('lab-tests');
    expect(existsSync(path.join(SRC, 'imports', 'case-import.ts'))).toBe(false);
    expect(existsSync(path.join(SRC, 'cases', 'import.ts'))).toBe(true);
  });

  it('registers every capability from the composition root at the top of src/', () => {
    expect(existsSync(path.join(SRC, 'http', 'app.ts'))).toBe(false);
    const root = importsOf(read('app.ts'));
    for (const name of capabilities) expect(root).toContain(`./${name}/routes.ts`);
  });

  it('keeps http/ below the capabilities: nothing in it imports one (auth/ is shared, its routes are not)', () => {
    const above = capabilities.filter((name) => name !== 'auth');
    for (const file of sourcesOf('http')) {
      const upward = importsOf(read('http', file)).filter(
        (i) => i.endsWith('/routes.ts') || above.some((name) => i.startsWith(`../${name}/`)),
      );
      expect(upward, `http/${file}`).toEqual([]);
    }
  });

  it('declares routes only in routes.ts (and the health check in app.ts)', () => {
    for (const name of folders) {
      for (const file of sourcesOf(name).filter((f) => f !== 'routes.ts')) {
        expect(read(name, file), `${name}/${file}`).not.toMatch(/\bapp\.(get|post|put|patch|delete)\(/);
      }
    }
  });

  it.each(SHAPED)('%s: routes.ts holds no SQL, queries.ts does', (name) => {
    expect(capabilities).toContain(name);
    const routes = read(name, 'routes.ts');
    expect(routes).not.toMatch(/\bsql`|\.query\(|\bqueryOne\(|\bquery\(/);
    expect(importsOf(routes)).not.toContain('../db/sql.ts');
    expect(existsSync(path.join(SRC, name, 'queries.ts'))).toBe(true);
  });
});
