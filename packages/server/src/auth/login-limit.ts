import type { CreateRateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../http/errors.ts';

/** The name an account is looked up by: what the login form sent, trimmed and lower-cased. */
export function loginName(username: string): string {
  return username.trim().toLowerCase();
}

/** Attempts one address may make per minute, whatever the usernames, unless configured. */
export function loginAddressLimit(config: Config): number {
  return config.loginAddressRateLimit ?? config.loginRateLimit * 5;
}

/**
 * The two budgets of login attempts per minute: one per account name, so padding or re-casing
 * the name, or changing address, gives no fresh budget; and a larger one per client address
 * (the proxy's client only when TRUST_PROXY names the proxy), so one address cannot try a few
 * passwords on many names. Runs after the body is parsed.
 */
export function loginRateLimit(app: FastifyInstance, config: Config): preHandlerAsyncHookHandler {
  const byName = app.createRateLimit({
    max: config.loginRateLimit,
    timeWindow: '1 minute',
    // Many names tried at once must not push the attacked one out of the store.
    cache: 50_000,
    keyGenerator: (req: FastifyRequest) =>
      `name|${loginName(String((req.body as { username?: unknown })?.username ?? ''))}`,
  } as CreateRateLimitOptions);
  const byAddress = app.createRateLimit({
    max: loginAddressLimit(config),
    timeWindow: '1 minute',
    keyGenerator: (req: FastifyRequest) => `address|${req.ip}`,
  });
  return async (request, reply) => {
    // Both budgets count every attempt.
    const limits = [await byName(request), await byAddress(request)];
    const exceeded = limits.find((l) => !l.isAllowed && l.isExceeded);
    if (exceeded && !exceeded.isAllowed) {
      reply.header('retry-after', exceeded.ttlInSeconds);
      throw new AppError(429, 'rate_limited', 'Bạn thử quá nhiều lần, vui lòng đợi một phút rồi thử lại');
    }
  };
}
