import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE } from '../auth/scope.ts';
import type { Pool } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';
import { todayInVietnam } from '../http/time.ts';

export interface ChainNode {
  id: string;
  type: 'case' | 'contact';
  label: string;
  generation: number;
  status: string;
  on: string | null;
  /**
   * People outside the viewer's jurisdiction are never shown one by one: they collapse into one
   * anonymous node per unit and type ("3 ca ở Phường X"), without ids, dates or statuses.
   */
  hidden?: { count: number; unitName: string };
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

interface ChainRow {
  type: 'case' | 'contact';
  id: string;
  visible: boolean;
  label: string | null;
  unitCode: string;
  unitName: string | null;
  generation: number;
  status: string;
  on: string;
  parent: string | null;
  became: string | null;
}

/**
 * Reads a chain in PostgreSQL with recursive queries: cases from their origin down through the
 * cases they caused (`source_case_id`), each with its contacts. The walk crosses the whole chain
 * so that the viewer's people stay connected, but what lies outside the viewer's jurisdiction
 * leaves the database only as a unit and a count.
 */
async function chainFrom(pool: Pool, me: Principal, roots: SQL, within: SQL): Promise<Chain> {
  const visibleCase = me.scope.covers(sql`c.unit_code`, sql`c.province_code`);
  const visibleContact = sql`(${me.scope.covers(sql`k.unit_code`, sql`k.province_code`)}
    OR ${me.scope.covers(sql`k.case_unit_code`, sql`k.case_province_code`)})`;
  const rows = await query<ChainRow>(
    pool,
    sql`WITH RECURSIVE down AS (
          SELECT c.id, 0 AS generation FROM cases c WHERE ${roots}
          UNION ALL
          SELECT c.id, down.generation + 1 FROM down
           CROSS JOIN LATERAL (SELECT c.id FROM cases c WHERE c.source_case_id = down.id AND ${within} OFFSET 0) c
           WHERE down.generation < ${MAX_DEPTH}),
        members AS (
          SELECT 'case' AS type, c.id, ${visibleCase} AS visible, c.person_id, c.unit_code, d.generation, c.status,
                 c.detected_on::text AS on, c.source_case_id AS parent, NULL::uuid AS became
            FROM down d
            -- Index lookups per chain member (OFFSET 0 keeps them lateral): the planner cannot estimate
            -- a recursive CTE and would otherwise hash-join whole tables.
            CROSS JOIN LATERAL (SELECT * FROM cases c WHERE c.id = d.id OFFSET 0) c
          UNION ALL
          SELECT 'contact', k.id, ${visibleContact}, k.person_id, k.unit_code, d.generation + 1,
                 CASE WHEN k.resulting_case_id IS NOT NULL THEN 'positive'
                      WHEN k.quarantine_end > ${todayInVietnam()}::date THEN 'quarantined' ELSE 'released' END,
                 k.exposure_date::text, k.case_id, k.resulting_case_id
            FROM down d
            CROSS JOIN LATERAL (SELECT * FROM contacts k WHERE k.case_id = d.id OFFSET 0) k)
        SELECT m.type, m.id, m.visible, m.unit_code AS "unitCode", u.name AS "unitName", m.generation, m.status,
               m.on, m.parent, m.became,
               CASE WHEN m.visible THEN (SELECT p.full_name FROM persons p WHERE p.id = m.person_id LIMIT 1) END AS label
          FROM members m LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = m.unit_code`,
  );
  // Each hidden row stands for its unit's anonymous node of its type.
  const nodeOf = (r: ChainRow) => (r.visible ? r.id : `hidden:${r.type}:${r.unitCode}`);
  const idOf = new Map(rows.map((r) => [r.id, nodeOf(r)]));
  const nodes = new Map<string, ChainNode>();
  const edges = new Map<string, ChainEdge>();
  const addEdge = (source: string | undefined, target: string | undefined, kind: ChainEdge['kind']) => {
    if (!source || !target || source === target) return;
    edges.set(`${source}>${target}>${kind}`, { source, target, kind });
  };
  let generations = 0;
  for (const r of rows) {
    const id = nodeOf(r);
    if (r.visible) {
      nodes.set(id, {
        id,
        type: r.type,
        label: r.label ?? '',
        generation: r.generation,
        status: r.status,
        on: r.on,
      });
    } else {
      const group = nodes.get(id);
      const count = (group?.hidden?.count ?? 0) + 1;
      const unitName = r.unitName ?? r.unitCode;
      nodes.set(id, {
        id,
        type: r.type,
        label: `${count} ${r.type === 'case' ? 'ca' : 'người tiếp xúc'} ở ${unitName}`,
        generation: Math.min(group?.generation ?? r.generation, r.generation),
        status: 'hidden',
        on: null,
        hidden: { count, unitName },
      });
    }
    if (r.type === 'case') generations = Math.max(generations, r.generation + 1);
    if (r.type === 'contact') {
      addEdge(idOf.get(r.parent!), id, 'exposed');
      if (r.became) addEdge(id, idOf.get(r.became), 'became');
    }
  }
  // The origin: the earliest case that no other case in the chain caused.
  const [first] = rows
    .filter((r) => r.type === 'case' && r.generation === 0)
    .sort((a, b) => a.on.localeCompare(b.on));
  return {
    origin: first ? nodeOf(first) : null,
    generations,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
  };
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
