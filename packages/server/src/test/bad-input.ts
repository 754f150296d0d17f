import { expect } from 'vitest';
import type { Pool } from '../db/pool.ts';
import type { Client } from './harness.ts';

/** Asserts a clean 400 with its code and the field at fault. */
export function expectRefusal(res: { statusCode: number; body: string }, code: string, field: string): void {
  expect(res.statusCode, res.body).toBe(400);
  expect(JSON.parse(res.body).error).toMatchObject({ code, field });
}

let n = 0;

const letter = (i: number) => String.fromCharCode(65 + (i % 26));

/** A made-up person of Phường Tân Phong (03387), registered by `client`: their id. */
export async function newPerson(client: Client): Promise<string> {
  const i = n++;
  const res = await client.post('/api/v1/persons', {
    // Lò Văn A … Z, then Lò Văn A A …: never the same name twice in a file (a duplicate is refused).
    fullName: `Lò Văn ${letter(i)}${i >= 26 ? ` ${letter(Math.floor(i / 26) - 1)}` : ''}`,
    birthDate: '1985-04-04',
    sex: 'male',
    unitCode: '03387',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** A case of a new person of 03387 detected on 10/08/2021: its id. */
export async function newCase(client: Client): Promise<string> {
  const res = await client.post('/api/v1/cases', {
    personId: await newPerson(client),
    detectedOn: '2021-08-10',
    foundBy: 'symptomatic',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export async function rowCount(pool: Pool, table: string): Promise<number> {
  return (await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
}
