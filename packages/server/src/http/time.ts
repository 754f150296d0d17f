import { Type } from 'typebox';

/** Today's calendar date in Vietnam (UTC+7), as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A YYYY-MM-DD date in a query string or a body. The year 0000 passes the `date` format but not
 * PostgreSQL (there is no year 0): refused here, naming the field, instead of by a SQL error.
 */
export const DateString = () => Type.String({ format: 'date', pattern: '^(?!0000)' });
