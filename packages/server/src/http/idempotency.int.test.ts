import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPerson, rowCount } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';
import { pruneIdempotencyKeys } from './idempotency.ts';

/** A create sent again with the same Idempotency-Key is stored once and answered the same. */
let t: TestContext;
let station: Client; // Phường Tân Phong (03387)
const count = (table: string) => rowCount(t.pool, table);

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
});
afterAll(() => t.close());

function postWithKey(client: Client, url: string, payload: unknown, key: string) {
  return client.request({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { 'idempotency-key': key },
  });
}

let n = 0;
const person = () => ({
  fullName: `Hà Văn Khóa ${String.fromCharCode(65 + n++)}`,
  birthDate: '1979-03-03',
  sex: 'male',
  unitCode: '03387',
  phone: `09120000${String(n).padStart(2, '0')}`,
});
const test = (personId: string) => ({
  personId,
  kind: 'rt_pcr',
  performer: 'health_worker',
  sampledAt: '2021-08-15T08:30:00+07:00',
  result: 'pending',
});

describe('a create sent twice with the same key', () => {
  it('stores one person and answers the retry with the first status and body', async () => {
    const key = randomUUID();
    const body = person();
    const before = await count('persons');
    const first = await postWithKey(station, '/api/v1/persons', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await postWithKey(station, '/api/v1/persons', body, key);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(await count('persons')).toBe(before + 1);
    // Keys in another order are the same body.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await postWithKey(station, '/api/v1/persons', reordered, key)).body).toBe(first.body);
    // The audit log holds one create.
    const { rows } = await t.pool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'create' AND entity = 'person' AND entity_id = $1`,
      [first.json().id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('stores one test, and a new key stores another', async () => {
    const personId = await newPerson(station);
    const key = randomUUID();
    const before = await count('lab_tests');
    const first = await postWithKey(station, '/api/v1/tests', test(personId), key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await postWithKey(station, '/api/v1/tests', test(personId), key);
    expect([again.statusCode, again.body]).toEqual([201, first.body]);
    expect(await count('lab_tests')).toBe(before + 1);
    const other = await postWithKey(station, '/api/v1/tests', test(personId), randomUUID());
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
    expect(await count('lab_tests')).toBe(before + 2);
  });

  it('sent in parallel: one creates, the others wait and get its answer', async () => {
    const personId = await newPerson(station);
    const key = randomUUID();
    const before = await count('lab_tests');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => postWithKey(station, '/api/v1/tests', test(personId), key)),
    );
    expect(await count('lab_tests')).toBe(before + 1);
    for (const a of answers) expect([201, 409], a.body).toContain(a.statusCode);
    const created = answers.filter((a) => a.statusCode === 201);
    expect(new Set(created.map((a) => a.json().id)).size).toBe(1);
    expect(created.length).toBeGreaterThanOrEqual(1);

    const people = await Promise.all(
      Array.from({ length: 4 }, () => postWithKey(station, '/api/v1/persons', person(), 'same-form')),
    );
    // Different bodies under one key: one person, the others refused naming the header.
    expect(people.filter((a) => a.statusCode === 201)).toHaveLength(1);
    for (const a of people.filter((a) => a.statusCode !== 201)) {
      expect([409, 422]).toContain(a.statusCode);
      expect(a.json().error.field).toBe('Idempotency-Key');
    }
  });

  it('with another body is refused, naming the header, and stores nothing', async () => {
    const key = randomUUID();
    const first = person();
    expect((await postWithKey(station, '/api/v1/persons', first, key)).statusCode).toBe(201);
    const before = await count('persons');
    const other = await postWithKey(station, '/api/v1/persons', { ...first, fullName: 'Hà Thị Khác' }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(other.json().error.message).toContain('Idempotency-Key');
    const elsewhere = await postWithKey(station, '/api/v1/households', { unitCode: '03387' }, key);
    expect(elsewhere.statusCode).toBe(422);
    expect(await count('persons')).toBe(before);
  });

  it('belongs to one account: another account with the same key creates its own', async () => {
    const key = randomUUID();
    const colleague = await t.as('health_station', '03387');
    const a = await postWithKey(station, '/api/v1/households', { unitCode: '03387', address: 'Số 1' }, key);
    const b = await postWithKey(colleague, '/api/v1/households', { unitCode: '03387', address: 'Số 1' }, key);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).not.toBe(b.json().id);
  });

  it('is given back by a refused request, so the corrected form can use it', async () => {
    const key = randomUUID();
    const bad = await postWithKey(station, '/api/v1/persons', { ...person(), phone: '12345' }, key);
    expect(bad.statusCode).toBe(400);
    const fixed = await postWithKey(station, '/api/v1/persons', person(), key);
    expect(fixed.statusCode, fixed.body).toBe(201);
  });

  it('refuses a malformed key naming the header', async () => {
    const res = await postWithKey(station, '/api/v1/households', { unitCode: '03387' }, 'a key with spaces');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_idempotency_key', field: 'Idempotency-Key' });
  });
});

describe('keys expire', () => {
  it('after 24 hours: the same key creates again, and pruning forgets old keys', async () => {
    const personId = await newPerson(station);
    const key = randomUUID();
    const first = await postWithKey(station, '/api/v1/tests', test(personId), key);
    expect(first.statusCode).toBe(201);
    await t.pool.query(
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`,
      [key],
    );
    const later = await postWithKey(station, '/api/v1/tests', test(personId), key);
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotency-replayed']).toBeUndefined();
    expect(later.json().id).not.toBe(first.json().id);

    await t.pool.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours'`);
    expect(await pruneIdempotencyKeys(t.pool)).toBeGreaterThan(0);
    expect(await count('idempotency_keys')).toBe(0);
  });

  it('a claim left without an answer (a process that stopped) is taken over after two minutes', async () => {
    const personId = await newPerson(station);
    const key = randomUUID();
    const me = (await station.get('/api/v1/auth/me')).json();
    await t.pool.query(
      `INSERT INTO idempotency_keys (account_id, key, method, url, request_hash, created_at)
       VALUES ($1, $2, 'POST', '/api/v1/tests', 'x', now() - interval '3 minutes')`,
      [me.id, key],
    );
    const res = await postWithKey(station, '/api/v1/tests', test(personId), key);
    expect(res.statusCode, res.body).toBe(201);
  });
});
