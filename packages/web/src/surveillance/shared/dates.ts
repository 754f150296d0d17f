import dayjs, { type Dayjs } from 'dayjs';

export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';

/** A picked day → "YYYY-MM-DD", the API's dates. */
export function isoDate(value: Dayjs): string {
  return value.format('YYYY-MM-DD');
}

/** A picked instant → ISO 8601 with the browser's offset ("2021-08-15T08:30:00+07:00"). */
export function isoDateTime(value: Dayjs): string {
  return value.format('YYYY-MM-DDTHH:mm:ssZ');
}

/** For DatePicker.disabledDate: nothing after today. */
export function afterToday(date: Dayjs): boolean {
  return date.isAfter(dayjs(), 'day');
}
