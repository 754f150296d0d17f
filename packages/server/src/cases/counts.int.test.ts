import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefusal, newCase } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/** A request asks for a bounded number of periods, and dates PostgreSQL can hold. */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387)

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  await newCase(station);
});
afterAll(() => t.close());

describe('date ranges are capped', () => {
  it('refuses more days than a chart shows, naming from and the cap', async () => {
    const res = await station.get('/api/v1/cases/counts?period=day&from=1000-01-01');
    expectRefusal(res, 'too_many_periods', 'from');
    expect(JSON.parse(res.body).error.message).toMatch(/400 ngày/);
    expectRefusal(
      await station.get('/api/v1/cases/counts?period=week&from=2000-01-01&to=2021-12-31'),
      'too_many_periods',
      'from',
    );
    expectRefusal(
      await station.get('/api/v1/cases/counts?period=month&from=1900-01-01&to=2021-12-31'),
      'too_many_periods',
      'from',
    );
  });

  it('answers a range within the cap, and without from shows the latest periods only', async () => {
    const year = await station.get('/api/v1/cases/counts?period=day&from=2021-01-01&to=2022-01-31');
    expect(year.statusCode, year.body).toBe(200);
    expect(year.json().items).toHaveLength(396);
    const latest = await station.get('/api/v1/cases/counts?period=day&to=2030-01-01');
    expect(latest.statusCode, latest.body).toBe(200);
    expect(latest.json().items).toHaveLength(400);
    expect(latest.json().items.at(-1).period).toBe('2030-01-01');
  });

  it('refuses a date PostgreSQL cannot hold, naming the field', async () => {
    expectRefusal(await station.get('/api/v1/cases/counts?from=0000-01-01'), 'invalid_input', 'from');
    expectRefusal(await station.get('/api/v1/cases?to=0000-12-31'), 'invalid_input', 'to');
    expectRefusal(await station.get('/api/v1/tests?from=0000-01-01'), 'invalid_input', 'from');
    const move = await station.post('/api/v1/persons/00000000-0000-4000-8000-000000000000/move', {
      unitCode: '03387',
      movedOn: '0000-01-01',
    });
    expectRefusal(move, 'invalid_input', 'movedOn');
  });
});
