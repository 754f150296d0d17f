import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.ts';
import { Scope } from '../../auth/scope.ts';
import { type Client, createTestApp, type TestContext } from '../../test/harness.ts';
import { stampEscalations } from './queries.ts';
import { PUBLIC_REQUEST_LIMIT } from './routes.ts';
import { hotlineCounts } from './service.ts';

/**
 * Hotline requests (issue 10 §4): the public form (fields named, rate-limited, nothing revealed),
 * priority from what the caller says and what the records show, routing to the commune of
 * residence, due times, the board by priority and age, overdue requests raised to the district,
 * one winner when two officers resolve at once, the published numbers. Phường Tân Phong 03387 and
 * Phường Quyết Thắng 03386 are communes of TP Lai Châu (105), Lai Châu (12); 03390 is in 105 too.
 */
let t: TestContext;
let station: Client; // health_station of 03387
let neighbour: Client; // health_station of 03386
let district: Client; // health_officer of TP Lai Châu
let other: Client; // health_officer of Điện Biên

let ip = 0;
/** A public call from its own client address (the rate limit counts per address). */
function publicPost(body: unknown, remoteAddress = `10.0.0.${++ip}`) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/public/hotline-requests',
    payload: body as object,
    remoteAddress,
  });
}

let n = 0;
async function person(unitCode: string, phone: string, flags: string[] = []): Promise<string> {
  const res = await (unitCode === '03387' ? station : neighbour).post('/api/v1/persons', {
    fullName: `Lò Thị Gọi ${String.fromCharCode(65 + (n++ % 26))}`,
    birthDate: '1980-01-01',
    sex: 'female',
    unitCode,
    phone,
    flags,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const base = { callerName: 'Lò Văn Hỏi', kind: 'food', unitCode: '03387' };

async function rowOf(reference: string) {
  const { rows } = await t.pool.query(
    `SELECT * FROM hotline_requests WHERE upper(left(replace(id::text, '-', ''), 8)) = $1`,
    [reference],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

beforeAll(async () => {
  t = await createTestApp();
  station = await t.as('health_station', '03387');
  neighbour = await t.as('health_station', '03386');
  district = await t.as('health_officer', '105');
  other = await t.as('health_officer', '11');
});
afterAll(() => t.close());

describe('public request form', () => {
  it('names every missing or wrong field at once', async () => {
    const res = await publicPost({});
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(['callerName', 'phone', 'unitCode', 'kind']);

    const wrong = await publicPost({ ...base, phone: '0123', kind: 'pizza', warningSigns: ['flu'] });
    expect(wrong.json().error.problems.map((p: { field: string }) => p.field)).toEqual([
      'phone',
      'kind',
      'warningSigns',
    ]);
    expect(wrong.json().error.problems[0].message).toContain('Số điện thoại di động không hợp lệ');

    const unit = await publicPost({ ...base, phone: '0912000001', unitCode: '105' });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error).toMatchObject({ code: 'unit_not_found', field: 'unitCode' });
    const none = await publicPost({ ...base, phone: '0912000001', unitCode: '99999' });
    expect(none.json().error).toMatchObject({ field: 'unitCode' });
    // A public caller cannot name a person: the field is dropped, the request matched by phone only.
    const extra = await publicPost({
      ...base,
      phone: '0912000001',
      personId: '00000000-0000-4000-8000-000000000000',
    });
    expect(extra.statusCode).toBe(201);
    expect((await rowOf(extra.json().reference)).person_id).toBeNull();
  });

  it('answers only a reference and the due time, whoever the phone belongs to', async () => {
    await person('03387', '0912000002', ['poor_household']);
    const matched = await publicPost({ ...base, phone: '091 200 0002' });
    const unknown = await publicPost({ ...base, phone: '0912000003' });
    for (const res of [matched, unknown]) {
      expect(res.statusCode, res.body).toBe(201);
      expect(Object.keys(res.json()).sort()).toEqual(['dueBy', 'reference']);
      expect(res.json().reference).toMatch(/^[0-9A-F]{8}$/);
    }
    expect(matched.body).not.toContain('Lò Thị');
    const m = await rowOf(matched.json().reference);
    expect(m).toMatchObject({
      priority: 2,
      priority_reasons: ['poor_household'],
      channel: 'public',
      unit_code: '03387',
    });
    expect(m.person_id).not.toBeNull();
    // Food: 12 hours.
    expect(m.due_at.getTime() - m.received_at.getTime()).toBe(12 * 3600_000);
    expect(new Date(matched.json().dueBy).getTime()).toBe(m.due_at.getTime());
    const u = await rowOf(unknown.json().reference);
    expect(u).toMatchObject({ priority: 4, person_id: null });
  });

  it('matches a person only in the commune given', async () => {
    await person('03386', '0912000004', ['policy_family']);
    const res = await publicPost({ ...base, phone: '0912000004' });
    expect(await rowOf(res.json().reference)).toMatchObject({
      priority: 4,
      person_id: null,
      unit_code: '03387',
    });
    const there = await publicPost({ ...base, phone: '0912000004', unitCode: '03386' });
    expect(await rowOf(there.json().reference)).toMatchObject({
      priority: 2,
      priority_reasons: ['policy_family'],
    });
  });

  it('puts warning signs and open alerts first, with the urgent target; isolation third', async () => {
    const signs = await publicPost({
      ...base,
      kind: 'medical',
      phone: '0912000005',
      warningSigns: ['dyspnoea'],
    });
    const s = await rowOf(signs.json().reference);
    expect(s).toMatchObject({ priority: 1, priority_reasons: ['warning_signs'] });
    expect(s.due_at.getTime() - s.received_at.getTime()).toBe(15 * 60_000);
    expect(s.detail).toContain('Khó thở');

    const alerted = await person('03387', '0912000006', ['poor_household']);
    const { rows } = await t.pool.query(
      `INSERT INTO care_episodes (province_code, person_id, unit_code, reason, place, start_on)
       VALUES ('12', $1, '03387', 'case', 'home', '2022-02-20') RETURNING id`,
      [alerted],
    );
    await t.pool.query(
      `INSERT INTO care_alerts (province_code, unit_code, episode_id, person_id, severity, signs)
       VALUES ('12', '03387', $1, $2, 2, '{spo2_low}')`,
      [rows[0].id, alerted],
    );
    const alert = await rowOf(
      (await publicPost({ ...base, kind: 'medicine', phone: '0912000006' })).json().reference,
    );
    expect(alert).toMatchObject({
      priority: 1,
      priority_reasons: ['open_alert', 'poor_household', 'in_isolation'],
      episode_id: rows[0].id,
    });

    const isolated = await rowOf(
      (await publicPost({ ...base, kind: 'test_kit', phone: '0912000007', inIsolation: true })).json()
        .reference,
    );
    expect(isolated).toMatchObject({ priority: 3, priority_reasons: ['in_isolation'] });
    expect(isolated.due_at.getTime() - isolated.received_at.getTime()).toBe(24 * 3600_000);
  });

  it('is rate-limited per client address', async () => {
    const address = '10.9.9.9';
    const body = { ...base, phone: '0912000008' };
    for (let i = 0; i < PUBLIC_REQUEST_LIMIT; i++) {
      expect((await publicPost(body, address)).statusCode).toBe(201);
    }
    const refused = await publicPost(body, address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect((await publicPost(body, '10.9.9.10')).statusCode).toBe(201);
  });
});

describe('operator calls, board, assignment and resolution', () => {
  it('routes a picked person to their commune of residence; refuses people and units outside', async () => {
    const id = await person('03386', '0912000010');
    const res = await district.post('/api/v1/hotline-requests', {
      callerName: 'Con gái gọi hộ',
      phone: '0987000010',
      personId: id,
      kind: 'transport',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ unitCode: '03386', personId: id, channel: 'hotline', priority: 4 });
    expect(res.json().reference).toMatch(/^[0-9A-F]{8}$/);

    const outside = await station.post('/api/v1/hotline-requests', {
      callerName: 'X',
      phone: '0987000011',
      personId: id,
      kind: 'food',
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.field).toBe('personId');
    const unit = await station.post('/api/v1/hotline-requests', {
      callerName: 'X',
      phone: '0987000011',
      unitCode: '03386',
      kind: 'food',
    });
    expect(unit.statusCode).toBe(404);
    expect(unit.json().error.field).toBe('unitCode');
    const wide = await district.post('/api/v1/hotline-requests', {
      callerName: 'X',
      phone: '0987000011',
      unitCode: '105',
      kind: 'food',
    });
    expect(wide.statusCode).toBe(400);
    expect(wide.json().error.field).toBe('unitCode');
  });

  it('shows the board by priority then age, inside the jurisdiction only, page by page', async () => {
    const res = await station.get('/api/v1/hotline-requests?limit=3');
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json();
    expect(first.items).toHaveLength(3);
    expect(first.next).toBeTruthy();
    const all = [...first.items];
    let next = first.next;
    while (next) {
      const page = (await station.get(`/api/v1/hotline-requests?limit=3&cursor=${next}`)).json();
      all.push(...page.items);
      next = page.next;
    }
    expect(all.every((r) => r.unitCode === '03387')).toBe(true);
    const keys = all.map((r) => [r.priority, r.receivedAt]);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    expect(keys).toEqual(sorted);
    expect(all[0].priority).toBe(1);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);

    const byKind = (await station.get('/api/v1/hotline-requests?kind=medicine')).json();
    expect(byKind.items.every((r: { kind: string }) => r.kind === 'medicine')).toBe(true);
    expect((await station.get('/api/v1/hotline-requests?unit=03386')).statusCode).toBe(404);
    expect((await other.get('/api/v1/hotline-requests')).json().items).toEqual([]);
    const bad = await station.get('/api/v1/hotline-requests?cursor=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('cursor');
  });

  it('raises overdue requests to the district from their due time', async () => {
    const res = await publicPost({ ...base, phone: '0912000020', unitCode: '03386', kind: 'medical' });
    const row = await rowOf(res.json().reference);
    await t.pool.query(`UPDATE hotline_requests SET due_at = now() - interval '5 minutes' WHERE id = $1`, [
      row.id,
    ]);

    const raised = (await district.get('/api/v1/hotline-requests?overdue=true')).json().items;
    const mine = raised.find((r: { id: string }) => r.id === row.id);
    expect(mine).toMatchObject({ overdue: true, unitCode: '03386' });
    expect(new Date(mine.escalatedAt).getTime()).toBe(new Date(mine.dueAt).getTime());
    expect(raised.every((r: { overdue: boolean }) => r.overdue)).toBe(true);

    const counts = await hotlineCounts(t.pool, districtPrincipal(), '03386');
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(counts.open).toBeGreaterThanOrEqual(counts.overdue);
    const whole = await hotlineCounts(t.pool, districtPrincipal());
    expect(whole.open).toBeGreaterThan(counts.open);

    expect(await stampEscalations(t.pool)).toBeGreaterThanOrEqual(1);
    const { rows } = await t.pool.query('SELECT escalated_at, due_at FROM hotline_requests WHERE id = $1', [
      row.id,
    ]);
    expect(rows[0].escalated_at).toEqual(rows[0].due_at);
    expect(await stampEscalations(t.pool)).toBe(0);
  });

  it('assigns, then one of two officers resolving at once wins and the other gets 409', async () => {
    const created = (
      await station.post('/api/v1/hotline-requests', {
        callerName: 'Bà Hoa',
        phone: '0912000030',
        unitCode: '03387',
        kind: 'medicine',
      })
    ).json();
    const blank = await station.post(`/api/v1/hotline-requests/${created.id}/assign`, { assignedTo: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.field).toBe('assignedTo');
    const assigned = await station.post(`/api/v1/hotline-requests/${created.id}/assign`, {
      assignedTo: 'Tổ Covid cộng đồng số 3',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ status: 'assigned', assignedTo: 'Tổ Covid cộng đồng số 3' });
    expect(
      (await neighbour.post(`/api/v1/hotline-requests/${created.id}/resolve`, { resolution: 'x' }))
        .statusCode,
    ).toBe(404);

    const second = await t.as('community_team', '03387');
    const answers = await Promise.all([
      station.post(`/api/v1/hotline-requests/${created.id}/resolve`, { resolution: 'Đã giao thuốc' }),
      second.post(`/api/v1/hotline-requests/${created.id}/resolve`, { resolution: 'Đã giao thuốc tận nhà' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const lost = answers.find((a) => a.statusCode === 409)!;
    expect(lost.json().error).toMatchObject({ code: 'request_closed' });
    expect(lost.json().error.message).toContain('đã được giải quyết');
    const again = await station.post(`/api/v1/hotline-requests/${created.id}/assign`, {
      assignedTo: 'Ai đó',
    });
    expect(again.statusCode).toBe(409);

    const resolved = (await station.get('/api/v1/hotline-requests?status=resolved')).json().items;
    expect(resolved.map((r: { id: string }) => r.id)).toContain(created.id);
    const { rows } = await t.pool.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity = 'hotline_request' AND entity_id = $1`,
      [created.id],
    );
    expect(rows[0].n).toBe(3);
  });
});

function districtPrincipal(): Principal {
  return {
    scope: new Scope({
      code: '105',
      name: 'TP Lai Châu',
      level: 'district',
      provinceCode: '12',
      districtCode: '105',
    }),
  } as Principal;
}

describe('hotline numbers', () => {
  it('each unit sets its own list inside its jurisdiction; the public page shows the chain', async () => {
    const admin = await t.as('health_officer', '12');
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: '/api/v1/units/12/hotline-numbers',
          payload: { numbers: [{ phone: '1900 9095', label: 'Đường dây nóng Bộ Y tế' }] },
        })
      ).statusCode,
    ).toBe(200);
    const put = (client: Client, code: string, numbers: unknown) =>
      client.request({ method: 'PUT', url: `/api/v1/units/${code}/hotline-numbers`, payload: { numbers } });
    expect(
      (await put(district, '105', [{ phone: '0213 3876 543', label: 'Trung tâm Y tế TP Lai Châu' }]))
        .statusCode,
    ).toBe(200);
    const ok = await put(station, '03387', [
      { phone: '0912 345 678', label: 'Trạm Y tế phường Tân Phong' },
      { phone: '0987654321', label: 'Tổ Covid cộng đồng' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await put(station, '03386', [])).statusCode).toBe(404);
    const bad = await put(station, '03387', [{ phone: 'gọi tôi', label: 'x' }]);
    expect(bad.json().error).toMatchObject({ code: 'phone_format', field: 'numbers[0].phone' });
    const dup = await put(station, '03387', [
      { phone: '115', label: 'Cấp cứu' },
      { phone: '115', label: 'Cấp cứu' },
    ]);
    expect(dup.json().error.field).toBe('numbers[1].phone');

    const pub = await t.app.inject({ method: 'GET', url: '/api/v1/public/hotline-numbers?unit=03387' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().units.map((u: { code: string }) => u.code)).toEqual(['12', '105', '03387']);
    expect(pub.json().units[2].numbers).toEqual([
      { phone: '0912 345 678', label: 'Trạm Y tế phường Tân Phong' },
      { phone: '0987654321', label: 'Tổ Covid cộng đồng' },
    ]);
    const province = await t.app.inject({ method: 'GET', url: '/api/v1/public/hotline-numbers?unit=12' });
    expect(province.json().units.map((u: { code: string }) => u.code)).toEqual(['12', '105', '03387']);
    const neighbourhood = await t.app.inject({
      method: 'GET',
      url: '/api/v1/public/hotline-numbers?unit=03386',
    });
    expect(neighbourhood.json().units.map((u: { code: string }) => u.code)).toEqual(['12', '105']);
    const units = await t.app.inject({ method: 'GET', url: '/api/v1/public/units?parent=105' });
    expect(units.json().items.map((u: { code: string }) => u.code)).toContain('03387');
    const provinces = await t.app.inject({ method: 'GET', url: '/api/v1/public/units' });
    expect(provinces.json().items.map((u: { code: string }) => u.code)).toContain('12');
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/public/hotline-numbers' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('unit');
  });
});
