import { formatIsoDate, parseIsoDate } from '../dates/dates.ts';

const DAY_MS = 86_400_000;

function utcMs(iso: string): number {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  return Date.UTC(date.y, date.m - 1, date.d);
}

function isoOfUtcMs(ms: number): string {
  const date = new Date(ms);
  return formatIsoDate({ y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() });
}

/** `iso` plus `n` calendar days (n may be negative). Day 0 of a count is the date itself. */
export function addDays(iso: string, n: number): string {
  return isoOfUtcMs(utcMs(iso) + n * DAY_MS);
}

/** `iso` plus `n` calendar months; a day that the target month lacks becomes its last day (31/05 − 3 months = 28/02). */
export function addMonths(iso: string, n: number): string {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  const monthIndex = date.y * 12 + date.m - 1 + n;
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return formatIsoDate({ y, m, d: Math.min(date.d, lastDay) });
}

/** Whole days from `from` to `to`: 0 on the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}
