import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/** A person who moves: within a province in place; to another province deleted and inserted. */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387), Lai Châu (12)

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
});
afterAll(() => t.close());

async function person(idNumber: string) {
  const res = await station.post('/api/v1/persons', {
    fullName: 'Giàng A Chuyển',
    birthDate: '1992-03-03',
    sex: 'male',
    unitCode: '03387',
    idNumber,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('moving a person', () => {
  it('changes the residence in place within the province, and keeps the history', async () => {
    const id = await person('012092000301');
    const res = await station.post(`/api/v1/persons/${id}/move`, {
      unitCode: '03386',
      movedOn: '2022-01-10',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, unitCode: '03386' });
    const { rows } = await t.pool.query('SELECT province_code, unit_code FROM persons WHERE id = $1', [id]);
    expect(rows).toEqual([{ province_code: '12', unit_code: '03386' }]);
    const moves = await t.pool.query(
      'SELECT from_unit_code, unit_code, moved_on FROM person_moves WHERE person_id = $1',
      [id],
    );
    expect(moves.rows).toEqual([{ from_unit_code: '03387', unit_code: '03386', moved_on: '2022-01-10' }]);
  });

  it('moves the person and their records to another province with the same ids, never updating province_code', async () => {
    const id = await person('012092000302');
    const kase = (await station.post('/api/v1/cases', { personId: id, detectedOn: '2021-09-01' })).json();
    const test = (
      await station.post('/api/v1/tests', {
        personId: id,
        kind: 'rt_pcr',
        performer: 'health_worker',
        sampledAt: '2021-09-01T08:00:00+07:00',
        result: 'negative',
        resultedAt: '2021-09-01T18:00:00+07:00',
      })
    ).json();
    const res = await station.post(`/api/v1/persons/${id}/move`, { unitCode: '03124' }); // Điện Biên (11)
    expect(res.statusCode, res.body).toBe(200);
    const rowsOf = async (table: string, column = 'id', value = id) =>
      (await t.pool.query(`SELECT province_code FROM ${table} WHERE ${column} = $1`, [value])).rows;
    expect(await rowsOf('persons')).toEqual([{ province_code: '11' }]);
    expect(await rowsOf('cases', 'id', kase.id)).toEqual([{ province_code: '11' }]);
    expect(await rowsOf('case_events', 'case_id', kase.id)).toEqual([
      { province_code: '11' },
      { province_code: '11' },
    ]);
    expect(await rowsOf('lab_tests', 'id', test.id)).toEqual([{ province_code: '11' }]);
    expect(await rowsOf('identity_numbers', 'person_id')).toEqual([{ province_code: '11' }]);
    // The case's isolation at home goes on at the new residence, with its stay.
    const episodes = await t.pool.query(
      'SELECT id, province_code, unit_code, status FROM care_episodes WHERE person_id = $1',
      [id],
    );
    expect(episodes.rows).toMatchObject([{ province_code: '11', unit_code: '03124', status: 'active' }]);
    expect(await rowsOf('care_stays', 'episode_id', episodes.rows[0].id)).toEqual([{ province_code: '11' }]);
    // The station of the old commune no longer sees the person; the new province does.
    expect((await station.get(`/api/v1/persons/${id}`)).statusCode).toBe(404);
    const there = await t.as('health_station', '03124');
    expect((await there.get(`/api/v1/persons/${id}`)).json()).toMatchObject({ id, unitCode: '03124' });
    // Both provinces keep the event in their audit log.
    const audit = await t.pool.query(
      `SELECT province_code FROM audit_events WHERE entity = 'person' AND entity_id = $1 AND action = 'move' ORDER BY 1`,
      [id],
    );
    expect(audit.rows).toEqual([{ province_code: '11' }, { province_code: '12' }]);
    // The identity number stays taken across the country.
    const again = await there.post('/api/v1/persons', {
      fullName: 'Giàng A Khác',
      birthDate: '1992-03-03',
      sex: 'male',
      unitCode: '03124',
      idNumber: '012092000302',
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a person outside the jurisdiction, and a unit that does not exist', async () => {
    const neighbour = await t.as('health_station', '03386');
    const id = await person('012092000303');
    expect((await neighbour.post(`/api/v1/persons/${id}/move`, { unitCode: '03386' })).statusCode).toBe(404);
    const unknown = await station.post(`/api/v1/persons/${id}/move`, { unitCode: '99999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.field).toBe('unitCode');
  });
});
