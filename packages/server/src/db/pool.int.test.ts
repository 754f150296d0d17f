import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/harness.ts';
import { connectClient } from './pool.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

// 06:30 in Vietnam on 1 August is still 31 July in UTC.
const SAMPLE_ON_EXPOSURE_DAY = `SELECT '2021-08-01 06:30+07'::timestamptz >= '2021-08-01'::date AS same_day,
  '2021-08-01 06:30+07'::timestamptz::date AS day, current_setting('TimeZone') AS zone`;

describe('every connection', () => {
  it('reads a date against a timestamp as a day in Vietnam, in the app pool and the owner pool', async () => {
    for (const pool of [db.pool, db.ownerPool]) {
      const { rows } = await pool.query(SAMPLE_ON_EXPOSURE_DAY);
      expect(rows).toEqual([{ same_day: true, day: '2021-08-01', zone: 'Asia/Ho_Chi_Minh' }]);
    }
  });

  it('does so in single connections too', async () => {
    const c = await connectClient(inject('pgAdminUrl'));
    try {
      expect((await c.query(SAMPLE_ON_EXPOSURE_DAY)).rows[0].zone).toBe('Asia/Ho_Chi_Minh');
    } finally {
      await c.end();
    }
  });
});
