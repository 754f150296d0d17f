import { AGE_GROUPS, inAgeGroup } from '@tuyendau/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from '../db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../test/harness.ts';
import { unitDirectory } from '../units/directory.ts';
import { type CoverageRow, coverage, yearsBefore } from './coverage.ts';

/**
 * Coverage against hand-computed figures (issue 9: the 18th birthday on the as-of day, a person who
 * moved, a merged duplicate, a deceased person, a dose after the as-of day), then against a brute
 * force count over random people after every kind of write the triggers must follow.
 * Phường Tân Phong 03387 is in TP Lai Châu (105); Thị trấn Tam Đường 03390 in Huyện Tam Đường (106).
 */
let db: TestDatabase;
let pool: Pool;

interface P {
  name: string;
  unit: string;
  birth: string;
  doses?: [number, string, string?][]; // dose number, given on, review status
  deceased?: string;
  left?: string;
}

const ids: Record<string, string> = {};

async function addPerson(p: P): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex, deceased_on, left_on)
     VALUES ('12', $1, $2, lower($2), $3, 'male', $4, $5) RETURNING id`,
    [p.unit, p.name, p.birth, p.deceased ?? null, p.left ?? null],
  );
  const id = rows[0].id;
  for (const [n, on, review] of p.doses ?? []) await addDose(id, p.unit, n, on, review);
  ids[p.name] = id;
  return id;
}

async function addDose(personId: string, unit: string, n: number, on: string, review = 'none') {
  await pool.query(
    `INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, given_on, review_status, source)
     VALUES ('12', $1, $2, $3, $4, 'pfizer', $5, $6, 'entry')`,
    [personId, unit, n, n > 2 ? 'booster' : 'primary', on, review],
  );
}

function pick(rows: CoverageRow[], unit: string, group: string, dose: number) {
  const r = rows.find((x) => x.unitCode === unit && x.ageGroup === group && x.dose === dose);
  if (!r) throw new Error(`no row ${unit} ${group} ${dose}`);
  return [r.vaccinated, r.population];
}

async function cov(unit: string, asOf: string) {
  return coverage(pool, await unitDirectory(pool), unit, asOf);
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = db.pool;
  const people: P[] = [
    // 18 on the as-of day itself.
    {
      name: 'p1',
      unit: '03387',
      birth: '2004-08-31',
      doses: [
        [1, '2021-10-01'],
        [2, '2021-11-01'],
        [3, '2022-05-01'],
      ],
    },
    {
      name: 'p2',
      unit: '03387',
      birth: '2004-09-01',
      doses: [
        [1, '2021-11-01'],
        [2, '2021-12-01'],
      ],
    },
    // Dose 4 after the as-of day.
    {
      name: 'p3',
      unit: '03387',
      birth: '1990-05-05',
      doses: [
        [1, '2021-08-01'],
        [2, '2021-09-01'],
        [3, '2022-03-01'],
        [4, '2022-09-05'],
      ],
    },
    // Died on 01/06/2022.
    {
      name: 'p4',
      unit: '03390',
      birth: '1960-01-01',
      deceased: '2022-06-01',
      doses: [
        [1, '2021-08-01'],
        [2, '2021-09-01'],
      ],
    },
    { name: 'p5', unit: '03390', birth: '1985-02-02', doses: [[1, '2021-08-10']] },
    { name: 'p6', unit: '03390', birth: '1985-02-02', doses: [[2, '2021-09-10']] },
    {
      name: 'p7',
      unit: '03387',
      birth: '1995-06-06',
      doses: [
        [1, '2021-08-01'],
        [2, '2021-09-01'],
      ],
    },
    {
      name: 'p8',
      unit: '03387',
      birth: '2012-03-03',
      doses: [
        [1, '2022-04-10'],
        [2, '2022-05-10'],
      ],
    },
    // Leaves the area after the as-of day: still a resident on it.
    { name: 'p9', unit: '03387', birth: '1950-07-07', left: '2022-12-01', doses: [[1, '2021-07-01']] },
    { name: 'p10', unit: '03390', birth: '2015-12-12' },
    { name: 'p11', unit: '03387', birth: '1970-04-04', doses: [[1, '2021-07-01', 'rejected']] },
    { name: 'p12', unit: '03387', birth: '1975-04-04', doses: [[1, '2021-07-01', 'pending']] },
  ];
  for (const p of people) await addPerson(p);
  // p7 moved to Tam Đường; p6 was a duplicate of p5, merged: its dose moved to p5.
  await pool.query(`UPDATE persons SET unit_code = '03390' WHERE id = $1`, [ids.p7]);
  await pool.query(`UPDATE vaccine_doses SET person_id = $1, merged_from = $2 WHERE person_id = $2`, [
    ids.p5,
    ids.p6,
  ]);
  await pool.query(`UPDATE persons SET merged_into = $1 WHERE id = $2`, [ids.p5, ids.p6]);
});
afterAll(() => db?.drop());

describe('coverage', () => {
  it('counts by hand-computed expectations on 31/08/2022', async () => {
    const rows = await cov('03387', '2022-08-31');
    // 18+: p1 (18 today), p3, p9, p11 (dose rejected), p12 (dose pending review: counts).
    expect(pick(rows, '03387', '18+', 1)).toEqual([4, 5]);
    expect(pick(rows, '03387', '18+', 2)).toEqual([2, 5]);
    expect(pick(rows, '03387', '18+', 3)).toEqual([2, 5]);
    expect(pick(rows, '03387', '18+', 4)).toEqual([0, 5]); // p3's dose 4 is on 05/09
    expect(pick(rows, '03387', '12-17', 2)).toEqual([1, 1]); // p2, 17 until tomorrow
    expect(pick(rows, '03387', '5-11', 2)).toEqual([1, 1]);
    expect(pick(rows, '03387', '50+', 1)).toEqual([1, 2]); // p9, p11
    expect(pick(rows, '03387', '65+', 1)).toEqual([1, 1]);
    const tamDuong = await cov('03390', '2022-08-31');
    // p5 with the merged duplicate's dose, p7 who moved in; p4 died, p6 merged away.
    expect(pick(tamDuong, '03390', '18+', 1)).toEqual([2, 2]);
    expect(pick(tamDuong, '03390', '18+', 2)).toEqual([2, 2]);
    expect(pick(tamDuong, '03390', '50+', 1)).toEqual([0, 0]);
    expect(pick(tamDuong, '03390', '5-11', 1)).toEqual([0, 1]);
    const dropOut = tamDuong.find((r) => r.unitCode === '03390' && r.ageGroup === '18+' && r.dose === 3);
    expect(dropOut?.dropOut).toBe(2);
  });

  it('gives the province, its districts and a district its communes', async () => {
    const province = await cov('12', '2022-08-31');
    expect(province[0].unitCode).toBe('12');
    expect(pick(province, '12', '18+', 1)).toEqual([6, 7]);
    expect(pick(province, '105', '18+', 1)).toEqual([4, 5]);
    expect(pick(province, '106', '18+', 2)).toEqual([2, 2]);
    expect(pick(province, '107', '18+', 1)).toEqual([0, 0]);
    const district = await cov('105', '2022-08-31');
    expect(pick(district, '105', '18+', 1)).toEqual([4, 5]);
    expect(pick(district, '03387', '18+', 1)).toEqual([4, 5]);
    expect(new Set(district.map((r) => r.unitCode)).size).toBeGreaterThan(2);
  });

  it('reads an earlier day: the dead still alive, the 18-year-old still 17', async () => {
    const rows = await cov('12', '2022-05-01');
    // 18+ on 01/05/2022: p3, p4 (alive), p5, p7, p9, p11, p12 (p1 is 17).
    expect(pick(rows, '12', '18+', 1)).toEqual([6, 7]);
    expect(pick(rows, '12', '12-17', 3)).toEqual([1, 2]); // p1's dose 3 on the day itself
    expect(pick(rows, '12', '50+', 2)).toEqual([1, 3]); // p4, p9, p11
  });

  it('uses the official target population when one is set', async () => {
    await pool.query(
      `INSERT INTO population_targets (province_code, unit_code, age_group, population) VALUES ('12', '03387', '18+', 8)`,
    );
    const rows = await cov('105', '2022-08-31');
    const r = rows.find((x) => x.unitCode === '03387' && x.ageGroup === '18+' && x.dose === 1)!;
    expect([r.vaccinated, r.population, r.registryPopulation, r.populationIsTarget]).toEqual([4, 8, 5, true]);
    expect(r.rate).toBe(0.5);
    await pool.query(`DELETE FROM population_targets`);
  });

  it('computes a date minus years as PostgreSQL does', async () => {
    expect(yearsBefore('2022-08-31', 18)).toBe('2004-08-31');
    expect(yearsBefore('2024-02-29', 18)).toBe('2006-02-28');
    const { rows } = await pool.query(`SELECT ('2024-02-29'::date - interval '18 years')::date::text AS d`);
    expect(rows[0].d).toBe('2006-02-28');
  });
});

/** A small deterministic random generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const COMMUNES = ['03387', '03386', '03390', '03391'];
const addDays = (day: string, n: number) =>
  new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

/** Coverage counted person by person from persons and vaccine_doses, as the definition reads. */
async function bruteForce(unit: string, asOf: string) {
  const { rows: people } = await pool.query<{
    id: string;
    unit: string;
    district: string;
    birth: string;
    gone: string | null;
    doses: string[] | null;
  }>(
    `SELECT p.id, p.unit_code AS unit, u.district_code AS district, p.birth_date::text AS birth,
            least(p.deceased_on, p.left_on)::text AS gone,
            (SELECT array_agg(v.dose_number || ':' || v.given_on::text) FROM vaccine_doses v
              WHERE v.person_id = p.id AND v.superseded_by IS NULL AND v.review_status <> 'rejected') AS doses
       FROM persons p JOIN units u ON u.tree = '2021' AND u.code = p.unit_code
      WHERE p.merged_into IS NULL AND (p.unit_code = $1 OR u.district_code = $1 OR p.province_code = $1)`,
    [unit],
  );
  const out = new Map<string, [number, number]>();
  for (const g of AGE_GROUPS) {
    for (let n = 1; n <= 4; n++) {
      let vaccinated = 0;
      let population = 0;
      for (const p of people) {
        if (p.birth > asOf || (p.gone && p.gone <= asOf) || !inAgeGroup(g, p.birth, asOf)) continue;
        population++;
        const has = (p.doses ?? []).some((d) => {
          const [num, on] = d.split(':');
          return Number(num) >= n && on <= asOf;
        });
        if (has) vaccinated++;
      }
      out.set(`${g}|${n}`, [vaccinated, population]);
    }
  }
  return out;
}

describe('coverage stays exact after every kind of write', () => {
  const rnd = random(20220831);
  const day = (from: string, span: number) => addDays(from, Math.floor(rnd() * span));

  async function expectExact(label: string) {
    for (const asOf of ['2021-12-31', '2022-06-15', '2022-08-31', day('2021-06-01', 500)]) {
      for (const unit of ['12', '105', '03387']) {
        const rows = await cov(unit, asOf);
        const expected = await bruteForce(unit, asOf);
        for (const [key, [v, p]] of expected) {
          const [g, n] = key.split('|');
          expect(pick(rows, unit, g, Number(n)), `${label}: ${unit} ${asOf} ${key}`).toEqual([v, p]);
        }
      }
    }
  }

  it('after an import of random people and doses', async () => {
    const people: [string, string, string][] = [];
    for (let i = 0; i < 300; i++) {
      // Birth dates crowd the age limits of the test days, so the cut months are exercised.
      const birth = rnd() < 0.5 ? day('2003-06-01', 1000) : day('1940-01-01', 30000);
      people.push([COMMUNES[Math.floor(rnd() * COMMUNES.length)], `r${i}`, birth]);
    }
    await pool.query(
      `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex)
       SELECT '12', u, n, n, b::date, 'female' FROM unnest($1::text[], $2::text[], $3::text[]) AS x(u, n, b)`,
      [people.map((p) => p[0]), people.map((p) => p[1]), people.map((p) => p[2])],
    );
    const { rows } = await pool.query<{ id: string; unit: string }>(
      `SELECT id, unit_code AS unit FROM persons WHERE full_name LIKE 'r%'`,
    );
    const doses: [string, string, number, string][] = [];
    for (const p of rows) {
      let on = day('2021-07-01', 200);
      const count = Math.floor(rnd() * 5);
      for (let n = 1; n <= count; n++) {
        doses.push([p.id, p.unit, n, on]);
        on = addDays(on, 30 + Math.floor(rnd() * 200));
      }
    }
    await pool.query(
      `INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, given_on, source)
       SELECT '12', p, u, n, 'primary', 'pfizer', d::date, 'import'
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[]) AS x(p, u, n, d)`,
      [doses.map((d) => d[0]), doses.map((d) => d[1]), doses.map((d) => d[2]), doses.map((d) => d[3])],
    );
    await expectExact('import');
  });

  it('after deaths, departures, moves, merges, corrections and rejections', async () => {
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id FROM persons WHERE full_name LIKE 'r%' ORDER BY id`,
    );
    const some = (k: number) => rows.slice(k * 10, k * 10 + 10).map((r) => r.id);
    await pool.query(`UPDATE persons SET deceased_on = '2022-03-15' WHERE id = ANY($1)`, [some(0)]);
    await pool.query(`UPDATE persons SET left_on = '2022-07-01' WHERE id = ANY($1)`, [some(1)]);
    await pool.query(`UPDATE persons SET unit_code = '03390' WHERE id = ANY($1)`, [some(2)]);
    await pool.query(`UPDATE persons SET birth_date = birth_date - 400 WHERE id = ANY($1)`, [some(3)]);
    // Merge: the doses of the second of each pair go to the first, the second no longer counts.
    const [a, b] = [some(4), some(5)];
    await pool.query(
      `UPDATE vaccine_doses v SET person_id = x.a, merged_from = x.b, dose_number = v.dose_number + 10
         FROM unnest($1::uuid[], $2::uuid[]) AS x(a, b) WHERE v.person_id = x.b`,
      [a, b],
    );
    await pool.query(
      `UPDATE persons p SET merged_into = x.a FROM unnest($1::uuid[], $2::uuid[]) AS x(a, b) WHERE p.id = x.b`,
      [a, b],
    );
    // Corrections: the dose 2 of some people was recorded a month late; the right one supersedes it.
    // The wrong dose is superseded first (by the id the right one will take), then the right one
    // is recorded: one current dose per number at every moment.
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(
        `CREATE TEMP TABLE fix ON COMMIT DROP AS SELECT id AS wrong, gen_random_uuid() AS fixed
                       FROM vaccine_doses WHERE person_id = ANY($1) AND dose_number = 2 AND superseded_by IS NULL`,
        [some(6)],
      );
      await c.query(`UPDATE vaccine_doses v SET superseded_by = f.fixed FROM fix f WHERE v.id = f.wrong`);
      await c.query(
        `INSERT INTO vaccine_doses (id, province_code, person_id, unit_code, dose_number, kind, product, given_on, source)
         SELECT f.fixed, v.province_code, v.person_id, v.unit_code, 2, v.kind, v.product, v.given_on - 30, 'entry'
           FROM fix f JOIN vaccine_doses v ON v.id = f.wrong`,
      );
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    await pool.query(
      `UPDATE vaccine_doses SET review_status = 'rejected' WHERE person_id = ANY($1) AND dose_number = 1`,
      [some(7)],
    );
    await pool.query(`DELETE FROM vaccine_doses WHERE person_id = ANY($1) AND dose_number >= 3`, [some(8)]);
    await expectExact('changes');
  });

  it('rebuilds the cells of a whole province the same as key by key', async () => {
    const before = await pool.query(`SELECT * FROM dose_cells ORDER BY unit_code, birth_month`);
    await db.ownerPool.query(`SELECT dose_cells_rebuild('12', NULL, NULL)`);
    const after = await pool.query(`SELECT * FROM dose_cells ORDER BY unit_code, birth_month`);
    expect(after.rows).toEqual(before.rows);
  });
});
