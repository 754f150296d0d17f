import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from './pool.ts';

/** Streams CSV text into `COPY table (columns) FROM STDIN` — PostgreSQL parses it, not Node. */
export async function copyCsv(
  client: PoolClient,
  table: string,
  columns: string[],
  source: Readable | string,
  opts: { header?: boolean } = {},
): Promise<void> {
  const input = typeof source === 'string' ? createReadStream(source) : source;
  const header = (opts.header ?? true) ? ', HEADER true' : '';
  const stream = client.query(
    copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv${header})`),
  );
  await pipeline(input, stream);
}
