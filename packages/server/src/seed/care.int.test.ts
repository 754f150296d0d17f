import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from '../test/harness.ts';
import { type CareSummary, seedCare } from './care.ts';
import { seedDemoProvince } from './demo.ts';

/**
 * The care seed over the demo outbreak of Lai Châu on a registry a fortieth of its size (the
 * outbreak's story is the same: its cases come from the waves, not from the size of the registry).
 */
let db: TestDatabase;
let care: CareSummary | null;
const P = '12';

beforeAll(async () => {
  db = await createTestDatabase();
  await db.ownerPool.query(
    `UPDATE units SET population = ceil(population / 40.0) WHERE tree = '2021' AND province_code = $1`,
    [P],
  );
  await seedDemoProvince(db.ownerPool, P, TEST_PASSWORD, { vaccination: false, care: false });
  care = await seedCare(db.ownerPool, P);
}, 240_000);
afterAll(() => db.drop());

const one = async <T = Record<string, number>>(text: string): Promise<T> =>
  (await db.ownerPool.query(text, [P])).rows[0] as T;

describe('the demo care seed', () => {
  it('registers isolation sites per district and treatment facilities of each tier, ready or active today', async () => {
    expect(care).not.toBeNull();
    const f = await one(
      `SELECT (SELECT count(*) FROM units WHERE tree = '2021' AND province_code = $1 AND level = 'district')::int AS districts,
              count(DISTINCT unit_code) FILTER (WHERE kind = 'isolation')::int AS "isolationPlaces",
              count(*) FILTER (WHERE tier_code = 'hospital_t1')::int AS t1,
              count(*) FILTER (WHERE tier_code = 'hospital_t2')::int AS t2,
              count(*) FILTER (WHERE tier_code = 'hospital_t3')::int AS t3,
              count(*) FILTER (WHERE kind = 'treatment' AND tier_code IS NULL)::int AS "treatmentWithoutTier",
              count(*) FILTER (WHERE state NOT IN ('ready', 'active'))::int AS "neitherReadyNorActive",
              count(*) FILTER (WHERE occupied <> 0)::int AS occupied,
              min(beds)::int AS "minBeds", max(ecmo)::int AS ecmo
         FROM facilities WHERE province_code = $1`,
    );
    expect(f.isolationPlaces).toBe(f.districts);
    expect(f.t1).toBe(f.districts);
    expect(f.t2).toBe(f.districts);
    expect(f.t3).toBe(1);
    expect(f).toMatchObject({ treatmentWithoutTier: 0, neitherReadyNorActive: 0, occupied: 0, ecmo: 1 });
    expect(f.minBeds).toBeGreaterThan(0);
    // planned → ready → active …, each with its decision
    const s = await one(
      `SELECT count(*) FILTER (WHERE decided_by NOT LIKE 'Quyết định số %/QĐ-UBND ngày %'
                                 AND decided_by NOT LIKE 'Kế hoạch số %/KH-UBND ngày %')::int AS undecided,
              count(DISTINCT facility_id) FILTER (WHERE state = 'active')::int AS "everActive"
         FROM facility_states WHERE province_code = $1`,
    );
    expect(s.undecided).toBe(0);
    expect(s.everActive).toBeGreaterThan(10);
  });

  it('gives every case one episode and ends every episode', async () => {
    const e = await one(
      `SELECT (SELECT count(*) FROM cases WHERE province_code = $1)::int AS cases,
              (SELECT count(DISTINCT case_id) FROM care_episodes WHERE province_code = $1)::int AS "casesWithEpisode",
              (SELECT count(*) FROM care_episodes WHERE province_code = $1 AND reason = 'case')::int AS "caseEpisodes",
              (SELECT count(*) FROM care_episodes WHERE province_code = $1 AND reason = 'contact')::int AS "contactEpisodes",
              (SELECT count(*) FROM care_episodes WHERE province_code = $1 AND status <> 'ended')::int AS active,
              (SELECT count(*) FROM care_episodes e JOIN cases c ON c.id = e.case_id
                WHERE e.province_code = $1 AND (e.ended_on <> c.outcome_on OR e.start_on <> c.detected_on
                   OR e.release_criterion IS DISTINCT FROM c.outcome_criterion))::int AS "unlike their case",
              (SELECT count(*) FROM care_episodes WHERE province_code = $1 AND place = 'home'
                  AND (commitment_signer IS NULL OR commitment_on <> start_on
                       OR supervising_team NOT LIKE 'Tổ Covid cộng đồng %'))::int AS "home without commitment"`,
    );
    expect(e.cases).toBeGreaterThan(500);
    expect(e.casesWithEpisode).toBe(e.cases);
    expect(e.caseEpisodes).toBe(e.cases);
    expect(e.contactEpisodes).toBeGreaterThan(e.cases);
    expect(e).toMatchObject({ active: 0, 'unlike their case': 0, 'home without commitment': 0 });
  });

  it('never has more people in a facility than its beds on any day, and counts them from the stays', async () => {
    const d = await one(
      `SELECT count(*) FILTER (WHERE occupied > beds)::int AS above, max(occupied)::int AS peak, count(*)::int AS days
         FROM facility_days WHERE province_code = $1`,
    );
    expect(d.above).toBe(0);
    expect(d.peak).toBeGreaterThan(0);
    // the day a stay begins counts it
    const s = await one(
      `SELECT count(*)::int AS uncounted FROM care_stays s
         LEFT JOIN facility_days d ON d.facility_id = s.facility_id AND d.province_code = $1
                                  AND d.day = (s.from_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
        WHERE s.province_code = $1 AND s.facility_id IS NOT NULL AND coalesce(d.occupied, 0) = 0`,
    );
    expect(s.uncounted).toBe(0);
  });

  it('records about two monitoring entries a day for everyone at home, none outside a home stay', async () => {
    const m = await one(
      `WITH home AS (
         SELECT s.episode_id, extract(epoch FROM s.to_at - s.from_at) / 86400 AS days,
                (SELECT count(*) FROM monitoring_entries m WHERE m.episode_id = s.episode_id AND m.province_code = $1
                    AND m.recorded_at > s.from_at AND m.recorded_at < s.to_at) AS entries
           FROM care_stays s WHERE s.province_code = $1 AND s.place = 'home')
       SELECT (sum(entries) / sum(days))::float8 AS "perDay", count(*) FILTER (WHERE entries = 0)::int AS silent,
              (SELECT count(*) FROM monitoring_entries WHERE province_code = $1)::int - sum(entries)::int AS outside
         FROM home`,
    );
    expect(m.perDay).toBeGreaterThan(1.7);
    expect(m.perDay).toBeLessThan(2.1);
    expect(m.outside).toBe(0);
    const r = await one(
      `SELECT count(*) FILTER (WHERE spo2 BETWEEN 96 AND 99)::float8 / count(spo2) AS "normalSpo2",
              count(*) FILTER (WHERE severity > 0)::int AS flagged
         FROM monitoring_entries WHERE province_code = $1`,
    );
    expect(r.normalSpo2).toBeGreaterThan(0.95);
    expect(r.flagged).toBeGreaterThan(0);
  });

  it('moves a person from home to hospital only after a low SpO2 raised an alert, transferred by that move', async () => {
    const t = await one(
      `SELECT count(*)::int AS transfers,
              count(a.id)::int AS "withAlert",
              count(*) FILTER (WHERE a.status = 'transferred' AND a.handled_at = s.from_at AND a.raised_at < s.from_at
                                 AND 'low_spo2' = ANY(a.signs) AND m.spo2 <= 95 AND m.spo2_recheck <= 95)::int AS consistent
         FROM care_stays s
         JOIN care_stays b ON b.episode_id = s.episode_id AND b.province_code = $1 AND b.to_at = s.from_at AND b.place = 'home'
         LEFT JOIN care_alerts a ON a.id = s.alert_id AND a.province_code = $1
         LEFT JOIN monitoring_entries m ON m.id = a.entry_id AND m.province_code = $1
        WHERE s.province_code = $1 AND s.reason = 'transfer'`,
    );
    expect(t.transfers).toBeGreaterThan(0);
    expect(t.withAlert).toBe(t.transfers);
    expect(t.consistent).toBe(t.transfers);
    const open = await one(
      `SELECT count(*)::int AS n FROM care_alerts WHERE province_code = $1 AND status = 'open'`,
    );
    expect(open.n).toBe(0);
  });

  it('answers hotline requests of people at home mostly within the target, the late ones raised', async () => {
    const h = await one(
      `SELECT count(*)::int AS requests,
              count(*) FILTER (WHERE resolved_at > due_at)::int AS late,
              count(*) FILTER (WHERE resolved_at > due_at AND escalated_at IS DISTINCT FROM due_at)::int AS "lateNotRaised",
              count(*) FILTER (WHERE status <> 'resolved' OR episode_id IS NULL)::int AS odd,
              count(DISTINCT priority)::int AS priorities
         FROM hotline_requests WHERE province_code = $1`,
    );
    expect(h.requests).toBeGreaterThan(20);
    expect(h.late).toBeLessThan(h.requests * 0.15);
    expect(h).toMatchObject({ lateNotRaised: 0, odd: 0 });
    expect(h.priorities).toBeGreaterThanOrEqual(2);
    const n = await one(
      `SELECT count(DISTINCT n.unit_code)::int AS units,
              (SELECT count(*) FROM units WHERE tree = '2021' AND province_code = $1)::int AS expected,
              count(*) FILTER (WHERE n.phone !~ '^0[0-9]{3} [0-9]{3,4} [0-9]{3}$')::int AS odd
         FROM hotline_numbers n WHERE n.province_code = $1`,
    );
    expect(n.units).toBe(n.expected);
    expect(n.odd).toBe(0);
  });

  it('adds nothing when run again', async () => {
    const count = () =>
      one(
        `SELECT (SELECT count(*) FROM facilities WHERE province_code = $1)::int AS f,
                (SELECT count(*) FROM care_episodes WHERE province_code = $1)::int AS e,
                (SELECT count(*) FROM monitoring_entries WHERE province_code = $1)::int AS m,
                (SELECT count(*) FROM hotline_requests WHERE province_code = $1)::int AS h`,
      );
    const before = await count();
    expect(await seedCare(db.ownerPool, P)).toBeNull();
    await seedDemoProvince(db.ownerPool, P, TEST_PASSWORD, { vaccination: false });
    expect(await count()).toEqual(before);
  });
});
