import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the repository's root is, so relative defaults work from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SERVER_ROOT = path.join(REPO_ROOT, 'packages/server');

/** The password of the demo accounts, published in the README; used only while the demo is on. */
export const DEMO_PASSWORD = 'tuyendau-demo';

/**
 * Which proxies may say who the client is (X-Forwarded-For), as Fastify's `trustProxy` takes it:
 * false (nobody: the client is the TCP peer), a hop count, or addresses and CIDR ranges.
 */
export type TrustProxy = false | number | string[];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /**
   * Password of `admin` and of the demo accounts when they are created. Unset (DEMO=off without
   * SEED_PASSWORD): `admin` gets a random password, printed once.
   */
  seedPassword?: string;
  demo: boolean;
  /** Login attempts allowed per minute for one username (trimmed, lower-cased), from anywhere. */
  loginRateLimit: number;
  /** Login attempts allowed per minute from one client address; five times loginRateLimit when unset. */
  loginAddressRateLimit?: number;
  /** Sets the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  trustProxy: TrustProxy;
  /**
   * The address people reach the app at (https://tuyendau.laichau.gov.vn), for links printed on
   * paper (the QR of a recovery certificate). Unset: the address the request came to.
   */
  publicBaseUrl?: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = (env.DEMO ?? 'on').toLowerCase() !== 'off';
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(REPO_ROOT, env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    seedPassword: env.SEED_PASSWORD || (demo ? DEMO_PASSWORD : undefined),
    demo,
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 10),
    loginAddressRateLimit: env.LOGIN_ADDRESS_RATE_LIMIT ? Number(env.LOGIN_ADDRESS_RATE_LIMIT) : undefined,
    secureCookies: env.SECURE_COOKIES === 'on',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicBaseUrl: parsePublicBaseUrl(env.PUBLIC_BASE_URL),
  };
}

/** PUBLIC_BASE_URL: an http(s) address without a trailing slash; anything else stops the start. */
function parsePublicBaseUrl(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_BASE_URL: "${value}" is not an address (https://…)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PUBLIC_BASE_URL: "${value}" must start with https:// or http://`);
  }
  return value.replace(/\/+$/, '');
}

// The names proxy-addr (Fastify's trustProxy) knows for private ranges.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset or empty trusts nobody; a whole number is how many proxies stand in front;
 * otherwise a comma-separated list of proxy addresses or CIDR ranges. Trusting every peer
 * (`true`, `*`) would let any client choose its address, so it is refused.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (!text) return false;
  if (/^\d+$/.test(text)) return Number(text) > 0 ? Number(text) : false;
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const validBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!(RANGE_NAMES.has(entry) || (family && validBits && !rest.length))) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not a proxy address, a CIDR range or a number of proxies` +
          (/^(true|\*)$/i.test(entry) ? ' (trusting every client would let anyone choose its address)' : ''),
      );
    }
  }
  return entries;
}

/** TRUST_PROXY as Fastify's `trustProxy` option takes it (its types know no hop count). */
export function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
