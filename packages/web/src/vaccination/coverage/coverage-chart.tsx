import { formatRate } from '@tuyendau/domain';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { STANDING_COLORS } from './standing.tsx';
import { type CoverageRow, standingOf } from './types.ts';

use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>;

interface CoverageChartProps {
  /** The child units, in the order shown (lowest rate first). */
  rows: CoverageRow[];
  /** The target of the unit itself, drawn as a line. */
  target: number | null;
  ariaLabel: string;
  targetLabel: string;
}

/**
 * The child units' rates as horizontal bars coloured by their standing against the target (the
 * same colours and words as the table's legend), the target as a vertical line. Loaded on its own
 * (echarts is large): the page shows the table first.
 */
export default function CoverageChart({ rows, target, ariaLabel, targetLabel }: CoverageChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  // Highest at the top: echarts draws the first category at the bottom.
  const shown = useMemo(() => rows.filter((r) => r.rate !== null), [rows]);
  const height = Math.max(160, shown.length * 28 + 60);

  useEffect(() => {
    const box = element.current;
    if (!box) return;
    const instance = init(box, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const option: Option = {
      grid: { left: 8, right: 48, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (value) => formatRate(Number(value) / 100),
      },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        data: shown.map((r) => r.unitName),
        axisLabel: { width: 120, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          data: shown.map((r) => ({
            value: Math.round((r.rate ?? 0) * 1000) / 10,
            itemStyle: { color: STANDING_COLORS[standingOf(r)] },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p) => formatRate(Number(p.value) / 100),
          },
          markLine:
            target === null
              ? undefined
              : {
                  symbol: 'none',
                  label: { formatter: `${targetLabel} ${formatRate(target)}`, position: 'end' },
                  lineStyle: { type: 'dashed', color: '#434343' },
                  data: [{ xAxis: Math.round(target * 1000) / 10 }],
                },
        },
      ],
    };
    chart.current?.setOption(option, { notMerge: true });
    chart.current?.resize();
  }, [shown, target, targetLabel]);

  return (
    <div
      ref={element}
      data-testid="coverage-chart"
      role="img"
      aria-label={ariaLabel}
      style={{ width: '100%', height }}
    />
  );
}
