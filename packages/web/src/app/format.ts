import dayjs from 'dayjs';

const numberFormat = new Intl.NumberFormat('vi-VN');

/** 1234567 → "1.234.567" (vi-VN grouping, whatever the UI language). */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : numberFormat.format(value);
}

/** "2021-07-15" or an ISO timestamp → "15/07/2021". */
export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('DD/MM/YYYY') : '';
}

/** An ISO timestamp → "15/07/2021 08:05" in the browser's time zone (seconds are noise to people). */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('DD/MM/YYYY HH:mm') : '';
}

/** Whether the days (YYYY-MM-DD or ISO timestamps) fall in more than one calendar year. */
export function spansYears(days: readonly string[]): boolean {
  if (days.length === 0) return false;
  const first = dayjs(days[0]).year();
  return days.some((day) => dayjs(day).year() !== first);
}

/**
 * The labels of a chart's day axis: "15/07", or "15/07/2021" when the days span more than one
 * year (a curve from 2021 into 2022 must not read as one season).
 */
export function formatAxisDays(days: readonly string[]): string[] {
  const format = spansYears(days) ? 'DD/MM/YYYY' : 'DD/MM';
  return days.map((day) => dayjs(day).format(format));
}
