import type { Pool } from '../db/pool.ts';

/**
 * Coverage results kept in memory, exact: an entry is served only while its province's
 * generation (migration 0013) is the one read before it was computed. Every change coverage reads
 * (a dose, a person's move or death, a merge, a mark, a target, an official population) moves
 * the generation in its own commit, so the first read after the commit misses and recomputes.
 *
 * Why it is exact: the generation is read first, then the figures, so figures cached under
 * generation G are at least as new as G; a reader who sees G was not yet shown any later commit.
 * A cached read costs one primary-key lookup instead of the coverage queries.
 */
const MAX_ENTRIES = 4000;

interface Entry {
  generation: number;
  value: Promise<unknown>;
}

const caches = new WeakMap<Pool, Map<string, Entry>>();

async function generationOf(pool: Pool, provinceCode: string): Promise<number> {
  const { rows } = await pool.query<{ generation: string }>({
    name: 'vaccination_generation',
    text: 'SELECT generation FROM vaccination_generations WHERE province_code = $1',
    values: [provinceCode],
  });
  return rows.length ? Number(rows[0].generation) : 0;
}

/**
 * `compute()` for `key` of `provinceCode`, or the value computed for it under the province's
 * current generation. Concurrent misses of one key share one computation.
 */
export async function cachedByGeneration<T>(
  pool: Pool,
  provinceCode: string,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  let cache = caches.get(pool);
  if (!cache) {
    cache = new Map();
    caches.set(pool, cache);
  }
  const generation = await generationOf(pool, provinceCode);
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
  // Only a newer generation replaces what is there (a slow reader of an old one does not).
  if (!hit || hit.generation < generation) {
    cache.delete(fullKey);
    cache.set(fullKey, entry);
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  value.catch(() => {
    if (cache.get(fullKey) === entry) cache.delete(fullKey);
  });
  return value;
}
