import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { formatNumber } from '../../app/format.ts';

export type CountPeriod = 'week' | 'month';

/** One period of GET /cases/counts: `period` is its first day. */
export interface CountItem {
  period: string;
  cases: number;
  previous: number;
  /** cases / previous − 1; null when the previous period had no case. */
  change: number | null;
}

const ratioFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/**
 * A bar's label: "08/2021" for a month, "02/08" (its Monday) for a week, "02/08/2021" when the
 * weeks shown span more than one year.
 */
export function periodAxisLabel(period: string, kind: CountPeriod, withYear = false): string {
  return dayjs(period).format(kind === 'month' ? 'MM/YYYY' : withYear ? 'DD/MM/YYYY' : 'DD/MM');
}

/** "Tháng 08/2021", or "Tuần 02/08–08/08/2021". */
export function periodName(period: string, kind: CountPeriod, t: TFunction): string {
  const start = dayjs(period);
  if (kind === 'month') return t('cases.counts.month', { month: start.format('MM/YYYY') });
  return t('cases.counts.week', {
    start: start.format('DD/MM'),
    end: start.add(6, 'day').format('DD/MM/YYYY'),
  });
}

/**
 * The latest period against the one before it, as a command center reads it out:
 * "Tháng 08/2021: 412 ca, gấp 1,9 lần tháng 07/2021", "Tuần …: 30 ca, giảm 35% so với tuần trước".
 */
export function countsSentence(item: CountItem, kind: CountPeriod, t: TFunction): string {
  const previousName =
    kind === 'month'
      ? t('cases.counts.previousMonth', { month: dayjs(item.period).subtract(1, 'month').format('MM/YYYY') })
      : t('cases.counts.previousWeek');
  const ratio = item.previous > 0 ? item.cases / item.previous : null;
  let comparison: string;
  if (ratio === null) comparison = t('cases.counts.noPrevious', { previous: previousName });
  else if (ratio >= 1.5)
    comparison = t('cases.counts.times', { ratio: ratioFormat.format(ratio), previous: previousName });
  else if (ratio > 1)
    comparison = t('cases.counts.up', { percent: Math.round((ratio - 1) * 100), previous: previousName });
  else if (ratio < 1)
    comparison = t('cases.counts.down', { percent: Math.round((1 - ratio) * 100), previous: previousName });
  else comparison = t('cases.counts.same', { previous: previousName });
  return t('cases.counts.sentence', {
    count: item.cases,
    period: periodName(item.period, kind, t),
    cases: formatNumber(item.cases),
    comparison,
  });
}
