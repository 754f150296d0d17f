/** A calendar date without time zone: the only kind of date the domain rules need. */
export interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function calendarDate(y: number, m: number, d: number): CalendarDate | null {
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** Strict `YYYY-MM-DD` that names a real calendar day (no 2021-02-29), else null. */
export function parseIsoDate(s: string): CalendarDate | null {
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function formatIsoDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.y, 4)}-${pad(date.m, 2)}-${pad(date.d, 2)}`;
}

/** `2021-03-05` → `05/03/2021`. A value that is not a valid ISO date is returned unchanged, so a display never breaks. */
export function formatVnDate(iso: string): string {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  return `${String(date.d).padStart(2, '0')}/${String(date.m).padStart(2, '0')}/${date.y}`;
}

/** `05/03/2021` (or `5/3/2021`, as people type it) → `2021-03-05`; null when it is not a real date. */
export function parseVnDate(s: string): string | null {
  const match = VN_DATE.exec(s.trim());
  if (!match) return null;
  const date = calendarDate(Number(match[3]), Number(match[2]), Number(match[1]));
  return date ? formatIsoDate(date) : null;
}

function requireIsoDate(s: string, name: string): CalendarDate {
  const date = parseIsoDate(s);
  if (!date) throw new RangeError(`${name} is not a valid YYYY-MM-DD date: ${JSON.stringify(s)}`);
  return date;
}

/**
 * Age in whole years on `onDate`; both dates must be valid ISO dates (validate input first).
 * Someone born on 29 February turns a year older on 1 March in common years.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const birth = requireIsoDate(birthDate, 'birthDate');
  const on = requireIsoDate(onDate, 'onDate');
  const birthdayPassed = on.m > birth.m || (on.m === birth.m && on.d >= birth.d);
  return on.y - birth.y - (birthdayPassed ? 0 : 1);
}

/** True when ISO date `a` is strictly later than `b`; both must be valid ISO dates. */
export function isAfter(a: string, b: string): boolean {
  requireIsoDate(a, 'a');
  requireIsoDate(b, 'b');
  // Zero-padded YYYY-MM-DD strings sort like the dates they name.
  return a > b;
}
