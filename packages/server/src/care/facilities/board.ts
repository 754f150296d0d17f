import { daysUntilFull, nextWaveNeed, SEVERITY_TIER } from '@tuyendau/domain';
import type { Principal } from '../../auth/principal.ts';
import { ACTIVE_TREE } from '../../auth/scope.ts';
import type { Pool } from '../../db/pool.ts';
import { query, type SQL, sql } from '../../db/sql.ts';
import { badInput } from '../../http/errors.ts';
import { todayInVietnam } from '../../http/time.ts';
import { cachedByGeneration } from '../../vaccination/coverage-cache.ts';
import { unitFilter } from './service.ts';

function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface BoardFacility {
  id: string;
  name: string;
  kind: 'isolation' | 'treatment';
  state: string;
  unitCode: string;
  unitName: string | null;
  districtCode: string | null;
  districtName: string | null;
  provinceCode: string;
  provinceName: string | null;
  tierCode: string | null;
  tierName: string | null;
  tierNumber: number | null;
  beds: number;
  icuBeds: number;
  ventilators: number;
  occupied: number;
}

interface Sum {
  beds: number;
  occupied: number;
  free: number;
  facilities: number;
}

function add(
  map: Map<string, Sum & Record<string, unknown>>,
  key: string,
  f: BoardFacility,
  extra: Record<string, unknown>,
) {
  const s = map.get(key) ?? { ...extra, beds: 0, occupied: 0, free: 0, facilities: 0 };
  s.beds += f.beds;
  s.occupied += f.occupied;
  s.free += Math.max(0, f.beds - f.occupied);
  s.facilities += 1;
  map.set(key, s);
}

/** The scope of facilities (alias f): inside a unit of the jurisdiction, else the whole jurisdiction. */
async function facilityScope(pool: Pool, me: Principal, unit?: string): Promise<SQL> {
  return unit ? unitFilter(pool, me, unit, sql`f`) : me.scope.covers(sql`f.unit_code`, sql`f.province_code`);
}

/** Active and ready facilities of the scope, with their capacity and occupancy on `on` (today: as they stand now). */
async function facilitiesOn(pool: Pool, scope: SQL, on: string, today: string): Promise<BoardFacility[]> {
  const past = on < today;
  return query<BoardFacility>(
    pool,
    sql`SELECT f.id, f.name, f.kind, f.state, f.unit_code AS "unitCode", u.name AS "unitName",
               d.code AS "districtCode", d.name AS "districtName", f.province_code AS "provinceCode", pr.name AS "provinceName",
               f.tier_code AS "tierCode", t.name AS "tierName", t.tier AS "tierNumber",
               ${past ? sql`coalesce(r.beds, 0)` : sql`f.beds`} AS beds,
               ${past ? sql`coalesce(r.icu_beds, 0)` : sql`f.icu_beds`} AS "icuBeds",
               ${past ? sql`coalesce(r.ventilators, 0)` : sql`f.ventilators`} AS ventilators,
               ${
                 past
                   ? sql`(SELECT count(*)::int FROM care_stays s WHERE s.province_code = f.province_code AND s.facility_id = f.id
                            AND s.from_at < (${on}::date + 1)::timestamptz
                            AND (s.to_at IS NULL OR s.to_at >= (${on}::date + 1)::timestamptz))`
                   : sql`f.occupied`
               } AS occupied
          FROM facilities f
          LEFT JOIN units u ON u.tree = ${ACTIVE_TREE} AND u.code = f.unit_code
          LEFT JOIN units d ON d.tree = u.tree AND d.code = CASE WHEN u.level = 'district' THEN u.code ELSE u.district_code END
          LEFT JOIN units pr ON pr.tree = u.tree AND pr.code = f.province_code AND pr.level = 'province'
          LEFT JOIN LATERAL (SELECT ct.name, ct.tier FROM care_tiers ct WHERE ct.code = f.tier_code
                              AND ct.province_code IN (f.province_code, '00') ORDER BY ct.province_code = '00' LIMIT 1) t ON TRUE
          ${
            past
              ? sql`LEFT JOIN LATERAL (SELECT x.beds, x.icu_beds, x.ventilators FROM facility_days x
                                        WHERE x.facility_id = f.id AND x.province_code = f.province_code AND x.day <= ${on}::date
                                        ORDER BY x.day DESC LIMIT 1) r ON TRUE`
              : sql``
          }
         WHERE ${scope} AND f.state IN ('active', 'ready')
         ORDER BY f.name, f.id`,
  );
}

/**
 * GET /care/capacity: occupancy by facility, tier, district and province on a day (default today),
 * free beds, the trend of the last `days` days, days until full at the last 7 days' net intake, and
 * what the next wave would need (nextWaveNeed: its explanation says how). Set-based: one statement
 * per figure, over the facilities of the scope (a few hundred) and their stays, plus one count of
 * the active cases by severity and two counts of new cases.
 */
export async function capacityBoard(
  pool: Pool,
  me: Principal,
  q: { unit?: string; date?: string; days?: number },
): Promise<Awaited<ReturnType<typeof computeCapacityBoard>>> {
  const today = todayInVietnam();
  const on = q.date ?? today;
  if (on > today) throw badInput('Không xem công suất của ngày sau hôm nay', 'date', 'date_future');
  // The unit asked for is checked against the jurisdiction on every request; the figures are the
  // same for everyone who may see that unit, and are served from memory while the province's
  // 'care' counter (migration 0016: facilities, reports, stays, cases) stands still.
  const unit = q.unit ? await me.scope.unitInside(pool, q.unit, 'unit') : null;
  const province = unit?.provinceCode ?? (me.national ? null : (me.unit?.provinceCode ?? null));
  const area = unit?.code ?? me.unit?.code;
  if (!province || !area) return computeCapacityBoard(pool, me, q);
  return cachedByGeneration(
    pool,
    province,
    ['care'],
    `capacity|${q.unit ? 'unit' : 'own'}|${area}|${on}|${q.days ?? 30}`,
    () => computeCapacityBoard(pool, me, { ...q, date: on }),
  );
}

async function computeCapacityBoard(
  pool: Pool,
  me: Principal,
  q: { unit?: string; date?: string; days?: number },
) {
  const today = todayInVietnam();
  const on = q.date ?? today;
  if (on > today) throw badInput('Không xem công suất của ngày sau hôm nay', 'date', 'date_future');
  const n = q.days ?? 30;
  const from = addDaysIso(on, -(n - 1));
  const scope = await facilityScope(pool, me, q.unit);
  const caseScope = q.unit
    ? await unitFilter(pool, me, q.unit, sql`k`)
    : me.scope.covers(sql`k.unit_code`, sql`k.province_code`);
  const [facilities, trend, flow, severities, cases] = await Promise.all([
    facilitiesOn(pool, scope, on, today),
    query<{ day: string; occupied: number; beds: number; admitted: number; left: number }>(
      pool,
      // One pass over the stays and the reports of the window: the people there at its start, then
      // each day's arrivals and departures summed up; the beds reported last before or on each day,
      // summed as changes (a facility's first report counts whole, each later one by its difference).
      sql`WITH fs AS (SELECT f.id, f.province_code FROM facilities f WHERE ${scope}),
               st AS (SELECT s.from_at, s.to_at FROM care_stays s JOIN fs ON fs.id = s.facility_id AND fs.province_code = s.province_code
                       WHERE s.from_at < LEAST(now(), (${on}::date + 1)::timestamptz)
                         AND (s.to_at IS NULL OR s.to_at >= ${from}::date::timestamptz)),
               base AS (SELECT count(*) FILTER (WHERE from_at < ${from}::date::timestamptz)::int AS n FROM st),
               ins AS (SELECT from_at::date AS day, count(*)::int AS n FROM st
                        WHERE from_at >= ${from}::date::timestamptz GROUP BY 1),
               outs AS (SELECT to_at::date AS day, count(*)::int AS n FROM st
                         WHERE to_at IS NOT NULL AND to_at < LEAST(now(), (${on}::date + 1)::timestamptz) GROUP BY 1),
               -- Each facility's last report on or before the window's start (one index probe per
               -- facility), then its reports from that one on: not a probe per report of the history.
               last_before AS (
                 SELECT fs.id AS facility_id, fs.province_code,
                        (SELECT max(y.day) FROM facility_days y
                          WHERE y.facility_id = fs.id AND y.province_code = fs.province_code
                            AND y.day <= ${from}::date) AS day
                   FROM fs),
               reports AS (
                 SELECT x.facility_id, GREATEST(x.day, ${from}::date) AS day, x.day AS reported, x.beds
                   FROM last_before lb
                   JOIN facility_days x ON x.facility_id = lb.facility_id AND x.province_code = lb.province_code
                  WHERE x.day <= ${on}::date AND x.day >= coalesce(lb.day, '-infinity'::date)),
               deltas AS (
                 SELECT day, sum(beds - coalesce(prev, 0))::int AS n FROM (
                   SELECT day, beds, lag(beds) OVER (PARTITION BY facility_id ORDER BY reported) AS prev FROM reports) r
                  GROUP BY day),
               days AS (SELECT g.d::date AS day FROM generate_series(${from}::date, ${on}::date, interval '1 day') AS g(d))
          SELECT d.day::text AS day,
                 ((SELECT n FROM base) + sum(coalesce(i.n, 0) - coalesce(o.n, 0)) OVER w)::int AS occupied,
                 coalesce(i.n, 0) AS admitted, coalesce(o.n, 0) AS left,
                 (sum(coalesce(b.n, 0)) OVER w)::int AS beds
            FROM days d
            LEFT JOIN ins i ON i.day = d.day
            LEFT JOIN outs o ON o.day = d.day
            LEFT JOIN deltas b ON b.day = d.day
          WINDOW w AS (ORDER BY d.day)
           ORDER BY d.day`,
    ),
    query<{ opened: number; closed: number }>(
      pool,
      sql`WITH fs AS (SELECT f.id, f.province_code FROM facilities f WHERE ${scope})
          SELECT count(*) FILTER (WHERE s.from_at >= ${addDaysIso(on, -6)}::date::timestamptz)::int AS opened,
                 count(*) FILTER (WHERE s.to_at >= ${addDaysIso(on, -6)}::date::timestamptz
                                    AND s.to_at < (${on}::date + 1)::timestamptz)::int AS closed
            FROM care_stays s JOIN fs ON fs.id = s.facility_id AND fs.province_code = s.province_code
           WHERE s.from_at < (${on}::date + 1)::timestamptz
             AND (s.from_at >= ${addDaysIso(on, -6)}::date::timestamptz OR s.to_at >= ${addDaysIso(on, -6)}::date::timestamptz)`,
    ),
    query<{ severity: string; count: number }>(
      pool,
      // The active F0 of the scope by severity: read through the partial index of active cases
      // (cases_one_active_idx), not by joining every active episode to its case (10 ms against 100
      // ms for 20,000 active in a province of 80,000 cases).
      sql`SELECT k.severity, count(*)::int AS count
            FROM cases k
           WHERE k.status = 'active' AND ${caseScope}
           GROUP BY k.severity`,
    ),
    query<{ lastWeek: number; weekBefore: number }>(
      pool,
      sql`SELECT count(*) FILTER (WHERE k.detected_on > ${addDaysIso(on, -7)}::date)::int AS "lastWeek",
                 count(*) FILTER (WHERE k.detected_on <= ${addDaysIso(on, -7)}::date)::int AS "weekBefore"
            FROM cases k
           WHERE ${caseScope} AND k.detected_on > ${addDaysIso(on, -14)}::date AND k.detected_on <= ${on}::date`,
    ),
  ]);

  const active = facilities.filter((f) => f.state === 'active');
  const byTier = new Map<string, Sum & Record<string, unknown>>();
  const byDistrict = new Map<string, Sum & Record<string, unknown>>();
  const byProvince = new Map<string, Sum & Record<string, unknown>>();
  const freeByTier: Record<number, number> = {};
  for (const f of active) {
    const tierKey = f.kind === 'isolation' ? 'isolation' : (f.tierCode ?? 'none');
    add(byTier, tierKey, f, {
      code: tierKey,
      name: f.kind === 'isolation' ? 'Cơ sở cách ly tập trung' : (f.tierName ?? 'Chưa phân tầng'),
      tier: f.kind === 'isolation' ? null : f.tierNumber,
    });
    add(byDistrict, f.districtCode ?? f.unitCode, f, {
      code: f.districtCode ?? f.unitCode,
      name: f.districtName ?? f.unitName,
    });
    add(byProvince, f.provinceCode, f, { code: f.provinceCode, name: f.provinceName });
    const tierNumber = f.kind === 'isolation' ? 1 : (f.tierNumber ?? 1);
    freeByTier[tierNumber] = (freeByTier[tierNumber] ?? 0) + Math.max(0, f.beds - f.occupied);
  }
  const total = [...byProvince.values()].reduce(
    (s, p) => ({ beds: s.beds + p.beds, occupied: s.occupied + p.occupied, free: s.free + p.free }),
    { beds: 0, occupied: 0, free: 0 },
  );
  const reserve = facilities
    .filter((f) => f.state === 'ready')
    .reduce((s, f) => ({ facilities: s.facilities + 1, beds: s.beds + f.beds }), { facilities: 0, beds: 0 });
  const f0 = flow[0] ?? { opened: 0, closed: 0 };
  const netPerDay = (f0.opened - f0.closed) / 7;
  const activeBySeverityTier: Record<number, number> = {};
  for (const s of severities) {
    const tier = SEVERITY_TIER[s.severity] ?? 1;
    activeBySeverityTier[tier] = (activeBySeverityTier[tier] ?? 0) + s.count;
  }
  const c0 = cases[0] ?? { lastWeek: 0, weekBefore: 0 };
  return {
    date: on,
    total: { ...total, facilities: active.length },
    reserve,
    facilities: facilities.map((f) => ({ ...f, free: Math.max(0, f.beds - f.occupied) })),
    byTier: [...byTier.values()].sort((a, b) => Number(a.tier ?? 0) - Number(b.tier ?? 0)),
    byDistrict: [...byDistrict.values()].sort((a, b) => String(a.name).localeCompare(String(b.name), 'vi')),
    byProvince: [...byProvince.values()],
    trend,
    intake: {
      admittedLast7Days: f0.opened,
      leftLast7Days: f0.closed,
      netPerDay: Math.round(netPerDay * 10) / 10,
      daysUntilFull: daysUntilFull(total.free, netPerDay),
      explanation:
        'Số ngày đến khi hết giường = số giường trống hôm nay chia cho số người vào cơ sở trừ số người ra ' +
        'trung bình mỗi ngày trong 7 ngày qua; không tính khi số người ra nhiều hơn số người vào.',
    },
    nextWave: nextWaveNeed({
      casesLastWeek: c0.lastWeek,
      casesWeekBefore: c0.weekBefore,
      activeBySeverityTier,
      freeByTier,
    }),
  };
}

/** Free beds of the active facilities of the scope, in all and by kind and tier, for the situation page. */
export async function freeBeds(pool: Pool, me: Principal, unit?: string) {
  const today = todayInVietnam();
  const facilities = await facilitiesOn(pool, await facilityScope(pool, me, unit), today, today);
  const active = facilities.filter((f) => f.state === 'active');
  const sum = (list: BoardFacility[]) =>
    list.reduce(
      (s, f) => ({
        beds: s.beds + f.beds,
        occupied: s.occupied + f.occupied,
        free: s.free + Math.max(0, f.beds - f.occupied),
      }),
      { beds: 0, occupied: 0, free: 0 },
    );
  const tiers = new Map<string, BoardFacility[]>();
  for (const f of active.filter((x) => x.kind === 'treatment')) {
    const key = f.tierCode ?? '';
    tiers.set(key, [...(tiers.get(key) ?? []), f]);
  }
  return {
    ...sum(active),
    isolation: sum(active.filter((f) => f.kind === 'isolation')),
    treatment: [...tiers.entries()]
      .map(([code, list]) => ({
        code,
        name: list[0].tierName ?? 'Chưa phân tầng',
        tier: list[0].tierNumber,
        ...sum(list),
      }))
      .sort((a, b) => (a.tier ?? 99) - (b.tier ?? 99)),
  };
}
