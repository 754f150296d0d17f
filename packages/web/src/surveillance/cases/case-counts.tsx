import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Segmented, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../../app/api.ts';
import { formatNumber, spansYears } from '../../app/format.ts';
import { type ChartOption, EChart } from '../shared/echart.tsx';
import {
  type CountItem,
  type CountPeriod,
  countsSentence,
  periodAxisLabel,
  periodName,
} from './counts-sentence.ts';

/** How many bars show at first; older periods are a drag of the zoom bar away. */
const VISIBLE_BARS = 26;

function chartOption(
  items: CountItem[],
  kind: CountPeriod,
  tooltip: (item: CountItem) => string,
): ChartOption {
  const start = items.length > VISIBLE_BARS ? 100 - (VISIBLE_BARS / items.length) * 100 : 0;
  const withYear = spansYears(items.map((item) => item.period));
  return {
    grid: { left: 48, right: 16, top: 16, bottom: items.length > VISIBLE_BARS ? 64 : 32 },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const [first] = Array.isArray(params) ? params : [params];
        return first ? tooltip(items[first.dataIndex]) : '';
      },
    },
    xAxis: {
      type: 'category',
      data: items.map((item) => periodAxisLabel(item.period, kind, withYear)),
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { formatter: (value: number) => formatNumber(value) },
    },
    dataZoom: items.length > VISIBLE_BARS ? [{ type: 'slider', start, end: 100 }] : [],
    series: [
      {
        type: 'bar',
        data: items.map((item) => item.cases),
        barMaxWidth: 48,
        itemStyle: { color: '#cf1322' },
      },
    ],
  };
}

/** New cases per week or month in the chosen unit, and the latest period against the one before. */
export function CaseCounts({ unit }: { unit?: string }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<CountPeriod>('week');
  const counts = useQuery({
    queryKey: ['/cases/counts', period, unit],
    queryFn: async () => (await api.get<{ items: CountItem[] }>('/cases/counts', { period, unit })).items,
  });
  const items = counts.data ?? [];
  const option = useMemo(
    () =>
      chartOption(
        items,
        period,
        (item) =>
          `${periodName(item.period, period, t)}<br/>${t('cases.counts.cases', { count: item.cases, n: formatNumber(item.cases) })}`,
      ),
    [items, period, t],
  );
  const latest = items.at(-1);
  return (
    <Card
      data-testid="case-counts"
      title={t('cases.counts.title')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        <Segmented<CountPeriod>
          data-testid="case-counts-period"
          size="small"
          value={period}
          onChange={setPeriod}
          options={[
            { value: 'week', label: t('cases.counts.byWeek') },
            { value: 'month', label: t('cases.counts.byMonth') },
          ]}
        />
      }
    >
      {counts.isPending && <Skeleton active paragraph={{ rows: 4 }} />}
      {counts.isError && <Alert type="error" showIcon title={messageOf(counts.error)} />}
      {counts.isSuccess && !latest && <Empty description={t('cases.counts.empty')} />}
      {latest && (
        <>
          <Typography.Paragraph data-testid="case-counts-sentence" strong style={{ marginBottom: 8 }}>
            {countsSentence(latest, period, t)}
          </Typography.Paragraph>
          <EChart
            option={option}
            height={240}
            testId="case-counts-chart"
            ariaLabel={t('cases.counts.title')}
          />
        </>
      )}
    </Card>
  );
}
