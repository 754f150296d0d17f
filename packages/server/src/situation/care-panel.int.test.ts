import { addDays } from '@tuyendau/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestContext } from '../test/harness.ts';

/**
 * The isolation and home-care panel against hand-counted figures, now and at the end of a past day.
 * TP Lai Châu (105): Phường Tân Phong 03387 and Phường Quyết Thắng 03386; Huyện Tam Đường (106):
 * Thị trấn Tam Đường 03390 (outside the city's jurisdiction).
 */
let t: TestContext;
let city: Client;
let station: Client;
let viewer: Client;
const DAY = '2022-03-10';
const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00+07:00`;

async function person(unit: string, flags: string[] = []): Promise<string> {
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO persons (province_code, unit_code, full_name, name_folded, birth_date, sex, flags)
     VALUES ('12', $1, 'Lò Văn Cách Ly', 'lo van cach ly', '1985-02-02', 'male', $2) RETURNING id`,
    [unit, flags],
  );
  return rows[0].id;
}

async function facility(unit: string, kind: string, tier: string | null, beds: number, occupied: number) {
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO facilities (province_code, unit_code, name, kind, type, tier_code, state, beds, occupied)
     VALUES ('12', $1, 'Cơ sở thử', $2, 'other', $3, 'active', $4, $5) RETURNING id`,
    [unit, kind, tier, beds, occupied],
  );
  return rows[0].id;
}

/** An episode with its stays: [place, facility, from, to][]; ended when the last stay has an end. */
async function episode(
  unit: string,
  reason: string,
  stays: [string, string | null, string, string | null][],
): Promise<string> {
  const id = await person(unit);
  const last = stays[stays.length - 1];
  const { rows } = await t.pool.query<{ id: string }>(
    `INSERT INTO care_episodes (province_code, person_id, unit_code, reason, status, place, facility_id, start_on, ended_on)
     VALUES ('12', $1, $2, $3, $4, $5, $6, $7::timestamptz::date, $8::timestamptz::date) RETURNING id`,
    [id, unit, reason, last[3] ? 'ended' : 'active', last[0], last[1], stays[0][2], last[3]],
  );
  for (const [place, fac, from, to] of stays) {
    await t.pool.query(
      `INSERT INTO care_stays (province_code, episode_id, place, facility_id, from_at, to_at, reason)
       VALUES ('12', $1, $2, $3, $4, $5, 'admission')`,
      [rows[0].id, place, fac, from, to],
    );
  }
  return rows[0].id;
}

async function entry(episodeId: string, unit: string, when: string) {
  await t.pool.query(
    `INSERT INTO monitoring_entries (province_code, episode_id, unit_code, recorded_at, recorded_by_kind, spo2)
     VALUES ('12', $1, $2, $3, 'self', 98)`,
    [episodeId, unit, when],
  );
}

async function alert(
  episodeId: string,
  unit: string,
  severity: number,
  raised: string,
  handled: string | null,
) {
  const { rows } = await t.pool.query<{ person_id: string }>(
    'SELECT person_id FROM care_episodes WHERE id = $1',
    [episodeId],
  );
  await t.pool.query(
    `INSERT INTO care_alerts (province_code, unit_code, episode_id, person_id, severity, signs, raised_at, status, handled_at)
     VALUES ('12', $1, $2, $3, $4, '{low_spo2}', $5, $6, $7)`,
    [unit, episodeId, rows[0].person_id, severity, raised, handled ? 'transferred' : 'open', handled],
  );
}

async function request(unit: string, received: string, due: string, resolved: string | null) {
  await t.pool.query(
    `INSERT INTO hotline_requests (province_code, unit_code, channel, kind, caller_name, phone, priority, status, received_at, due_at, resolved_at)
     VALUES ('12', $1, 'public', 'food', 'Lò Thị Gọi', '0912345678', 3, $2, $3, $4, $5)`,
    [unit, resolved ? 'resolved' : 'open', received, due, resolved],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  const now = new Date();
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
  const iso = await facility('03387', 'isolation', null, 50, 1);
  const t2 = await facility('03386', 'treatment', 'hospital_t2', 20, 1);
  await facility('03390', 'treatment', 'hospital_t3', 100, 0); // outside the city
  // Now: three F0 at home (one silent for 30 hours, one never heard from in 2 days, one fine),
  // an F0 moved from home to tier 2 (with its alert handled), a contact in the isolation site.
  const silent = await episode('03387', 'case', [['home', null, hoursAgo(72), null]]);
  await entry(silent, '03387', hoursAgo(30));
  await episode('03387', 'case', [['home', null, hoursAgo(48), null]]);
  const fine = await episode('03386', 'case', [['home', null, hoursAgo(60), null]]);
  await entry(fine, '03386', hoursAgo(3));
  await alert(fine, '03386', 2, hoursAgo(2), null);
  const moved = await episode('03386', 'case', [
    ['home', null, hoursAgo(100), hoursAgo(10)],
    ['facility', t2, hoursAgo(10), null],
  ]);
  await alert(moved, '03386', 3, hoursAgo(11), hoursAgo(10));
  await episode('03387', 'contact', [['facility', iso, hoursAgo(24), null]]);
  // Outside the city: never counted for it.
  await episode('03390', 'case', [['home', null, hoursAgo(72), null]]);
  // A past day: an F0 at home on 10/03/2022 (heard from that morning) with an emergency alert
  // raised that afternoon and handled the next day; reports of the facilities that day.
  const past = await episode('03387', 'case', [['home', null, at('2022-03-05', 9), at('2022-03-12', 9)]]);
  await entry(past, '03387', at(DAY, 8));
  await alert(past, '03387', 3, at(DAY, 15), at('2022-03-11', 9));
  await t.pool.query(
    `INSERT INTO facility_days (province_code, facility_id, day, beds, occupied) VALUES ('12', $1, $3, 50, 12), ('12', $2, $3, 20, 20)`,
    [iso, t2, DAY],
  );
  // Requests: open and overdue, open in time, resolved; one of the past day still open at its end.
  await request('03387', hoursAgo(5), hoursAgo(1), null);
  await request('03386', hoursAgo(1), new Date(now.getTime() + 3_600_000).toISOString(), null);
  await request('03386', hoursAgo(8), hoursAgo(4), hoursAgo(6));
  await request('03390', hoursAgo(5), hoursAgo(1), null);
  await request('03387', at(DAY, 10), at(DAY, 14), at('2022-03-11', 8));
  city = await t.as('command_center', '105');
  station = await t.as('health_station', '03386');
  viewer = await t.as('viewer', '105');
});
afterAll(() => t?.close());

describe('GET /situation/care', () => {
  it('counts the places of care, alerts, silent people, beds and requests of now', async () => {
    const res = await city.get('/api/v1/situation/care');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({ code: '105' });
    expect(body.places).toEqual([
      { place: 'home', tierCode: null, tierName: null, cases: 3, others: 0 },
      { place: 'isolation', tierCode: null, tierName: null, cases: 0, others: 1 },
      { place: 'treatment', tierCode: 'hospital_t2', tierName: 'Cơ sở điều trị tầng 2', cases: 1, others: 0 },
    ]);
    expect(body.alerts).toEqual({ open: 1, emergency: 0, urgent: 1, watch: 0 });
    expect(body.unreachable).toBe(2);
    expect(body.beds).toEqual({ total: 70, occupied: 2, free: 68, facilities: 2, reported: true });
    expect(body.requests).toEqual({ open: 2, overdue: 1 });
  });

  it('at the end of a past day: who was where, what was open then, the beds reported that day', async () => {
    const res = await city.get(`/api/v1/situation/care?date=${DAY}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.date).toBe(DAY);
    expect(body.places).toEqual([{ place: 'home', tierCode: null, tierName: null, cases: 1, others: 0 }]);
    expect(body.alerts).toEqual({ open: 1, emergency: 1, urgent: 0, watch: 0 });
    // Heard from at 08:00, 16 hours before the end of the day: not yet silent for 24 hours.
    expect(body.unreachable).toBe(0);
    expect(body.beds).toEqual({ total: 70, occupied: 32, free: 38, facilities: 2, reported: true });
    expect(body.requests).toEqual({ open: 1, overdue: 1 });
    const next = (await city.get(`/api/v1/situation/care?date=${addDays(DAY, 1)}`)).json();
    expect(next.unreachable).toBe(1);
    expect(next.beds.reported).toBe(false);
  });

  it("a commune's station sees its commune only; outside units are refused", async () => {
    const own = (await station.get('/api/v1/situation/care')).json();
    expect(own.places).toEqual([
      { place: 'home', tierCode: null, tierName: null, cases: 1, others: 0 },
      { place: 'treatment', tierCode: 'hospital_t2', tierName: 'Cơ sở điều trị tầng 2', cases: 1, others: 0 },
    ]);
    expect(own.unreachable).toBe(0);
    expect(own.beds.total).toBe(20);
    const outside = await station.get('/api/v1/situation/care?unit=03387');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toMatchObject({ code: 'unit_not_found', field: 'unit' });
    expect((await viewer.get('/api/v1/situation/care')).statusCode).toBe(200);
  });
});
