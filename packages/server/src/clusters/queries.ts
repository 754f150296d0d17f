import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE, Scope } from '../auth/scope.ts';
import { contactsInScope } from '../contacts/queries.ts';
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
  provinceCode: string;
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

/**
 * A cluster as the viewer sees it: `cases` and `lastCaseOn` count only the cases inside the viewer's
 * jurisdiction (the dates of other units' cases are not shown; closing checks them all, see
 * lastCaseOfCluster).
 */
function clusterSelect(me: Principal): SQL {
  return sql`SELECT k.id, k.name, k.unit_code AS "unitCode", u.name AS "unitName", k.province_code AS "provinceCode",
      k.opened_on AS "openedOn",
      k.closed_on AS "closedOn", k.villages, k.note, s.cases, s.last AS "lastCaseOn"
    FROM clusters k
    LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = k.unit_code
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE ${me.scope.covers(sql`c.unit_code`, sql`c.province_code`)})::int AS cases,
             max(c.detected_on) FILTER (WHERE ${me.scope.covers(sql`c.unit_code`, sql`c.province_code`)}) AS last
        FROM cases c WHERE c.cluster_id = k.id) s ON TRUE`;
}

/**
 * The cluster inside the jurisdiction, or a 404. `lock`: 'update' to close it, 'share' to add to it
 * (so that it cannot close meanwhile).
 */
export async function clusterInScope(
  db: Pool | PoolClient,
  me: Principal,
  id: string,
  lock?: 'update' | 'share',
): Promise<ClusterRow> {
  const row = await queryOne<ClusterRow>(
    db,
    sql`${clusterSelect(me)} WHERE k.id = ${id} AND ${clustersInScope(me)}
        ${lock === 'update' ? sql`FOR UPDATE OF k` : lock === 'share' ? sql`FOR SHARE OF k` : sql``}`,
  );
  if (!row) throw notFound('Không tìm thấy ổ dịch này hoặc ổ dịch ở ngoài địa bàn của bạn');
  return row;
}

/** The last case of the cluster wherever it lives: what the closing rule needs. */
export async function lastCaseOfCluster(db: Pool | PoolClient, id: string): Promise<string | null> {
  const row = await queryOne<{ last: string | null }>(
    db,
    sql`SELECT max(detected_on) AS last FROM cases WHERE cluster_id = ${id}`,
  );
  return row?.last ?? null;
}

export interface ClusterFilters {
  unit?: string;
  status?: string;
  openOn?: string;
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
  if (q.openOn)
    where.push(
      sql`k.opened_on <= ${q.openOn}::date AND (k.closed_on IS NULL OR k.closed_on > ${q.openOn}::date)`,
    );
  const after = decodeCursor(q.cursor, ['date', 'uuid']);
  if (after) where.push(sql`(k.opened_on, k.id) < (${after[0]}::date, ${after[1]}::uuid)`);
  const rows = await query<ClusterRow>(
    pool,
    sql`${clusterSelect(me)} WHERE ${sql.join(where, sql` AND `)} ORDER BY k.opened_on DESC, k.id DESC LIMIT ${q.limit + 1}`,
    'cluster_page*',
  );
  return pageOf(rows, q.limit, (r) => [r.openedOn, r.id]);
}

/**
 * A cluster's lockdown zones, its epidemic curve (cases by day) and how far its contacts are traced,
 * counting only the cases and contacts the viewer may see.
 */
export async function clusterFigures(pool: Pool, me: Principal, id: string) {
  const visibleCase = me.scope.covers(sql`c.unit_code`, sql`c.province_code`);
  const [lockdowns, curve, tracing] = await Promise.all([
    query(
      pool,
      sql`SELECT id, unit_codes AS "unitCodes", villages, starts_on AS "startsOn", ends_on AS "endsOn"
            FROM lockdown_zones WHERE cluster_id = ${id} ORDER BY starts_on`,
    ),
    query(
      pool,
      sql`SELECT c.detected_on AS on, count(*)::int AS cases FROM cases c WHERE c.cluster_id = ${id} AND ${visibleCase}
           GROUP BY c.detected_on ORDER BY c.detected_on`,
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
           WHERE c.cluster_id = ${id} AND ${contactsInScope(me)}`,
    ),
  ]);
  return { lockdowns, curve, tracing };
}
