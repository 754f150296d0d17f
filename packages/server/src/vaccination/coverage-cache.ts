import type { Pool } from '../db/pool.ts';

/**
 * Coverage results kept in memory, exact: an entry is served only while the counters it depends
 * on (migration 0013) are the ones read before it was computed. Every change coverage reads (a
 * dose, a person's move or death, a merge, a mark, a target, an official population) moves them
 * in its own commit, so the first read after the commit misses and recomputes. A district's
 * figures (and its communes') depend on its own counter and the province's targets: a dose in
 * another district leaves them cached; the province's figures depend on every change.
 *
 * Why it is exact: the counters are read first, then the figures, so figures cached under
 * counters G are at least as new as G; a reader who sees G was not yet shown any later commit.
 * A cached read costs one index lookup instead of the coverage queries.
 */
const MAX_ENTRIES = 4000;

interface Entry {
  generation: string;
  value: Promise<unknown>;
}

const caches = new WeakMap<Pool, Map<string, Entry>>();

/** The counters of `scopes`, as one comparable text ("0" for one never moved). */
async function generationOf(pool: Pool, provinceCode: string, scopes: readonly string[]): Promise<string> {
  const { rows } = await pool.query<{ scope: string; generation: string }>({
    name: 'vaccination_generations',
    text: 'SELECT scope, generation FROM vaccination_generations WHERE province_code = $1 AND scope = ANY($2::text[])',
    values: [provinceCode, scopes],
  });
  const of = new Map(rows.map((r) => [r.scope, r.generation]));
  return scopes.map((s) => of.get(s) ?? '0').join(':');
}

/**
 * The counters coverage of a unit depends on: the province's own for the province (and for units
 * of a tree without districts), else its district's and the province's targets.
 */
export function coverageScopes(level: string, district: string | null): string[] {
  return level === 'province' || !district ? [''] : [district, 'targets'];
}

/**
 * `compute()` for `key` of `provinceCode`, or the value computed for it under the current counters
 * of `scopes`. Concurrent misses of one key share one computation.
 */
export async function cachedByGeneration<T>(
  pool: Pool,
  provinceCode: string,
  scopes: readonly string[],
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  let cache = caches.get(pool);
  if (!cache) {
    cache = new Map();
    caches.set(pool, cache);
  }
  const generation = await generationOf(pool, provinceCode, scopes);
  const fullKey = `${provinceCode}|${key}`;
  const hit = cache.get(fullKey);
  if (hit && hit.generation === generation) {
    // Most recently used last, so the oldest entry is the first to go.
    cache.delete(fullKey);
    cache.set(fullKey, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry = { generation, value };
  // A slow reader of older counters does not replace what a newer one put there.
  if (!hit || newer(generation, hit.generation)) {
    cache.delete(fullKey);
    cache.set(fullKey, entry);
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  value.catch(() => {
    if (cache.get(fullKey) === entry) cache.delete(fullKey);
  });
  return value;
}

/** Whether counters `a` are ahead of `b` (same scopes, so the same number of parts). */
function newer(a: string, b: string): boolean {
  const x = a.split(':').map(Number);
  const y = b.split(':').map(Number);
  return x.some((v, i) => v > y[i]) && x.every((v, i) => v >= y[i]);
}
