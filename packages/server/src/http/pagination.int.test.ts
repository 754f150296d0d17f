import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectRefusal } from '../test/bad-input.ts';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';
import { encodeCursor } from './pagination.ts';

/** A cursor is checked element by element against what its query compares: a 400, never a SQL error. */
let t: TestContext;
let admin: Client; // national

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin', null);
});
afterAll(() => t.close());

describe('a cursor of the right shape with the wrong types', () => {
  const cases: [string, unknown[]][] = [
    ['/api/v1/persons', [0, 'lo van a', 'not-a-uuid']],
    ['/api/v1/persons', ['zero', 'lo van a', '00000000-0000-4000-8000-000000000000']],
    ['/api/v1/persons?q=lo', [1, {}, '00000000-0000-4000-8000-000000000000']],
    ['/api/v1/cases', ['yesterday', '00000000-0000-4000-8000-000000000000']],
    ['/api/v1/cases', ['2021-02-30', '00000000-0000-4000-8000-000000000000']],
    ['/api/v1/contacts', ['2021-08-01', 'x']],
    ['/api/v1/clusters', [12, '00000000-0000-4000-8000-000000000000']],
    ['/api/v1/audit', ['latest']],
    ['/api/v1/audit', [1.5]],
    ['/api/v1/units', ['first', 'a', '01']],
    ['/api/v1/users', [42]],
    ['/api/v1/tests', ['0000-01-01T00:00:00Z', '00000000-0000-4000-8000-000000000000']],
    ['/api/v1/tests/worklist', ['2021-08-01T00:00:00Z', 'x', 'y']],
  ];
  it.each(cases)('is refused on %s (%j) naming the cursor', async (url, key) => {
    const sep = url.includes('?') ? '&' : '?';
    expectRefusal(await admin.get(`${url}${sep}cursor=${encodeCursor(key)}`), 'invalid_cursor', 'cursor');
  });

  it('holding a NUL byte in a text key is refused too', async () => {
    const key = [0, 'lo\u0000', '00000000-0000-4000-8000-000000000000'];
    expectRefusal(await admin.get(`/api/v1/persons?cursor=${encodeCursor(key)}`), 'invalid_cursor', 'cursor');
  });
});
