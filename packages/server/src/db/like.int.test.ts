import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCase } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/** Search text is matched literally: LIKE's wildcards typed by a user are characters. */
let t: TestContext;
let admin: Client; // national

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin', null);
  await newCase(await t.as('health_station', '03387'));
});
afterAll(() => t.close());

describe('% _ and \\ in search text are literal', () => {
  it('matches them as characters in persons, cases, units and accounts search', async () => {
    // ％ (fullwidth) is folded into % by unaccent(): it must stay literal too.
    for (const q of ['%25', '_', '%5C', '%EF%BC%85', '%EF%BC%BF']) {
      for (const url of ['/api/v1/persons', '/api/v1/cases', '/api/v1/units', '/api/v1/users']) {
        const res = await admin.get(`${url}?q=${q}`);
        expect(res.statusCode, `${url}?q=${q}: ${res.body}`).toBe(200);
        expect(res.json().items, `${url}?q=${q}`).toEqual([]);
      }
    }
    // Province-wide search probes the name index then the trigram index: both take % literally.
    const province = await t.as('health_officer', '12');
    expect((await province.get('/api/v1/persons?q=v%25n')).json().items).toEqual([]);
    expect((await province.get('/api/v1/persons?q=v_n')).json().items).toEqual([]);
    expect((await province.get('/api/v1/persons?q=van')).json().items.length).toBeGreaterThan(0);
  });
});
