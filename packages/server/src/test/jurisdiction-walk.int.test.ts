import type { Role } from '@tuyendau/domain';
import { hasPermission, type Permission } from '@tuyendau/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from './harness.ts';
import { PROBES, type ProbeFixture, UNKNOWN_UNIT, VICTIM_UNIT } from './jurisdiction-probes.ts';

/**
 * Accounts outside the victim's commune: a neighbour commune of the same district, another
 * district, another province (Điện Biên, 11) at province level, an administrator bound to that
 * province, and an account whose unit no longer resolves in the active tree (it must see nothing).
 */
const INTRUDERS: [Role, string][] = [
  ['health_station', '03386'],
  ['community_team', '03386'],
  ['checkpoint', '03386'],
  ['health_officer', '106'],
  ['command_center', '106'],
  ['viewer', '106'],
  ['health_officer', '11'],
  ['command_center', '11'],
  ['admin', '11'],
  ['health_officer', UNKNOWN_UNIT],
];

let t: TestContext;
let fixture: ProbeFixture;
let intruders: { role: Role; unit: string; client: Client }[];
let before: unknown;

const snapshot = async () =>
  (
    await t.pool.query(
      `SELECT (SELECT json_agg(p ORDER BY id) FROM persons p WHERE unit_code = $1) AS persons,
              (SELECT json_agg(h ORDER BY id) FROM households h WHERE unit_code = $1) AS households,
              (SELECT json_agg(c ORDER BY id) FROM cases c WHERE unit_code = $1) AS cases,
              (SELECT json_agg(k ORDER BY id) FROM contacts k WHERE case_unit_code = $1) AS contacts,
              (SELECT json_agg(k ORDER BY id) FROM clusters k WHERE unit_code = $1) AS clusters,
              (SELECT json_agg(z ORDER BY id) FROM lockdown_zones z) AS lockdowns,
              (SELECT json_agg(t ORDER BY id) FROM lab_tests t WHERE unit_code = $1) AS tests,
              (SELECT json_agg(m ORDER BY pool_id, person_id) FROM lab_test_pool_members m WHERE unit_code = $1) AS pools,
              (SELECT json_agg(v ORDER BY id) FROM vaccine_doses v WHERE unit_code = $1) AS doses,
              (SELECT json_agg(r ORDER BY id) FROM person_reviews r WHERE unit_code = $1) AS reviews,
              (SELECT json_agg(m ORDER BY id) FROM person_merges m WHERE unit_code = $1) AS merges,
              (SELECT json_agg(m ORDER BY id) FROM door_marks m WHERE unit_code = $1) AS marks,
              (SELECT json_agg(a ORDER BY username) FROM accounts a WHERE unit_code = $1 OR national) AS accounts,
              (SELECT json_agg(t ORDER BY t.id) FROM api_tokens t
                 JOIN accounts a ON a.id = t.account_id WHERE a.unit_code = $1 OR a.national) AS tokens`,
      [VICTIM_UNIT],
    )
  ).rows[0];

beforeAll(async () => {
  t = await createTestApp();
  const victim = await t.as('health_station', VICTIM_UNIT);
  fixture = { requests: {}, secrets: [] };
  for (const setup of PROBES) {
    const f = await setup({ victim, pool: t.pool, victimAs: (role) => t.as(role, VICTIM_UNIT) });
    Object.assign(fixture.requests, f.requests);
    fixture.secrets.push(...f.secrets);
  }
  intruders = [];
  for (const [role, unit] of INTRUDERS) {
    if (unit !== UNKNOWN_UNIT) {
      intruders.push({ role, unit, client: await t.as(role, unit) });
      continue;
    }
    // An account whose unit stopped resolving after it logged in (a unit tree switched under it).
    const client = await t.as(role, '03386');
    await t.pool.query(
      `UPDATE accounts SET unit_code = $1 WHERE username = (
      SELECT username FROM accounts WHERE unit_code = '03386' ORDER BY created_at DESC LIMIT 1)`,
      [UNKNOWN_UNIT],
    );
    await t.pool.query(`SELECT pg_notify('tuyendau_principals', 'all')`);
    intruders.push({ role, unit, client });
  }
  before = await snapshot();
});
afterAll(() => t.close());

function urlOf(pattern: string, params: Record<string, string> = {}, query?: string): string {
  const url = pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`${pattern}: the probe gives no value for :${name}`);
    return encodeURIComponent(value);
  });
  return query ? `${url}?${query}` : url;
}

describe('jurisdiction: every API route, called from outside the victim commune', () => {
  it('has a probe for every route, those marked jurisdiction: none included', () => {
    const missing = t.app.routeList
      .filter((r) => r.url.startsWith('/api/v1') && r.config.access !== 'public')
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !fixture.requests[key]);
    expect(missing, 'add these routes to PROBES in jurisdiction-probes.ts').toEqual([]);
  });

  it('refuses every call of an account whose unit does not resolve, saying why', async () => {
    const lost = intruders.find((i) => i.unit === UNKNOWN_UNIT)!.client;
    const res = await lost.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'jurisdiction_unresolved' });
    expect(res.json().error.message).toContain(UNKNOWN_UNIT);
  });

  it('leaks nothing and changes nothing', async () => {
    const leaks: string[] = [];
    let checked = 0;
    for (const route of t.app.routeList.filter((r) => r.url.startsWith('/api/'))) {
      const key = `${route.method} ${route.url}`;
      const probe = fixture.requests[key] ?? {};
      const access = route.config.access as string;
      const scoped = access !== 'public' && route.config.jurisdiction !== 'none';
      for (const { role, unit, client } of intruders) {
        if (!['public', 'authenticated'].includes(access) && !hasPermission(role, access as Permission))
          continue;
        if (key === 'POST /api/v1/auth/logout') continue; // would end the intruder's own session
        const url = urlOf(route.url, probe.params, probe.query);
        const res = await client.request({
          method: route.method,
          url,
          payload: probe.body as object,
          headers: probe.headers,
        });
        checked++;
        const who = `${role}@${unit} ${key}`;
        const text = probe.decode && res.statusCode < 300 ? await probe.decode(res.rawPayload) : res.body;
        const found = fixture.secrets.filter((s) => text.toLowerCase().includes(s.toLowerCase()));
        if (found.length) leaks.push(`${who} → ${res.statusCode} shows ${found.join(', ')}`);
        const targetsRecord = /:\w+/.test(route.url) || route.method !== 'GET';
        const refused = res.statusCode >= 300 || probe.refusedIn?.(res.body) === true;
        if (scoped && targetsRecord && !refused) leaks.push(`${who} → ${res.statusCode}: not refused`);
        if (unit === UNKNOWN_UNIT && access !== 'public' && res.statusCode !== 403)
          leaks.push(`${who} → ${res.statusCode}: not refused`);
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(INTRUDERS.length * 3);
    expect(await snapshot()).toEqual(before);
  });

  it('still serves the victim commune itself', async () => {
    const own = await t.as('health_station', VICTIM_UNIT);
    const res = await own.get(
      urlOf('/api/v1/persons/:id', fixture.requests['GET /api/v1/persons/:id'].params),
    );
    expect(res.statusCode).toBe(200);
  });
});
