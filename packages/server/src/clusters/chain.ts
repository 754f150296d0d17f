import type { Principal } from '../auth/principal.ts';
import type { Pool } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';
import { todayInVietnam } from '../http/time.ts';

export interface ChainNode {
  id: string;
  type: 'case' | 'contact';
  label: string;
  generation: number;
  status: string;
  on: string;
}
export interface ChainEdge {
  source: string;
  target: string;
  kind: 'exposed' | 'became';
}
export interface Chain {
  origin: string | null;
  generations: number;
  nodes: ChainNode[];
  edges: ChainEdge[];
}

// Source links only point to earlier cases, so chains are acyclic; the cap is a guard, not a rule.
const MAX_DEPTH = 200;

/**
 * Reads a chain in PostgreSQL with recursive queries: cases from their origin down through the
 * cases they caused (`source_case_id`), each with its contacts. People outside the viewer's
 * jurisdiction appear without their names.
 */
async function chainFrom(pool: Pool, me: Principal, roots: SQL, within: SQL): Promise<Chain> {
  const visibleCase = me.scope.covers(sql`c.unit_code`, sql`c.province_code`);
  const visibleContact = sql`(${me.scope.covers(sql`k.unit_code`, sql`k.province_code`)}
    OR ${me.scope.covers(sql`k.case_unit_code`, sql`k.case_province_code`)})`;
  const rows = await query<{
    type: 'case' | 'contact';
    id: string;
    label: string;
    generation: number;
    status: string;
    on: string;
    parent: string | null;
    became: string | null;
  }>(
    pool,
    sql`WITH RECURSIVE down AS (
          SELECT c.id, 0 AS generation FROM cases c WHERE ${roots}
          UNION ALL
          SELECT c.id, down.generation + 1 FROM down
           CROSS JOIN LATERAL (SELECT c.id FROM cases c WHERE c.source_case_id = down.id AND ${within} OFFSET 0) c
           WHERE down.generation < ${MAX_DEPTH})
        SELECT 'case' AS type, c.id, CASE WHEN ${visibleCase} THEN p.full_name ELSE 'F0 ngoài địa bàn' END AS label,
               d.generation, c.status, c.detected_on::text AS on, c.source_case_id AS parent, NULL::uuid AS became
          FROM down d
          -- Index lookups per chain member (OFFSET 0 keeps them lateral): the planner cannot estimate
          -- a recursive CTE and would otherwise hash-join whole tables.
          CROSS JOIN LATERAL (SELECT * FROM cases c WHERE c.id = d.id OFFSET 0) c
          CROSS JOIN LATERAL (SELECT p.full_name FROM persons p WHERE p.id = c.person_id OFFSET 0) p
        UNION ALL
        SELECT 'contact', k.id, CASE WHEN ${visibleContact} THEN p.full_name ELSE 'F1 ngoài địa bàn' END,
               d.generation + 1,
               CASE WHEN k.resulting_case_id IS NOT NULL THEN 'positive'
                    WHEN k.quarantine_end > ${todayInVietnam()}::date THEN 'quarantined' ELSE 'released' END,
               k.exposure_date::text, k.case_id, k.resulting_case_id
          FROM down d
          CROSS JOIN LATERAL (SELECT * FROM contacts k WHERE k.case_id = d.id OFFSET 0) k
          CROSS JOIN LATERAL (SELECT p.full_name FROM persons p WHERE p.id = k.person_id OFFSET 0) p`,
  );
  const nodes: ChainNode[] = [];
  const edges: ChainEdge[] = [];
  const caseIds = new Set(rows.filter((r) => r.type === 'case').map((r) => r.id));
  let generations = 0;
  for (const r of rows) {
    nodes.push({
      id: r.id,
      type: r.type,
      label: r.label,
      generation: r.generation,
      status: r.status,
      on: r.on,
    });
    generations = Math.max(generations, r.type === 'case' ? r.generation + 1 : 0);
    if (r.type === 'contact') {
      edges.push({ source: r.parent!, target: r.id, kind: 'exposed' });
      if (r.became && caseIds.has(r.became)) edges.push({ source: r.id, target: r.became, kind: 'became' });
    }
  }
  // The origin: the earliest case that no other case in the chain caused.
  const [first] = nodes
    .filter((n) => n.type === 'case' && n.generation === 0)
    .sort((a, b) => a.on.localeCompare(b.on));
  return { origin: first?.id ?? null, generations, nodes, edges };
}

/** The whole chain a case belongs to: up to its origin, then everything that origin caused. */
export async function chainOfCase(pool: Pool, me: Principal, id: string): Promise<Chain | null> {
  const start = await queryOne<{ origin: string }>(
    pool,
    sql`WITH RECURSIVE up AS (
          SELECT c.id, c.source_case_id, 0 AS depth FROM cases c
           WHERE c.id = ${id} AND ${me.scope.covers(sql`c.unit_code`, sql`c.province_code`)}
          UNION ALL
          SELECT s.id, s.source_case_id, up.depth + 1 FROM cases s JOIN up ON s.id = up.source_case_id
           WHERE up.depth < ${MAX_DEPTH})
        SELECT id AS origin FROM up ORDER BY depth DESC LIMIT 1`,
  );
  if (!start) return null;
  return chainFrom(pool, me, sql`c.id = ${start.origin}`, sql`TRUE`);
}

/** The chains of a cluster: from each case of the cluster that no other case of it caused. */
export async function chainOfCluster(pool: Pool, clusterId: string, me: Principal): Promise<Chain> {
  return chainFrom(
    pool,
    me,
    sql`c.cluster_id = ${clusterId} AND (c.source_case_id IS NULL OR NOT EXISTS (
          SELECT 1 FROM cases s WHERE s.id = c.source_case_id AND s.cluster_id = ${clusterId}))`,
    sql`c.cluster_id = ${clusterId}`,
  );
}
