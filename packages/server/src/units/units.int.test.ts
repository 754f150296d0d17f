import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

let t: TestContext;
let c: Client;
beforeAll(async () => {
  t = await createTestApp();
  c = await t.as('health_station', '03387');
});
afterAll(() => t.close());

describe('administrative units', () => {
  it('holds the whole 2021 GSO tree with 2019 census populations, and the 2025 tree beside it', async () => {
    const { rows } = await t.pool.query(
      `SELECT tree, level, count(*)::int AS n, sum(population)::bigint AS population FROM units
        GROUP BY tree, level ORDER BY tree, level`,
    );
    expect(rows).toEqual([
      // The island districts without communes (Bạch Long Vĩ, Cồn Cỏ, Côn Đảo...) count at district level.
      { tree: '2021', level: 'commune', n: 10599, population: 96208984 - 28348 },
      { tree: '2021', level: 'district', n: 705, population: 96208984 },
      { tree: '2021', level: 'province', n: 63, population: 96208984 },
      { tree: '2025', level: 'commune', n: 3321, population: expect.any(Number) },
      { tree: '2025', level: 'province', n: 34, population: expect.any(Number) },
    ]);
  });

  it('keeps the island districts without communes as the smallest unit of their people', async () => {
    const { rows } = await t.pool.query(
      `SELECT code, population FROM units d WHERE tree = '2021' AND level = 'district'
          AND NOT EXISTS (SELECT 1 FROM units c WHERE c.tree = '2021' AND c.parent_code = d.code) ORDER BY code`,
    );
    expect(rows.map((r) => r.code)).toEqual(['318', '471', '498', '536', '755']);
    // One less than the gap above: shared census communes were rounded to whole people (PROVENANCE.md).
    expect(rows.reduce((sum, r) => sum + r.population, 0)).toBe(28347);
  });

  it('searches without diacritics: "dien bien" finds Tỉnh Điện Biên first', async () => {
    const res = (await c.get('/api/v1/units?q=dien%20bien')).json();
    expect(res.items[0]).toMatchObject({
      code: '11',
      name: 'Tỉnh Điện Biên',
      level: 'province',
      population: 598856,
    });
    expect(res.items.map((u: { name: string }) => u.name)).toContain('Huyện Điện Biên Đông');
  });

  it('filters by parent and level and pages through them', async () => {
    const first = (await c.get('/api/v1/units?parent=12&limit=5')).json();
    expect(first.items).toHaveLength(5);
    const rest = (await c.get(`/api/v1/units?parent=12&limit=5&cursor=${first.next}`)).json();
    expect(rest.items).toHaveLength(3);
    expect(rest.next).toBeUndefined();
    const communes = (await c.get('/api/v1/units?level=commune&q=tan%20phong&limit=200')).json().items;
    expect(communes.every((u: { level: string }) => u.level === 'commune')).toBe(true);
    expect(communes.map((u: { code: string }) => u.code)).toContain('03387');
  });

  it('shows a unit with its children and ancestors', async () => {
    const u = (await c.get('/api/v1/units/105')).json();
    expect(u).toMatchObject({
      code: '105',
      name: 'Thành phố Lai Châu',
      population: 43771,
      parentCode: '12',
      validFrom: '2021-11-01',
      validTo: '2025-06-30',
    });
    expect(u.ancestors.map((a: { code: string }) => a.code)).toEqual(['12']);
    expect(u.children.map((a: { code: string }) => a.code)).toEqual([
      '03386',
      '03387',
      '03388',
      '03389',
      '03403',
      '03408',
      '03409',
    ]);
    const commune = (await c.get('/api/v1/units/03387')).json();
    expect(commune.ancestors.map((a: { code: string }) => a.code)).toEqual(['12', '105']);
  });

  it('answers 404 for an unknown code', async () => {
    const res = await c.get('/api/v1/units/99999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
