/**
 * The ceiling the app is measured against: a bare Fastify route reading one person by id with
 * `pg`, nothing else (no session, scope, audit or schema). Started as a child process by
 * bench/load.ts with DATABASE_URL and PORT.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

app.get('/person/:id', async (request) => {
  const { rows } = await pool.query('SELECT * FROM persons WHERE id = $1', [
    (request.params as { id: string }).id,
  ]);
  return rows[0] ?? null;
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
