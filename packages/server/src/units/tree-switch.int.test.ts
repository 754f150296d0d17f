import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';
import { DERIVED, describeSwitch, PLACELESS, PLACES, switchUnitTree } from './tree-switch.ts';

/**
 * Switching the active unit tree 2021 → 2025 remaps every place-bound row in one transaction, or
 * changes nothing. Lai Châu (12) keeps its code; Phường Đại Nài (Hà Tĩnh, 18082) was split between
 * two new wards, so rows there cannot be placed; Gia Lai (64) became part of the new Gia Lai (52),
 * so its rows move province with their ids.
 */
let t: TestContext;
let laichau: Client;
const ids: Record<string, string> = {};

async function person(c: Client, fullName: string, unitCode: string, extra: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/persons', {
    fullName,
    birthDate: '1980-02-02',
    sex: 'male',
    unitCode,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function openCase(c: Client, personId: string, extra: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/cases', {
    personId,
    detectedOn: '2021-08-02',
    foundBy: 'community',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function addContact(c: Client, caseId: string, personId: string) {
  const res = await c.post(`/api/v1/cases/${caseId}/contacts/batch`, {
    exposureDate: '2021-08-01',
    setting: 'household',
    people: [{ personId }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items[0].id as string;
}

const one = async (text: string, params: unknown[] = []) => (await t.ownerPool.query(text, params)).rows[0];
const activeTree = async () => (await one(`SELECT value FROM settings WHERE key = 'unit_tree'`)).value;

beforeAll(async () => {
  t = await createTestApp();
  laichau = await t.as('health_officer', '12');
  const commander = await t.as('command_center', '12');
  const hatinh = await t.as('health_officer', '42');
  const gialai = await t.as('health_officer', '64');
  await t.as('health_officer', '105'); // Thành phố Lai Châu: a district, gone in 2025

  // Lai Châu: Phường Tân Phong (03387 → 03408) and Phường Quyết Thắng (03386 → 03388).
  const household = (await laichau.post('/api/v1/households', { unitCode: '03387', address: 'Số 5' })).json();
  ids.household = household.id;
  ids.a = await person(laichau, 'Lò Văn An', '03387', { householdId: household.id });
  ids.b = await person(laichau, 'Lò Thị Bình', '03386');
  const cluster = await commander.post('/api/v1/clusters', {
    name: 'Ổ dịch Tân Phong',
    unitCode: '03387',
    openedOn: '2021-08-01',
  });
  expect(cluster.statusCode, cluster.body).toBe(201);
  ids.cluster = cluster.json().id;
  const zone = await commander.post(`/api/v1/clusters/${ids.cluster}/lockdowns`, {
    unitCodes: ['03387', '03386'],
    startsOn: '2021-08-02',
  });
  expect(zone.statusCode, zone.body).toBe(201);
  ids.caseA = await openCase(laichau, ids.a, { clusterId: ids.cluster });
  ids.contactB = await addContact(laichau, ids.caseA, ids.b);

  // Hà Tĩnh: Phường Đại Nài (18082), split between Phường Thành Sen and Phường Hà Huy Tập.
  ids.split = await person(hatinh, 'Nguyễn Văn Tách', '18082');
  ids.splitCase = await openCase(hatinh, ids.split);

  // Gia Lai (64): Phường Yên Đỗ (23557 → 23563 Phường Diên Hồng, province 52).
  ids.g = await person(gialai, 'Rơ Mah Hà', '23557', {
    sex: 'female',
    birthDate: '1995-03-14',
    idNumber: '064195001234',
  });
  ids.g2 = await person(gialai, 'Siu Hơn', '23560');
  ids.gCase = await openCase(gialai, ids.g);
  const test = await gialai.post('/api/v1/tests', {
    personId: ids.g2,
    kind: 'rt_pcr',
    performer: 'health_worker',
    sampledAt: '2021-08-10T08:00:00+07:00',
    resultedAt: '2021-08-11T09:30:00+07:00',
    result: 'negative',
  });
  expect(test.statusCode, test.body).toBe(201);
  ids.gTest = test.json().id;
  ids.gContact = await addContact(gialai, ids.gCase, ids.g2);
});
afterAll(() => t?.close());

describe('units switch-tree', () => {
  it('declares every column that names a place', async () => {
    const { rows } = await t.ownerPool.query<{ table: string; column: string }>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
        WHERE table_schema = 'public' AND (column_name LIKE '%unit_code%' OR column_name LIKE '%province_code%')`,
    );
    const undeclared = rows.filter(({ table, column }) => {
      if (PLACELESS.includes(table)) return table !== 'units';
      if (DERIVED.includes(table)) return false;
      const d = PLACES[table];
      if (!d) return true;
      if (column === 'province_code' && d.parent) return false;
      return !d.places.some((p) => p.unit === column || p.province === column);
    });
    expect(undeclared).toEqual([]);
  });

  it('dry run: counts what maps, lists the split commune and the accounts that lose access; writes nothing', async () => {
    const r = await switchUnitTree(t.ownerPool, '2025', { apply: false });
    expect(r.outcome).toBe('dry_run');
    expect(r.counts.find((k) => k.table === 'persons' && k.column === 'unit_code')).toMatchObject({
      rows: 5,
      mapped: 4,
      unmapped: 1,
    });
    expect(r.counts.find((k) => k.table === 'lockdown_zones')).toMatchObject({ rows: 2, mapped: 2 });
    const split = r.blocking.filter((b) => b.code === '18082');
    // The case's isolation episode (opened with the case) lives there too.
    expect(split.map((b) => `${b.table}.${b.column}`).sort()).toEqual([
      'care_episodes.unit_code',
      'cases.unit_code',
      'persons.unit_code',
    ]);
    expect(split[0]).toMatchObject({ name: 'Phường Đại Nài', reason: 'partial', rows: 1 });
    expect(split[0].candidates.map((k) => k.code).sort()).toEqual(['18073', '18652']);
    expect(r.blocking.every((b) => b.code === '18082')).toBe(true);
    expect(r.accountsLosingAccess).toEqual([
      expect.objectContaining({ unitCode: '105', unitName: 'Thành phố Lai Châu', reason: 'district' }),
    ]);
    expect(r.moves).toEqual(
      expect.arrayContaining([
        { table: 'persons', rows: 2 },
        { table: 'cases', rows: 1 },
        { table: 'lab_tests', rows: 1 },
        { table: 'contacts', rows: 1 },
      ]),
    );
    expect(r.conflicts).toEqual([]);
    const text = describeSwitch(r, false).join('\n');
    expect(text).toContain('Chuyển sang danh mục 2025');
    expect(text).toContain('18082 Phường Đại Nài (chia tách');
    expect(text).toContain('18073 Phường Thành Sen');
    expect(await activeTree()).toBe('2021');
  });

  it('--apply is refused while a data row cannot be placed, and nothing changes', async () => {
    const before = await one(`SELECT unit_code FROM persons WHERE id = $1`, [ids.a]);
    const r = await switchUnitTree(t.ownerPool, '2025', { apply: true });
    expect(r.outcome).toBe('refused');
    expect(describeSwitch(r, true).at(-1)).toContain('TỪ CHỐI, không ghi gì');
    expect(await activeTree()).toBe('2021');
    expect(await one(`SELECT unit_code FROM persons WHERE id = $1`, [ids.a])).toEqual(before);
    expect((await one(`SELECT count(*)::int AS n FROM persons WHERE province_code = '64'`)).n).toBe(2);
    expect((await one(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'switch_tree'`)).n).toBe(0);
  });

  it('switching to the tree already active says so and changes nothing', async () => {
    const same = await switchUnitTree(t.ownerPool, '2021', { apply: true });
    expect(same.outcome).toBe('already_active');
    expect(describeSwitch(same, true)[0]).toContain('đang được dùng');
  });

  it('applies once the split commune is resolved: new codes, moved provinces, same ids', async () => {
    // The operator decides: here the rows in the split commune are removed.
    await t.ownerPool.query(
      `DELETE FROM care_stays WHERE episode_id IN (SELECT id FROM care_episodes WHERE person_id = $1)`,
      [ids.split],
    );
    await t.ownerPool.query(`DELETE FROM care_episodes WHERE person_id = $1`, [ids.split]);
    await t.ownerPool.query(`DELETE FROM case_events WHERE case_id = $1`, [ids.splitCase]);
    await t.ownerPool.query(`DELETE FROM cases WHERE id = $1`, [ids.splitCase]);
    await t.ownerPool.query(`DELETE FROM identity_numbers WHERE person_id = $1`, [ids.split]);
    await t.ownerPool.query(`DELETE FROM persons WHERE id = $1`, [ids.split]);

    const r = await switchUnitTree(t.ownerPool, '2025', { apply: true, actor: 'test' });
    expect(r.outcome, describeSwitch(r, true).join('\n')).toBe('applied');
    expect(await activeTree()).toBe('2025');

    // Lai Châu keeps its province; communes take their 2025 codes.
    const place = (table: string, id: string) =>
      one(`SELECT province_code, unit_code FROM ${table} WHERE id = $1`, [id]);
    expect(await place('persons', ids.a)).toEqual({ province_code: '12', unit_code: '03408' });
    expect(await place('persons', ids.b)).toEqual({ province_code: '12', unit_code: '03388' });
    expect(await place('households', ids.household)).toEqual({ province_code: '12', unit_code: '03408' });
    expect(await place('clusters', ids.cluster)).toEqual({ province_code: '12', unit_code: '03408' });
    expect(await place('cases', ids.caseA)).toEqual({ province_code: '12', unit_code: '03408' });
    expect(await one(`SELECT unit_codes FROM lockdown_zones WHERE cluster_id = $1`, [ids.cluster])).toEqual({
      unit_codes: ['03408', '03388'],
    });
    expect(
      await one(`SELECT unit_code, case_unit_code, case_province_code FROM contacts WHERE id = $1`, [
        ids.contactB,
      ]),
    ).toEqual({ unit_code: '03388', case_unit_code: '03408', case_province_code: '12' });

    // Gia Lai (64) → Gia Lai (52): moved, same ids, children with their parents.
    expect(await place('persons', ids.g)).toEqual({ province_code: '52', unit_code: '23563' });
    expect(await place('persons', ids.g2)).toEqual({ province_code: '52', unit_code: '23563' });
    expect(await place('cases', ids.gCase)).toEqual({ province_code: '52', unit_code: '23563' });
    expect(await place('lab_tests', ids.gTest)).toEqual({ province_code: '52', unit_code: '23563' });
    expect(await place('contacts', ids.gContact)).toEqual({ province_code: '52', unit_code: '23563' });
    expect(
      (
        await one(`SELECT array_agg(DISTINCT province_code) AS p FROM case_events WHERE case_id = $1`, [
          ids.gCase,
        ])
      ).p,
    ).toEqual(['52']);
    expect(await one(`SELECT province_code FROM identity_numbers WHERE person_id = $1`, [ids.g])).toEqual({
      province_code: '52',
    });
    for (const table of ['persons', 'cases', 'case_events', 'contacts', 'lab_tests', 'audit_events']) {
      const n = (await one(`SELECT count(*)::int AS n FROM ${table} WHERE province_code = '64'`)).n;
      expect(n, table).toBe(0);
    }

    // Accounts: a province keeps its code or takes its new one; a district's loses its unit.
    const units = (
      await t.ownerPool.query(
        `SELECT unit_code FROM accounts WHERE username LIKE 'healthofficer.%' ORDER BY username`,
      )
    ).rows.map((row) => row.unit_code);
    expect(units.sort()).toEqual(['12', '42', '52', null].sort());

    // One event records the switch; the log is append-only again.
    const event = await one(
      `SELECT province_code, actor_username, detail FROM audit_events WHERE action = 'switch_tree'`,
    );
    expect(event).toMatchObject({
      province_code: '00',
      actor_username: 'test',
      detail: { from: '2021', to: '2025' },
    });
    await expect(
      t.ownerPool.query(`UPDATE audit_events SET action = 'x' WHERE action = 'switch_tree'`),
    ).rejects.toThrow(/append-only/);
  });

  it('a person page resolves its unit in the 2025 tree', async () => {
    const reader = await t.as('health_officer', '12');
    const res = await reader.get(`/api/v1/persons/${ids.a}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().unit).toMatchObject({
      code: '03408',
      name: 'Phường Tân Phong',
      path: [
        { code: '12', name: 'Tỉnh Lai Châu' },
        { code: '03408', name: 'Phường Tân Phong' },
      ],
    });
    const moved = await (await t.as('health_officer', '52')).get(`/api/v1/persons/${ids.g}`);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().unit.name).toBe('Phường Diên Hồng');
  });

  it('the setting still changes only through the command; going back to 2021 is refused', async () => {
    await expect(
      t.ownerPool.query(`UPDATE settings SET value = '2021' WHERE key = 'unit_tree'`),
    ).rejects.toThrow(/switch-tree/);
    const back = await switchUnitTree(t.ownerPool, '2021', { apply: true });
    expect(back.outcome).toBe('unsupported');
    expect(describeSwitch(back, true)[0]).toContain('chỉ đi một chiều');
    expect((await switchUnitTree(t.ownerPool, '2025', { apply: true })).outcome).toBe('already_active');
    expect(await activeTree()).toBe('2025');
  });
});
