import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the repository's root is, so relative defaults work from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SERVER_ROOT = path.join(REPO_ROOT, 'packages/server');

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  seedPassword: string;
  demo: boolean;
  /** Login attempts allowed per minute for one address and username. */
  loginRateLimit: number;
  /** Sets the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(REPO_ROOT, env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    seedPassword: env.SEED_PASSWORD || 'tuyendau-demo',
    demo: (env.DEMO ?? 'on').toLowerCase() !== 'off',
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 10),
    secureCookies: env.SECURE_COOKIES === 'on',
  };
}
