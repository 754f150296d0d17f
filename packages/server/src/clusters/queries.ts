import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE, Scope } from '../auth/scope.ts';
import type { Pool, PoolClient } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';
import { notFound } from '../http/errors.ts';
import { decodeCursor, pageOf } from '../http/pagination.ts';
import { asJurisdiction } from '../persons/queries.ts';

export interface ClusterRow {
  id: string;
  name: string;
  unitCode: string;
  unitName: string;
  openedOn: string;
  closedOn: string | null;
  villages: string[];
  note: string | null;
  cases: number;
  lastCaseOn: string | null;
}

/** A cluster belongs to the unit it was opened in. */
function clustersInScope(me: Principal): SQL {
  return me.scope.covers(sql`k.unit_code`, sql`k.province_code`);
}

const CLUSTER_SELECT = sql`SELECT k.id, k.name, k.unit_code AS "unitCode", u.name AS "unitName", k.opened_on AS "openedOn",
    k.closed_on AS "closedOn", k.villages, k.note, s.cases, s.last AS "lastCaseOn"
  FROM clusters k
  LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = k.unit_code
  LEFT JOIN LATERAL (SELECT count(*)::int AS cases, max(c.detected_on) AS last FROM cases c WHERE c.cluster_id = k.id) s ON TRUE`;

/** The cluster inside the jurisdiction, or a 404. */
export async function clusterInScope(db: Pool | PoolClient, me: Principal, id: string): Promise<ClusterRow> {
  const row = await queryOne<ClusterRow>(
    db,
    sql`${CLUSTER_SELECT} WHERE k.id = ${id} AND ${clustersInScope(me)}`,
  );
  if (!row) throw notFound('Không tìm thấy ổ dịch này hoặc ổ dịch ở ngoài địa bàn của bạn');
  return row;
}

export interface ClusterFilters {
  unit?: string;
  status?: string;
  cursor?: string;
  limit: number;
}

/** One page of the clusters inside the jurisdiction, newest first. */
export async function clusterPage(pool: Pool, me: Principal, q: ClusterFilters) {
  const where = [clustersInScope(me)];
  if (q.unit) {
    const u = await me.scope.unitInside(pool, q.unit, 'unit');
    where.push(new Scope(asJurisdiction(u)).covers(sql`k.unit_code`, sql`k.province_code`));
  }
  if (q.status === 'open') where.push(sql`k.closed_on IS NULL`);
  if (q.status === 'closed') where.push(sql`k.closed_on IS NOT NULL`);
  const after = decodeCursor(q.cursor, 2) as [string, string] | undefined;
  if (after) where.push(sql`(k.opened_on, k.id) < (${after[0]}::date, ${after[1]}::uuid)`);
  const rows = await query<ClusterRow>(
    pool,
    sql`${CLUSTER_SELECT} WHERE ${sql.join(where, sql` AND `)} ORDER BY k.opened_on DESC, k.id DESC LIMIT ${q.limit + 1}`,
  );
  return pageOf(rows, q.limit, (r) => [r.openedOn, r.id]);
}

/** A cluster's lockdown zones, its epidemic curve (cases by day) and how far its contacts are traced. */
export async function clusterFigures(pool: Pool, id: string) {
  const [lockdowns, curve, tracing] = await Promise.all([
    query(
      pool,
      sql`SELECT id, unit_codes AS "unitCodes", villages, starts_on AS "startsOn", ends_on AS "endsOn"
            FROM lockdown_zones WHERE cluster_id = ${id} ORDER BY starts_on`,
    ),
    query(
      pool,
      sql`SELECT detected_on AS on, count(*)::int AS cases FROM cases WHERE cluster_id = ${id}
           GROUP BY detected_on ORDER BY detected_on`,
    ),
    queryOne(
      pool,
      sql`SELECT count(*)::int AS contacts,
                 count(*) FILTER (WHERE t.result IS NOT NULL)::int AS tested,
                 count(*) FILTER (WHERE t.result = 'negative' AND k.resulting_case_id IS NULL)::int AS negative,
                 count(*) FILTER (WHERE k.resulting_case_id IS NOT NULL)::int AS positive
            FROM contacts k JOIN cases c ON c.id = k.case_id
            LEFT JOIN LATERAL (
              SELECT lt.result FROM lab_tests lt
               WHERE lt.person_id = k.person_id AND lt.sampled_at >= k.exposure_date AND lt.result <> 'pending'
               ORDER BY lt.sampled_at DESC LIMIT 1) t ON TRUE
           WHERE c.cluster_id = ${id}`,
    ),
  ]);
  return { lockdowns, curve, tracing };
}
