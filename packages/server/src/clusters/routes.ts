import { ClusterInput, LockdownInput } from '@tuyendau/domain';
import { Type } from 'typebox';
import { principal } from '../http/access.ts';
import type { Capability } from '../http/capability.ts';
import { DEFAULT_LIMIT, PageQuery } from '../http/pagination.ts';
import { DateString } from '../http/time.ts';
import {
  addLockdown,
  closeCluster,
  clusterChain,
  clusterDetail,
  createCluster,
  linkCases,
  listClusters,
} from './service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const clusterRoutes: Capability = async (app, { pool }) => {
  app.post(
    '/clusters',
    { config: { access: 'cluster.write' }, schema: { tags: ['clusters'], body: ClusterInput } },
    async (request, reply) => {
      const cluster = await createCluster(pool, principal(request), request, request.body as ClusterInput);
      return reply.code(201).send(cluster);
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
          /** Open on this day: opened on or before it, not closed by then. */
          openOn: Type.Optional(DateString()),
          ...PageQuery,
        }),
      },
    },
    async (request) => {
      const { limit = DEFAULT_LIMIT, ...q } = request.query as {
        unit?: string;
        status?: string;
        openOn?: string;
        cursor?: string;
        limit?: number;
      };
      return listClusters(pool, principal(request), { ...q, limit });
    },
  );

  app.get(
    '/clusters/:id',
    { config: { access: 'case.read' }, schema: { tags: ['clusters'], params: IdParams } },
    async (request) => {
      const { id } = request.params as { id: string };
      return clusterDetail(pool, principal(request), id);
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
      const { id } = request.params as { id: string };
      const { caseIds } = request.body as { caseIds: string[] };
      return linkCases(pool, principal(request), request, id, caseIds);
    },
  );

  app.post(
    '/clusters/:id/lockdowns',
    {
      config: { access: 'cluster.write' },
      schema: { tags: ['clusters'], params: IdParams, body: LockdownInput },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const zone = await addLockdown(pool, principal(request), request, id, request.body as LockdownInput);
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
        body: Type.Object({ closedOn: DateString() }),
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const { closedOn } = request.body as { closedOn: string };
      return closeCluster(pool, principal(request), request, id, closedOn);
    },
  );

  app.get(
    '/clusters/:id/chain',
    { config: { access: 'case.read' }, schema: { tags: ['clusters'], params: IdParams } },
    async (request) => {
      const { id } = request.params as { id: string };
      return clusterChain(pool, principal(request), id);
    },
  );
};
