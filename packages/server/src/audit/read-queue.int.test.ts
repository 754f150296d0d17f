import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';
import { READ_FLUSH_MS } from './audit.ts';

/** Reads are audited without a commit each: queued, written in one statement within READ_FLUSH_MS. */
let t: TestContext;
let station: Client;

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
});
afterAll(() => t.close());

const reads = async (id: string) =>
  (
    await t.pool.query(
      `SELECT count(*)::int AS n, min(province_code) AS province, min(unit_code) AS unit FROM audit_events
        WHERE action = 'read' AND entity = 'person' AND entity_id = $1`,
      [id],
    )
  ).rows[0];

describe('the audit of reads', () => {
  it('writes every read, with its place, within the flush interval', async () => {
    const person = (
      await station.post('/api/v1/persons', {
        fullName: 'Lò Văn Đọc',
        birthDate: '1980-01-01',
        sex: 'male',
        unitCode: '03387',
      })
    ).json();
    await Promise.all(Array.from({ length: 20 }, () => station.get(`/api/v1/persons/${person.id}`)));
    await new Promise((r) => setTimeout(r, READ_FLUSH_MS * 3));
    expect(await reads(person.id)).toEqual({ n: 20, province: '12', unit: '03387' });
  });

  it('writes what is queued when the app closes', async () => {
    const other = await createTestApp();
    const client = await other.as('health_station', '03387');
    const person = (
      await client.post('/api/v1/persons', {
        fullName: 'Lò Thị Đóng',
        birthDate: '1981-01-01',
        sex: 'female',
        unitCode: '03387',
      })
    ).json();
    await client.get(`/api/v1/persons/${person.id}`);
    await other.app.close();
    const { rows } = await other.pool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'read' AND entity_id = $1`,
      [person.id],
    );
    expect(rows[0].n).toBe(1);
    await other.close().catch(() => {});
  });
});
