import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import { accountRoutes } from './accounts/routes.ts';
import { flushReads } from './audit/audit.ts';
import { auditRoutes } from './audit/routes.ts';
import { stopPrincipalCache } from './auth/principal-cache.ts';
import { authRoutes } from './auth/routes.ts';
import { alertRoutes } from './care/alerts/routes.ts';
import { certificateRoutes } from './care/certificates/routes.ts';
import { episodeRoutes } from './care/episodes/routes.ts';
import { facilityRoutes } from './care/facilities/routes.ts';
import { hotlineRoutes } from './care/hotline/routes.ts';
import { monitoringRoutes } from './care/monitoring/routes.ts';
import { careTierRoutes } from './care-tiers/routes.ts';
import { caseImportRoutes, caseRoutes } from './cases/routes.ts';
import { clusterRoutes } from './clusters/routes.ts';
import { type Config, fastifyTrustProxy, REPO_ROOT } from './config.ts';
import { contactRoutes } from './contacts/routes.ts';
import type { Pool } from './db/pool.ts';
import { registerAccessControl } from './http/access.ts';
import { setErrorHandling } from './http/error-handler.ts';
import { AppError } from './http/errors.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { refuseNulBytes } from './http/nul-bytes.ts';
import { labTestRoutes } from './lab-tests/routes.ts';
import { personRoutes } from './persons/routes.ts';
import { situationRoutes } from './situation/routes.ts';
import { unitRoutes } from './units/routes.ts';
import { backlogRoutes } from './vaccination/backlog/routes.ts';
import { cleaningRoutes } from './vaccination/cleaning/routes.ts';
import { coverageRoutes } from './vaccination/coverage/routes.ts';
import { doorRoutes } from './vaccination/door/routes.ts';
import { doseRoutes } from './vaccination/doses/routes.ts';
import { vaccinationImportRoutes } from './vaccination/import/routes.ts';
import { targetRoutes } from './vaccination/targets/routes.ts';

export const WEB_DIST = path.join(REPO_ROOT, 'packages/web/dist');

export interface AppOptions {
  pool: Pool;
  config: Config;
  logger?: boolean;
  /** Folder of the built web app to serve at /; defaults to packages/web/dist when it exists. */
  webDist?: string | null;
}

/** The capabilities, each a Fastify plugin under /api/v1. Later capabilities add theirs here. */
const CAPABILITIES = [
  authRoutes,
  accountRoutes,
  unitRoutes,
  personRoutes,
  auditRoutes,
  careTierRoutes,
  caseRoutes,
  contactRoutes,
  clusterRoutes,
  labTestRoutes,
  caseImportRoutes,
  situationRoutes,
  coverageRoutes,
  targetRoutes,
  doseRoutes,
  doorRoutes,
  vaccinationImportRoutes,
  backlogRoutes,
  cleaningRoutes,
  monitoringRoutes,
  alertRoutes,
  hotlineRoutes,
  certificateRoutes,
  facilityRoutes,
  episodeRoutes,
];

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    // Only a configured proxy may say who the client is (TRUST_PROXY); else the TCP peer is.
    trustProxy: fastifyTrustProxy(opts.config.trustProxy),
    ajv: { customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: true } },
  });
  const routes: FastifyInstance['routeList'] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD')
        routes.push({
          method,
          url: r.url,
          config: (r.config ?? {}) as Record<string, unknown>,
          schema: r.schema,
        });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        // Served over plain HTTP inside provincial networks as often as behind HTTPS.
        upgradeInsecureRequests: opts.config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: opts.config.secureCookies,
  });
  await app.register(cookie);
  // The login limits (auth/login-limit.ts) read the parsed body, so they run after parsing.
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tuyến Đầu API',
        version: '1',
        description: 'API của hệ thống chỉ huy phòng, chống dịch',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'td_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  setErrorHandling(app);
  // Before access control: a NUL byte is refused on public routes too, before the database is asked.
  refuseNulBytes(app);
  registerAccessControl(app, opts.pool);
  // After access control: a key belongs to the signed-in account.
  registerIdempotency(app, opts.pool);
  app.addHook('onClose', async () => {
    await flushReads(opts.pool);
    await stopPrincipalCache(opts.pool);
  });

  app.get('/api/health', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    await opts.pool.query('SELECT 1 FROM drizzle.__drizzle_migrations LIMIT 1').catch(() => {
      throw new AppError(503, 'unavailable', 'Cơ sở dữ liệu chưa sẵn sàng');
    });
    return reply.send({ status: 'ok' });
  });

  for (const capability of CAPABILITIES) {
    await app.register(capability, { prefix: '/api/v1', pool: opts.pool, config: opts.config });
  }

  const webDist = opts.webDist === undefined ? WEB_DIST : opts.webDist;
  if (webDist && existsSync(path.join(webDist, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuild of the web app is served at once.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: 'index.html',
      // The build writes .br and .gz copies (packages/web/scripts/compress.mjs): sent as the browser accepts.
      preCompressed: true,
      // Our own Cache-Control below (the plugin's default would send max-age=0 after it).
      cacheControl: false,
      // Built assets carry a content hash in their name; the page itself must always be fresh.
      setHeaders: (res, file) =>
        res.setHeader(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: { code: 'not_found', message: 'Không có đường dẫn này' } });
    });
  } else {
    app.setNotFoundHandler((_request, reply) =>
      reply.code(404).send({ error: { code: 'not_found', message: 'Không có đường dẫn này' } }),
    );
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, with its schema (the bounds test reads it). */
    routeList: { method: string; url: string; config: Record<string, unknown>; schema?: FastifySchema }[];
  }
}
