import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.ts';
import type { Pool } from '../db/pool.ts';

export interface CapabilityOptions {
  pool: Pool;
  config: Config;
}

/** A capability is a Fastify plugin that registers its routes under the API prefix. */
export type Capability = FastifyPluginAsync<CapabilityOptions>;
