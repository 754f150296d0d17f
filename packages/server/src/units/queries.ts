import { ACTIVE_TREE } from '../auth/scope.ts';
import type { Pool } from '../db/pool.ts';
import { likeContaining, query, sql } from '../db/sql.ts';
import { decodeCursor, pageOf } from '../http/pagination.ts';
import { unitDirectory } from './directory.ts';

export const UNIT_COLUMNS = sql`u.code, u.name, u.short_name AS "shortName", u.type, u.level,
  u.parent_code AS "parentCode", u.province_code AS "provinceCode", u.population,
  u.valid_from AS "validFrom", u.valid_to AS "validTo"`;

export interface UnitRow {
  code: string;
  name: string;
  shortName: string;
  type: string;
  level: string;
  parentCode: string | null;
  provinceCode: string;
  population: number | null;
  validFrom: string;
  validTo: string | null;
}

export interface UnitSearch {
  q?: string;
  parent?: string;
  level?: string;
  cursor?: string;
  limit: number;
}

/** One page of the active tree's units matching a name or code, under a parent, at a level. */
export async function unitPage(pool: Pool, { q, parent, level, cursor, limit }: UnitSearch) {
  const after = decodeCursor(cursor, ['int', 'text', 'text']);
  const term = q?.trim();
  // Accent-insensitive: both sides folded by the same lower(unaccent()) in PostgreSQL.
  // Provinces first, then districts, then communes; by name within a level.
  const rank = sql`(CASE u.level WHEN 'province' THEN 0 WHEN 'district' THEN 1 ELSE 2 END)`;
  const rows = await query<UnitRow & { sortKey: string; rank: number }>(
    pool,
    sql`SELECT ${UNIT_COLUMNS}, u.name_folded AS "sortKey", ${rank} AS rank FROM units u
         WHERE u.tree = ${ACTIVE_TREE}
           ${term ? sql`AND (u.name_folded LIKE ${likeContaining(sql`lower(unaccent(${term}))`)} OR u.code = ${term})` : sql``}
           ${parent ? sql`AND u.parent_code = ${parent}` : sql``}
           ${level ? sql`AND u.level = ${level}` : sql``}
           ${after ? sql`AND (${rank}, u.name_folded, u.code) > (${after[0]}, ${after[1]}, ${after[2]})` : sql``}
         ORDER BY ${rank}, u.name_folded, u.code
         LIMIT ${limit + 1}`,
  );
  const page = pageOf(rows, limit, (r) => [r.rank, r.sortKey, r.code]);
  return { items: page.items.map(({ sortKey: _s, rank: _r, ...u }) => u), next: page.next };
}

/** A unit of the active tree with its children and its ancestors (from the province down). */
export async function unitWithFamily(pool: Pool, code: string) {
  const units = await unitDirectory(pool);
  const unit = units.get(code);
  if (!unit) return undefined;
  return { ...unit, children: units.children(code), ancestors: units.path(code).slice(0, -1) };
}
