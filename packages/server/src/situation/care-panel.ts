import { monitoringPolicyAt } from '@tuyendau/domain';
import type { Scope } from '../auth/scope.ts';
import { tierName } from '../cases/queries.ts';
import type { Pool } from '../db/pool.ts';
import { query, queryOne, sql } from '../db/sql.ts';
import { todayInVietnam } from '../http/time.ts';

/**
 * The isolation and home-care panel of the start pages (issue 10 §6), for a day: who is isolated
 * where (F0 at home, in an isolation site, in a treatment facility of each tier; contacts and
 * arrivals in quarantine), the warnings open and the people at home not heard from, the free beds,
 * the hotline requests open and overdue. For today the figures are those of now; for a past day,
 * those at the end of it (stays, alerts and requests carry their times; free beds come from the
 * facilities' daily reports).
 */
export interface CarePanel {
  date: string;
  /** Active episodes by place: F0 (reason case) and others (contacts, arrivals, other). */
  places: {
    place: 'home' | 'isolation' | 'treatment';
    tierCode: string | null;
    tierName: string | null;
    cases: number;
    others: number;
  }[];
  alerts: { open: number; emergency: number; urgent: number; watch: number };
  unreachable: number;
  beds: { total: number; occupied: number; free: number; facilities: number; reported: boolean };
  requests: { open: number; overdue: number };
}

/** The end of `day` in Vietnam, or now when `day` is today. */
const momentOf = (day: string, today: string) =>
  day >= today ? sql`now()` : sql`((${day}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;

export async function carePanelOf(pool: Pool, scope: Scope, date?: string): Promise<CarePanel> {
  const today = todayInVietnam();
  const day = date ?? today;
  const at = momentOf(day, today);
  const policy = monitoringPolicyAt(day);
  const episodes = scope.covers(sql`e.unit_code`, sql`e.province_code`);
  const [places, alerts, figures] = await Promise.all([
    query<{
      place: 'home' | 'isolation' | 'treatment';
      tierCode: string | null;
      tierName: string | null;
      cases: number;
      others: number;
    }>(
      pool,
      sql`SELECT CASE WHEN s.place = 'home' THEN 'home' ELSE f.kind END AS place,
                 f.tier_code AS "tierCode",
                 CASE WHEN f.tier_code IS NOT NULL THEN ${tierName(sql`f.tier_code`, sql`f.province_code`)} END AS "tierName",
                 count(*) FILTER (WHERE e.reason = 'case')::int AS cases,
                 count(*) FILTER (WHERE e.reason <> 'case')::int AS others
            FROM care_stays s
            JOIN care_episodes e ON e.id = s.episode_id AND e.province_code = s.province_code
            LEFT JOIN facilities f ON f.id = s.facility_id AND f.province_code = s.province_code
           WHERE ${episodes} AND s.from_at < ${at} AND (s.to_at IS NULL OR s.to_at >= ${at})
           GROUP BY 1, 2, 3
           ORDER BY 1, 2`,
      'situation_care_places*',
    ),
    // Raised by then and not yet handled then.
    query<{ severity: number; n: number }>(
      pool,
      sql`SELECT a.severity, count(*)::int AS n FROM care_alerts a
           WHERE ${scope.covers(sql`a.unit_code`, sql`a.province_code`)} AND a.raised_at < ${at}
             AND CASE WHEN a.status = 'open' THEN TRUE ELSE a.handled_at >= ${at} END
           GROUP BY 1`,
      'situation_care_alerts*',
    ),
    queryOne<{
      unreachable: number;
      beds: number | null;
      occupied: number | null;
      facilities: number;
      open: number;
      overdue: number;
    }>(
      pool,
      sql`SELECT
            -- At home at that moment and silent longer than the policy allows (or never heard from
            -- since the stay began, past the grace span).
            (SELECT count(*) FROM care_stays s
               JOIN care_episodes e ON e.id = s.episode_id AND e.province_code = s.province_code
               LEFT JOIN LATERAL (SELECT max(m.recorded_at) AS last FROM monitoring_entries m
                                   WHERE m.episode_id = e.id AND m.province_code = e.province_code AND m.recorded_at < ${at}) m ON TRUE
              WHERE ${episodes} AND s.place = 'home' AND s.from_at < ${at} AND (s.to_at IS NULL OR s.to_at >= ${at})
                AND CASE WHEN m.last IS NULL THEN s.from_at < ${at} - make_interval(hours => ${policy.graceHours})
                         ELSE m.last < ${at} - make_interval(hours => ${policy.unreachableAfterHours}) END)::int AS unreachable,
            ${
              day >= today
                ? sql`(SELECT sum(f.beds) FROM facilities f
                        WHERE ${scope.covers(sql`f.unit_code`, sql`f.province_code`)} AND f.state IN ('ready', 'active'))::int AS beds,
                      (SELECT sum(f.occupied) FROM facilities f
                        WHERE ${scope.covers(sql`f.unit_code`, sql`f.province_code`)} AND f.state IN ('ready', 'active'))::int AS occupied,
                      (SELECT count(*) FROM facilities f
                        WHERE ${scope.covers(sql`f.unit_code`, sql`f.province_code`)} AND f.state IN ('ready', 'active'))::int AS facilities,`
                : sql`(SELECT sum(d.beds) FROM facility_days d JOIN facilities f ON f.id = d.facility_id AND f.province_code = d.province_code
                        WHERE ${scope.covers(sql`f.unit_code`, sql`f.province_code`)} AND d.day = ${day}::date)::int AS beds,
                      (SELECT sum(d.occupied) FROM facility_days d JOIN facilities f ON f.id = d.facility_id AND f.province_code = d.province_code
                        WHERE ${scope.covers(sql`f.unit_code`, sql`f.province_code`)} AND d.day = ${day}::date)::int AS occupied,
                      (SELECT count(*) FROM facility_days d JOIN facilities f ON f.id = d.facility_id AND f.province_code = d.province_code
                        WHERE ${scope.covers(sql`f.unit_code`, sql`f.province_code`)} AND d.day = ${day}::date)::int AS facilities,`
            }
            (SELECT count(*) FROM hotline_requests r
              WHERE ${scope.covers(sql`r.unit_code`, sql`r.province_code`)} AND r.status <> 'cancelled'
                AND r.received_at < ${at} AND (r.resolved_at IS NULL OR r.resolved_at >= ${at}))::int AS open,
            (SELECT count(*) FROM hotline_requests r
              WHERE ${scope.covers(sql`r.unit_code`, sql`r.province_code`)} AND r.status <> 'cancelled'
                AND r.received_at < ${at} AND (r.resolved_at IS NULL OR r.resolved_at >= ${at}) AND r.due_at < ${at})::int AS overdue`,
      'situation_care*',
    ),
  ]);
  const f = figures!;
  const count = (which: (severity: number) => boolean) =>
    alerts.filter((a) => which(a.severity)).reduce((n, a) => n + a.n, 0);
  const beds = f.beds ?? 0;
  const occupied = f.occupied ?? 0;
  return {
    date: day,
    places,
    alerts: {
      open: count(() => true),
      emergency: count((n) => n >= 3),
      urgent: count((n) => n === 2),
      watch: count((n) => n <= 1),
    },
    unreachable: f.unreachable,
    beds: {
      total: beds,
      occupied,
      free: Math.max(0, beds - occupied),
      facilities: f.facilities,
      reported: f.beds !== null,
    },
    requests: { open: f.open, overdue: f.overdue },
  };
}
