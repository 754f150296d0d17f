import {
  ClusterInput,
  checkClusterInput,
  checkLockdownInput,
  clusterClosing,
  LockdownInput,
} from '@tuyendau/domain';
import { Type } from 'typebox';
import { recordAudit } from '../audit/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { ACTIVE_TREE, Scope } from '../auth/scope.ts';
import { inTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { query, queryOne, type SQL, sql } from '../db/sql.ts';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { AppError, badInput, notFound, problemsError } from '../http/errors.ts';
import { DEFAULT_LIMIT, decodeCursor, PageQuery, pageOf } from '../http/pagination.ts';
import { todayInVietnam } from '../http/time.ts';
import { asJurisdiction } from '../persons/queries.ts';
import { chainOfCluster } from './chain.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

interface ClusterRow {
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

function clusterOut(row: ClusterRow) {
  return {
    ...row,
    closing: row.closedOn
      ? null
      : clusterClosing({ lastCaseOn: row.lastCaseOn ?? row.openedOn, today: todayInVietnam() }),
  };
}

async function clusterInScope(db: Pool | PoolClient, me: Principal, id: string): Promise<ClusterRow> {
  const row = await queryOne<ClusterRow>(
    db,
    sql`${CLUSTER_SELECT} WHERE k.id = ${id} AND ${clustersInScope(me)}`,
  );
  if (!row) throw notFound('Không tìm thấy ổ dịch này hoặc ổ dịch ở ngoài địa bàn của bạn');
  return row;
}

export const clusterRoutes: Capability = async (app, { pool }) => {
  app.post(
    '/clusters',
    { config: { access: 'cluster.write' }, schema: { tags: ['clusters'], body: ClusterInput } },
    async (request, reply) => {
      const me = principal(request);
      const checked = checkClusterInput(request.body as ClusterInput, todayInVietnam());
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
        await recordAudit(c, request, { action: 'create', entity: 'cluster', entityId: created!.id });
        return clusterInScope(c, me, created!.id);
      });
      return reply.code(201).send(clusterOut(row));
    },
  );

  app.get(
    '/clusters',
    {
      config: { access: 'case.read' },
      schema: {
        tags: ['clusters'],
        querystring: Type.Object({
          unit: Type.Optional(Type.String({ maxLength: 10 })),
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
          ...PageQuery,
        }),
      },
    },
    async (request) => {
      const me = principal(request);
      const q = request.query as { unit?: string; status?: string; cursor?: string; limit?: number };
      const limit = q.limit ?? DEFAULT_LIMIT;
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
        sql`${CLUSTER_SELECT} WHERE ${sql.join(where, sql` AND `)} ORDER BY k.opened_on DESC, k.id DESC LIMIT ${limit + 1}`,
      );
      const page = pageOf(rows, limit, (r) => [r.openedOn, r.id]);
      return { items: page.items.map(clusterOut), next: page.next };
    },
  );

  app.get(
    '/clusters/:id',
    { config: { access: 'case.read' }, schema: { tags: ['clusters'], params: IdParams } },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const row = await clusterInScope(pool, me, id);
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
      return { ...clusterOut(row), lockdowns, curve, tracing };
    },
  );

  app.post(
    '/clusters/:id/cases',
    {
      config: { access: 'case.write' },
      schema: {
        tags: ['clusters'],
        params: IdParams,
        body: Type.Object({
          caseIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 500 }),
        }),
      },
    },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const { caseIds } = request.body as { caseIds: string[] };
      return inTransaction(pool, async (c) => {
        await clusterInScope(c, me, id);
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
          detail: { caseIds },
        });
        return clusterOut(await clusterInScope(c, me, id));
      });
    },
  );

  app.post(
    '/clusters/:id/lockdowns',
    {
      config: { access: 'cluster.write' },
      schema: { tags: ['clusters'], params: IdParams, body: LockdownInput },
    },
    async (request, reply) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const checked = checkLockdownInput(request.body as LockdownInput);
      if (!checked.ok) throw problemsError(checked.problems);
      const input = checked.value;
      const zone = await inTransaction(pool, async (c) => {
        const cluster = await clusterInScope(c, me, id);
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
        });
        return row;
      });
      return reply.code(201).send(zone);
    },
  );

  app.post(
    '/clusters/:id/close',
    {
      config: { access: 'cluster.write' },
      schema: {
        tags: ['clusters'],
        params: IdParams,
        body: Type.Object({ closedOn: Type.String({ format: 'date' }) }),
      },
    },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      const { closedOn } = request.body as { closedOn: string };
      return inTransaction(pool, async (c) => {
        const cluster = await clusterInScope(c, me, id);
        if (cluster.closedOn) throw badInput('Ổ dịch đã đóng', 'closedOn', 'cluster_closed');
        if (closedOn > todayInVietnam()) {
          throw badInput('Ngày đóng không được ở sau ngày hôm nay', 'closedOn', 'date_future');
        }
        if (closedOn < cluster.openedOn || (cluster.lastCaseOn && closedOn < cluster.lastCaseOn)) {
          throw badInput(
            'Ngày đóng không được trước ngày mở ổ dịch hoặc ngày có ca bệnh cuối cùng',
            'closedOn',
            'closed_too_early',
          );
        }
        const closing = clusterClosing({
          lastCaseOn: cluster.lastCaseOn ?? cluster.openedOn,
          today: closedOn,
        });
        if (!closing.canClose) {
          throw new AppError(400, 'cluster_not_closable', closing.reasons.join('; '), 'closedOn');
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
          detail: { closedOn },
        });
        return clusterOut(await clusterInScope(c, me, id));
      });
    },
  );

  app.get(
    '/clusters/:id/chain',
    { config: { access: 'case.read' }, schema: { tags: ['clusters'], params: IdParams } },
    async (request) => {
      const me = principal(request);
      const { id } = request.params as { id: string };
      await clusterInScope(pool, me, id);
      return chainOfCluster(pool, id, me);
    },
  );
};
