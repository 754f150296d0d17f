import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { formatDate } from '../app/format.ts';
import { afterToday, DATE_FORMAT, isoDate } from '../surveillance/shared/dates.ts';
import type { Freshness } from './types.ts';
import type { PanelParams } from './use-start-params.ts';

/** A day whose newest data is further back than this reads as "no data here": the page says so. */
const STALE_AFTER_DAYS = 30;

/** The newest day of each source of the area (cases, tests, contacts). */
export function useFreshness(unit: string | undefined) {
  return useQuery({
    queryKey: ['/situation/latest', unit],
    queryFn: () => api.get<Freshness>('/situation/latest', { unit }),
    staleTime: 60_000,
  });
}

interface DateBarProps {
  params: PanelParams;
  onChange: (date: string | undefined) => void;
}

/**
 * The day a start page shows (dd/mm/yyyy, today by default) and, when the newest data of the area
 * is more than 30 days older than that day, a notice naming it with buttons to show the newest
 * day with cases and the newest day of any data.
 */
export function DateBar({ params, onChange }: DateBarProps) {
  const { t } = useTranslation();
  const freshness = useFreshness(params.unit);
  const today = freshness.data?.today ?? isoDate(dayjs());
  const date = params.date ?? today;
  const latest = freshness.data?.latestOn ?? null;
  const stale = latest !== null && dayjs(date).diff(dayjs(latest), 'day') > STALE_AFTER_DAYS;
  const sources = freshness.data?.latest;
  const offered = sources?.cases ?? latest;
  const dayOf = (value: string | null | undefined) => (value ? formatDate(value) : t('situation.noData'));
  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      <Flex wrap gap={8} align="center">
        <Typography.Text type="secondary">{t('situation.date')}</Typography.Text>
        <DatePicker
          id="start-date"
          data-testid="start-date"
          aria-label={t('situation.date')}
          format={DATE_FORMAT}
          allowClear={false}
          value={dayjs(date)}
          disabledDate={afterToday}
          onChange={(value) => onChange(value && isoDate(value) !== today ? isoDate(value) : undefined)}
          style={{ width: 150 }}
        />
        {date !== today && (
          <Button data-testid="start-today" onClick={() => onChange(undefined)}>
            {t('situation.today')}
          </Button>
        )}
      </Flex>
      {stale && (
        <Alert
          data-testid="start-stale"
          type="info"
          showIcon
          title={t('situation.latestData', { date: formatDate(latest) })}
          description={
            <Flex vertical gap={8} align="flex-start">
              <span>
                {t('situation.latestDetail', {
                  cases: dayOf(sources?.cases),
                  tests: dayOf(sources?.tests),
                  contacts: dayOf(sources?.contacts),
                })}
              </span>
              <Flex wrap gap={8}>
                {/* New cases lead both start pages: their newest day first, then the newest of any data. */}
                <Button
                  data-testid="start-latest"
                  type="primary"
                  onClick={() => onChange(offered ?? undefined)}
                >
                  {t('situation.showLatest', { date: formatDate(offered) })}
                </Button>
                {offered !== latest && (
                  <Button data-testid="start-latest-any" onClick={() => onChange(latest ?? undefined)}>
                    {t('situation.showLatest', { date: formatDate(latest) })}
                  </Button>
                )}
              </Flex>
            </Flex>
          }
        />
      )}
      {freshness.data && latest === null && (
        <Alert data-testid="start-no-data" type="info" showIcon title={t('situation.noDataAtAll')} />
      )}
    </Flex>
  );
}
