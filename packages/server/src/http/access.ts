import type { Permission } from '@tuyendau/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  CSRF_COOKIE,
  type Principal,
  principalFromSession,
  principalFromToken,
  SESSION_COOKIE,
} from '../auth/principal.ts';
import type { Pool } from '../db/pool.ts';
import { AppError, forbidden } from './errors.ts';

/**
 * What a route needs: 'public' (no account), 'authenticated' (any account), or a permission.
 * `jurisdiction: 'none'` marks routes whose data belong to no place (reference data, the
 * caller's own account), so the cross-jurisdiction walk knows not to expect a refusal there.
 */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    jurisdiction?: 'none';
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The principal of an authenticated route (the access hook has already refused anonymous calls). */
export function principal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError(401, 'unauthenticated', 'Bạn cần đăng nhập');
  return request.principal;
}

/** Every API route declares its access; one hook enforces it for all of them. */
export function registerAccessControl(app: FastifyInstance, pool: Pool): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    }
  });
  // preValidation: after the body is parsed, before it is validated, so anonymous or forged requests learn nothing.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      request.principal = await principalFromToken(pool, auth.slice(7).trim());
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const p = await principalFromSession(pool, cookie);
        if (p && UNSAFE.has(request.method)) {
          const header = request.headers['x-csrf-token'];
          if (!header || header !== p.csrfToken || header !== request.cookies[CSRF_COOKIE]) {
            throw new AppError(403, 'csrf', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (x-csrf-token)');
          }
        }
        request.principal = p;
      }
    }
    if (!request.principal) throw new AppError(401, 'unauthenticated', 'Bạn cần đăng nhập');
    if (access !== 'authenticated' && !request.principal.permissions.includes(access)) throw forbidden();
  });
  // What an account may see, or a response that signs one in, is never kept by a browser or proxy cache.
  app.addHook('onSend', async (request, reply, payload) => {
    const access = request.routeOptions.config?.access;
    if ((access && access !== 'public') || reply.hasHeader('set-cookie')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
