import {
  type MonitoringPolicy,
  monitoringPolicyAt,
  SPO2_CUTOFF_RANGE,
  versionAt,
  WARNING_POLICIES,
} from '@tuyendau/domain';
import type { Pool, PoolClient } from '../../db/pool.ts';

/**
 * A province's own home-care thresholds, kept in `settings` (a reference table):
 * - `care.spo2_cutoff.<province>`: SpO2 at or below which a reading is low (rules file §3.4 W3,
 *   the MoH cut-off is UNCONFIRMED; Hà Nội used < 95%, HCMC < 96%), 90–97;
 * - `care.unreachable_hours.<province>`: hours without an entry before a person at home is listed
 *   unreachable (policy default 24 h, UNCONFIRMED), 4–168.
 * Unset or out of range: the domain policy's value. Read at most once a minute per province.
 */
export interface ProvinceCareSettings {
  spo2AtMost: number | null;
  unreachableAfterHours: number | null;
}

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; value: ProvinceCareSettings }>();

export const UNREACHABLE_HOURS_RANGE = { min: 4, max: 168 } as const;

function inRange(value: string | undefined, range: { min: number; max: number }): number | null {
  if (value === undefined || !/^\d{1,3}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= range.min && n <= range.max ? n : null;
}

export async function provinceCareSettings(
  db: Pool | PoolClient,
  provinceCode: string,
  now = Date.now(),
): Promise<ProvinceCareSettings> {
  const hit = cache.get(provinceCode);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const { rows } = await db.query<{ key: string; value: string }>(
    'SELECT key, value FROM settings WHERE key = ANY($1::text[])',
    [[`care.spo2_cutoff.${provinceCode}`, `care.unreachable_hours.${provinceCode}`]],
  );
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const value = {
    spo2AtMost: inRange(byKey.get(`care.spo2_cutoff.${provinceCode}`), SPO2_CUTOFF_RANGE),
    unreachableAfterHours: inRange(
      byKey.get(`care.unreachable_hours.${provinceCode}`),
      UNREACHABLE_HOURS_RANGE,
    ),
  };
  cache.set(provinceCode, { at: now, value });
  return value;
}

/** Forgets what was read (a setting just changed; tests). */
export function forgetCareSettings(): void {
  cache.clear();
}

/** The SpO2 cut-off in force for a province on a day: its own, else the warning policy's. */
export function spo2CutoffOf(settings: ProvinceCareSettings, on: string): number {
  return settings.spo2AtMost ?? versionAt(WARNING_POLICIES, on).spo2AtMost;
}

/** The monitoring policy in force on a day, with the province's unreachable span. */
export function monitoringPolicyOf(
  settings: ProvinceCareSettings,
  on: string,
): MonitoringPolicy & { provinceOverride: boolean } {
  const base = monitoringPolicyAt(on);
  return settings.unreachableAfterHours
    ? {
        ...base,
        unreachableAfterHours: settings.unreachableAfterHours,
        graceHours: settings.unreachableAfterHours,
        provinceOverride: true,
      }
    : { ...base, provinceOverride: false };
}
