import {
  type ClusterInput,
  checkClusterInput,
  checkLockdownInput,
  clusterClosing,
  type LockdownInput,
} from '@tuyendau/domain';
import type { FastifyRequest } from 'fastify';
import { placeOf, recordAudit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { inTransaction, type Pool } from '../db/pool.ts';
import { query, queryOne, sql } from '../db/sql.ts';
import { AppError, badInput, problemsError } from '../http/errors.ts';
import { todayInVietnam } from '../http/time.ts';
import { chainOfCluster } from './chain.ts';
import {
  type ClusterFilters,
  type ClusterRow,
  clusterFigures,
  clusterInScope,
  clusterPage,
  lastCaseOfCluster,
} from './queries.ts';

/** The API shape: an open cluster with how far it is from being closable. */
export function clusterOut(row: ClusterRow) {
  return {
    ...row,
    closing: row.closedOn
      ? null
      : clusterClosing({ lastCaseOn: row.lastCaseOn ?? row.openedOn, today: todayInVietnam() }),
  };
}

/** Opens a cluster in a unit inside the jurisdiction. */
export async function createCluster(pool: Pool, me: Principal, request: FastifyRequest, body: ClusterInput) {
  const checked = checkClusterInput(body, todayInVietnam());
  if (!checked.ok) throw problemsError(checked.problems);
  const input = checked.value;
  const row = await inTransaction(pool, async (c) => {
    const unit = await me.scope.unitInside(c, input.unitCode);
    const created = await queryOne<{ id: string }>(
      c,
      sql`INSERT INTO clusters (province_code, unit_code, name, opened_on, villages, note, created_by)
          VALUES (${unit.provinceCode}, ${unit.code}, ${input.name}, ${input.openedOn},
                  ${sql.param(input.villages ?? [])}::text[],
                  ${input.note ?? null}, ${me.accountId})
          RETURNING id`,
    );
    const cluster = await clusterInScope(c, me, created!.id);
    await recordAudit(c, request, {
      action: 'create',
      entity: 'cluster',
      entityId: cluster.id,
      place: placeOf(cluster),
    });
    return cluster;
  });
  return clusterOut(row);
}

export async function listClusters(pool: Pool, me: Principal, filters: ClusterFilters) {
  const page = await clusterPage(pool, me, filters);
  return { items: page.items.map(clusterOut), next: page.next };
}

export async function clusterDetail(pool: Pool, me: Principal, id: string) {
  const row = await clusterInScope(pool, me, id);
  return { ...clusterOut(row), ...(await clusterFigures(pool, me, id)) };
}

/** A closed cluster takes no more cases or lockdowns. */
function refuseClosed<T extends { closedOn: string | null }>(cluster: T): T {
  if (cluster.closedOn) {
    throw new AppError(
      409,
      'cluster_closed',
      'Ổ dịch này đã đóng, không thể gắn thêm ca bệnh hay vùng phong tỏa',
    );
  }
  return cluster;
}

/** Puts cases inside the jurisdiction into the cluster; all of them, or none and a 404. */
export async function linkCases(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  caseIds: string[],
) {
  return inTransaction(pool, async (c) => {
    const cluster = refuseClosed(await clusterInScope(c, me, id, 'share'));
    const updated = await query<{ id: string }>(
      c,
      sql`UPDATE cases c SET cluster_id = ${id}
           WHERE c.id = ANY(${sql.param(caseIds)}::uuid[])
             AND ${me.scope.covers(sql`c.unit_code`, sql`c.province_code`)} RETURNING c.id`,
    );
    if (updated.length !== new Set(caseIds).size) {
      throw new AppError(
        404,
        'case_not_found',
        'Có ca bệnh không tìm thấy hoặc ở ngoài địa bàn của bạn',
        'caseIds',
      );
    }
    await recordAudit(c, request, {
      action: 'update',
      entity: 'cluster',
      entityId: id,
      place: placeOf(cluster),
      detail: { caseIds },
    });
    return clusterOut(await clusterInScope(c, me, id));
  });
}

/** A lockdown zone of the cluster, over units inside the jurisdiction. */
export async function addLockdown(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  body: LockdownInput,
) {
  const checked = checkLockdownInput(body);
  if (!checked.ok) throw problemsError(checked.problems);
  const input = checked.value;
  return inTransaction(pool, async (c) => {
    const cluster = refuseClosed(await clusterInScope(c, me, id, 'share'));
    for (const code of input.unitCodes) await me.scope.unitInside(c, code, 'unitCodes');
    const row = await queryOne(
      c,
      sql`INSERT INTO lockdown_zones (cluster_id, province_code, unit_codes, villages, starts_on, ends_on)
          SELECT ${id}, k.province_code, ${sql.param(input.unitCodes)}::text[],
                 ${sql.param(input.villages ?? [])}::text[],
                 ${input.startsOn}, ${input.endsOn ?? null}
            FROM clusters k WHERE k.id = ${cluster.id}
          RETURNING id, unit_codes AS "unitCodes", villages, starts_on AS "startsOn", ends_on AS "endsOn"`,
    );
    await recordAudit(c, request, {
      action: 'create',
      entity: 'lockdown_zone',
      entityId: String(row?.id),
      place: placeOf(cluster),
    });
    return row;
  });
}

/** Closes the cluster when the closing rule allows it on that day; its lockdowns end with it. */
export async function closeCluster(
  pool: Pool,
  me: Principal,
  request: FastifyRequest,
  id: string,
  closedOn: string,
) {
  return inTransaction(pool, async (c) => {
    // Locked: a case joining at the same moment either lands before the close or is refused.
    const cluster = await clusterInScope(c, me, id, 'update');
    if (cluster.closedOn) throw new AppError(409, 'cluster_closed', 'Ổ dịch đã đóng', 'closedOn');
    if (closedOn > todayInVietnam()) {
      throw badInput('Ngày đóng không được ở sau ngày hôm nay', 'closedOn', 'date_future');
    }
    // The rule reads the last case anywhere; a viewer who does not see it is not told its date.
    const lastCaseOn = await lastCaseOfCluster(c, id);
    const hiddenLast = lastCaseOn !== cluster.lastCaseOn;
    if (closedOn < cluster.openedOn || (lastCaseOn && closedOn < lastCaseOn)) {
      throw badInput(
        hiddenLast
          ? 'Ổ dịch còn ca bệnh ở địa bàn khác sau ngày đóng đã chọn'
          : 'Ngày đóng không được trước ngày mở ổ dịch hoặc ngày có ca bệnh cuối cùng',
        'closedOn',
        'closed_too_early',
      );
    }
    const closing = clusterClosing({ lastCaseOn: lastCaseOn ?? cluster.openedOn, today: closedOn });
    if (!closing.canClose) {
      const message = hiddenLast
        ? 'Chưa đủ thời gian theo quy định kể từ ca bệnh cuối cùng của ổ dịch (ở địa bàn khác) để đóng ổ dịch'
        : closing.reasons.join('; ');
      throw new AppError(400, 'cluster_not_closable', message, 'closedOn');
    }
    await c.query('UPDATE clusters SET closed_on = $2 WHERE id = $1', [id, closedOn]);
    await c.query(
      'UPDATE lockdown_zones SET ends_on = $2 WHERE cluster_id = $1 AND (ends_on IS NULL OR ends_on > $2)',
      [id, closedOn],
    );
    await recordAudit(c, request, {
      action: 'close',
      entity: 'cluster',
      entityId: id,
      place: placeOf(cluster),
      detail: { closedOn },
    });
    return clusterOut(await clusterInScope(c, me, id));
  });
}

/** The transmission chain of a cluster inside the jurisdiction. */
export async function clusterChain(pool: Pool, me: Principal, id: string) {
  await clusterInScope(pool, me, id);
  return chainOfCluster(pool, id, me);
}
