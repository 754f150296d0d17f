import type { FastifySchema } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefusal, newPerson, rowCount } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/** Free text has a length limit in its schema: a 400 naming the field, never a 500 or a stored novel. */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387)
const count = (table: string) => rowCount(t.pool, table);

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
});
afterAll(() => t.close());

describe('free text has a length limit', () => {
  it('refuses a 900 KB cluster name and a 2,800-character test ref, naming the field', async () => {
    const officer = await t.as('health_officer', '105');
    const clusters = await count('clusters');
    const name = await officer.post('/api/v1/clusters', {
      name: 'x'.repeat(900 * 1024),
      unitCode: '03387',
      openedOn: '2021-08-10',
    });
    expectRefusal(name, 'invalid_input', 'name');
    expect(JSON.parse(name.body).error.message).toMatch(/dài quá \d+ ký tự/);
    expect(await count('clusters')).toBe(clusters);
    const ref = await station.post('/api/v1/tests', {
      personId: await newPerson(station),
      kind: 'rt_pcr',
      performer: 'health_worker',
      sampledAt: '2021-08-15T08:30:00+07:00',
      result: 'pending',
      externalRef: 'XN-'.repeat(934),
    });
    expectRefusal(ref, 'invalid_input', 'externalRef');
  });
});

/** Formats whose values are short by definition. */
const BOUNDED_FORMATS = new Set(['uuid', 'date', 'date-time', 'time']);

/** A pattern anchored at both ends without an open-ended repetition admits only short strings. */
function boundedPattern(pattern: unknown): boolean {
  return (
    typeof pattern === 'string' &&
    pattern.startsWith('^') &&
    pattern.endsWith('$') &&
    !/[*+]|,\}/.test(pattern)
  );
}

/** The paths inside a JSON schema where a string has no bound or an array no maxItems. */
function unbounded(schema: unknown, path: string): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const s = schema as Record<string, unknown>;
  const found: string[] = [];
  const types = [s.type].flat();
  if (
    types.includes('string') &&
    s.maxLength === undefined &&
    s.enum === undefined &&
    s.const === undefined &&
    !BOUNDED_FORMATS.has(s.format as string) &&
    !boundedPattern(s.pattern)
  ) {
    found.push(`${path}: string without maxLength`);
  }
  if (types.includes('array') && s.maxItems === undefined) found.push(`${path}: array without maxItems`);
  for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
    found.push(...unbounded(child, `${path}.${key}`));
  }
  for (const child of [s.items, s.additionalProperties, s.patternProperties, s.not].flat()) {
    found.push(...unbounded(child, `${path}[]`));
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const child of (s[keyword] ?? []) as unknown[]) found.push(...unbounded(child, path));
  }
  return found;
}

describe('every route bounds what it accepts', () => {
  it('declares a maxLength (or an enum, a format, a bounded pattern) for every string and a maxItems for every array', () => {
    const found: string[] = [];
    for (const route of t.app.routeList.filter((r) => r.url.startsWith('/api/'))) {
      const schema = (route.schema ?? {}) as FastifySchema;
      const name = `${route.method} ${route.url}`;
      // A path parameter without a schema is an unbounded string too.
      if (route.url.includes('/:') && !schema.params) found.push(`${name} params: no schema`);
      for (const part of ['params', 'querystring', 'body'] as const) {
        found.push(...unbounded(schema[part], `${name} ${part}`));
      }
    }
    expect(found).toEqual([]);
  });
});
