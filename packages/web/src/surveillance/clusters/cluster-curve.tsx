import { Card, Empty } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAxisDays, formatDate, formatNumber } from '../../app/format.ts';
import { type ChartOption, EChart } from '../shared/echart.tsx';
import type { ClusterDetail } from '../shared/types.ts';

/** The curve runs on after the last case for this many days (or until the cluster closed). */
const TAIL_DAYS = 28;
/** The opening day starts the curve unless it lies this far before the first case. */
const LEAD_DAYS = 60;

/** Every day from the cluster's start to a while after its last case, with zeros where nothing happened. */
export function dailyCurve(cluster: ClusterDetail, today = dayjs()): { on: string; cases: number }[] {
  const byDay = new Map(cluster.curve.map((point) => [dayjs(point.on).format('YYYY-MM-DD'), point.cases]));
  const days = [...byDay.keys()].sort();
  if (days.length === 0) return [];
  const firstCase = dayjs(days[0]);
  const lastCase = dayjs(days[days.length - 1]);
  const opened = dayjs(cluster.openedOn);
  const start = opened.isBefore(firstCase) && firstCase.diff(opened, 'day') <= LEAD_DAYS ? opened : firstCase;
  const stop = cluster.closedOn ? dayjs(cluster.closedOn) : today;
  const tail = lastCase.add(TAIL_DAYS, 'day');
  const end = stop.isBefore(lastCase) ? lastCase : stop.isAfter(tail) ? tail : stop;
  const out: { on: string; cases: number }[] = [];
  for (let day = start; !day.isAfter(end, 'day'); day = day.add(1, 'day')) {
    const on = day.format('YYYY-MM-DD');
    out.push({ on, cases: byDay.get(on) ?? 0 });
  }
  return out;
}

/** The epidemic curve of a cluster: new cases per day of detection. */
export function ClusterCurve({ cluster }: { cluster: ClusterDetail }) {
  const { t } = useTranslation();
  const points = useMemo(() => dailyCurve(cluster), [cluster]);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const [first] = Array.isArray(params) ? params : [params];
          if (!first) return '';
          const point = points[first.dataIndex];
          return `${formatDate(point.on)}: ${t('clusters.curveCases', { count: point.cases, n: formatNumber(point.cases) })}`;
        },
      },
      xAxis: { type: 'category', data: formatAxisDays(points.map((point) => point.on)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: points.map((point) => point.cases),
          barMaxWidth: 24,
          itemStyle: { color: '#cf1322' },
        },
      ],
    }),
    [points, t],
  );
  return (
    <Card data-testid="cluster-curve" title={t('clusters.curve')} size="small">
      {cluster.curve.length === 0 ? (
        <Empty description={t('clusters.curveEmpty')} />
      ) : (
        <EChart option={option} height={240} ariaLabel={t('clusters.curve')} />
      )}
    </Card>
  );
}
