import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from '../db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../test/harness.ts';
import { unitDirectory } from '../units/directory.ts';
import { coverageItems } from './coverage/service.ts';

/**
 * The coverage cache serves a computed result only while the province's generation stands still,
 * and every change coverage reads moves the generation in its own commit (migration 0013).
 * Phường Tân Phong 03387 lies in TP Lai Châu (105), province 12.
 */
let db: TestDatabase;
let pool: Pool;
const D = '2022-08-31';

async function addPerson(unit = '03387', birth = '1990-01-01'): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex)
     VALUES ('12', $1, 'Lò Thị Bộ Nhớ', 'lo thi bo nho', $2, 'female') RETURNING id`,
    [unit, birth],
  );
  return rows[0].id;
}

const doseSql = `INSERT INTO vaccine_doses (province_code, person_id, unit_code, dose_number, kind, product, given_on, source)
   VALUES ('12', $1, '03387', 1, 'primary', 'pfizer', '2021-10-01', 'entry') RETURNING id`;

async function adults(unit = '105') {
  const units = await unitDirectory(pool);
  const rows = await coverageItems(pool, units, units.get(unit)!, D);
  const r = rows.find((x) => x.unitCode === '03387' && x.ageGroup === '18+' && x.dose === 1)!;
  return { vaccinated: r.vaccinated, population: r.population, target: r.target?.permille ?? null };
}

/** The province's counter (scope ''), or another scope's: a district code, 'targets'. */
async function generation(scope = ''): Promise<number> {
  const { rows } = await pool.query(
    `SELECT generation FROM vaccination_generations WHERE province_code = '12' AND scope = $1`,
    [scope],
  );
  return rows.length ? Number(rows[0].generation) : 0;
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = db.pool;
});
afterAll(() => db?.drop());

describe('coverage cache', () => {
  it('serves the cached result while nothing coverage reads has changed', async () => {
    await addPerson();
    const first = await adults();
    expect(first).toEqual({ vaccinated: 0, population: 1, target: null });
    // A write behind the triggers' back (never done by the app) is not seen: the result was cached.
    await pool.query(`UPDATE dose_cells SET n = n + 100 WHERE province_code = '12' AND unit_code = '03387'`);
    expect(await adults()).toEqual(first);
    // Another unit's figures are another entry: computed now, so they see the tampered cells.
    const units = await unitDirectory(pool);
    const own = await coverageItems(pool, units, units.get('03387')!, D);
    expect(own.find((r) => r.ageGroup === '18+' && r.dose === 1)!.population).toBe(101);
    await pool.query(`UPDATE dose_cells SET n = n - 100 WHERE province_code = '12' AND unit_code = '03387'`);
  });

  it('sees a dose, a death and a move in the first read after their commit', async () => {
    const before = await adults();
    const id = await addPerson();
    expect(await adults()).toEqual({ ...before, population: before.population + 1 });
    await pool.query(doseSql, [id]);
    expect(await adults()).toEqual({
      ...before,
      vaccinated: before.vaccinated + 1,
      population: before.population + 1,
    });
    await pool.query(`UPDATE persons SET deceased_on = '2022-01-01' WHERE id = $1`, [id]);
    expect(await adults()).toEqual(before);
    const other = await addPerson('03386');
    await pool.query(`UPDATE persons SET unit_code = '03387' WHERE id = $1`, [other]);
    expect(await adults()).toEqual({ ...before, population: before.population + 1 });
  });

  it('sees a target and an official population set, changed and removed', async () => {
    const before = await adults();
    await pool.query(
      `INSERT INTO vaccination_targets (province_code, unit_code, age_group, dose, target_permille, deadline)
       VALUES ('12', '03387', '18+', 1, 950, '2022-12-31')`,
    );
    expect((await adults()).target).toBe(950);
    await pool.query(`UPDATE vaccination_targets SET target_permille = 900 WHERE unit_code = '03387'`);
    expect((await adults()).target).toBe(900);
    await pool.query(
      `INSERT INTO population_targets (province_code, unit_code, age_group, population) VALUES ('12', '03387', '18+', 40)`,
    );
    expect((await adults()).population).toBe(40);
    await pool.query(`DELETE FROM population_targets WHERE unit_code = '03387'`);
    await pool.query(`DELETE FROM vaccination_targets WHERE unit_code = '03387'`);
    expect(await adults()).toEqual(before);
  });

  it('moves the generation at commit, not before: an open transaction leaves the cache as it is', async () => {
    const before = await adults();
    const id = await addPerson();
    const afterPerson = await adults();
    const g = await generation();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(doseSql, [id]);
      // Not committed: other readers see neither the dose nor a new generation.
      expect(await generation()).toBe(g);
      expect(await adults()).toEqual(afterPerson);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await generation()).toBeGreaterThan(g);
    expect(await adults()).toEqual({ ...afterPerson, vaccinated: afterPerson.vaccinated + 1 });
    expect(afterPerson.population).toBe(before.population + 1);
    // Nothing is left queued once the transaction has committed.
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM vaccination_pending');
    expect(rows[0].n).toBe(0);
  });

  it("a dose in another district moves the province's counter, not this district's", async () => {
    const city = await generation('105');
    const province = await generation();
    const targets = await generation('targets');
    // Thị trấn Tam Đường (03390) lies in Huyện Tam Đường (106).
    const other = await addPerson('03390');
    expect(await generation('105')).toBe(city);
    expect(await generation('106')).toBeGreaterThan(0);
    expect(await generation()).toBeGreaterThan(province);
    expect(await generation('targets')).toBe(targets);
    // So the city's figures stay cached (the tampered cells below are not seen) …
    const before = await adults();
    await pool.query(`UPDATE dose_cells SET n = n + 100 WHERE province_code = '12' AND unit_code = '03387'`);
    await pool.query(doseSql.replace("'03387'", "'03390'"), [other]);
    expect(await adults()).toEqual(before);
    // … and a change in the city itself is seen at once (its refresh rebuilds the tampered cell).
    const id = await addPerson();
    expect((await adults()).population).toBe(before.population + 1);
    await pool.query(`DELETE FROM vaccine_doses WHERE person_id = $1`, [other]);
    await pool.query(`UPDATE persons SET deceased_on = '2022-01-01' WHERE id = $1`, [id]);
    // A target moves 'targets' (every district's figures name the target that applies).
    await pool.query(
      `INSERT INTO vaccination_targets (province_code, unit_code, age_group, dose, target_permille, deadline)
       VALUES ('12', '12', '18+', 1, 800, '2022-12-31')`,
    );
    expect(await generation('targets')).toBeGreaterThan(targets);
    expect(await adults()).toMatchObject({ target: 800 });
    await pool.query(`DELETE FROM vaccination_targets WHERE unit_code = '12'`);
  });

  it('a rolled-back change moves nothing', async () => {
    const g = await generation();
    const id = await addPerson();
    const g1 = await generation();
    expect(g1).toBeGreaterThan(g);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(doseSql, [id]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await generation()).toBe(g1);
  });
});
