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

/** An ISO timestamp → "15/07/2021 08:05:09" in the browser's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('DD/MM/YYYY HH:mm:ss') : '';
}
