import { useQuery } from '@tanstack/react-query';
import {
  CAPACITY_FIELDS,
  CAPACITY_LABELS,
  EPISODE_REASON_LABELS,
  FACILITY_KIND_LABELS,
  FACILITY_STATE_LABELS,
  FACILITY_TYPE_LABELS,
} from '@tuyendau/domain';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { CursorList, type ListColumn } from '../../app/cursor-list.tsx';
import { formatAxisDays, formatDate, formatNumber } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import { type ChartOption, EChart } from '../../surveillance/shared/echart.tsx';
import type { Episode } from '../episodes/types.ts';
import { FreeBeds, StateTag } from './bits.tsx';
import { AdmitDialog, DayDialog, StateDialog } from './facility-dialogs.tsx';
import type { FacilityDay, FacilityDetail } from './types.ts';

const EMPTY = '—';

/** Occupied and free beds per day: stacked bars (the free part is what was left of the beds reported). */
export function OccupancyChart({
  days,
  testId,
}: {
  days: { day: string; beds: number | null; occupied: number }[];
  testId: string;
}) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 40, right: 12, top: 16, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: formatAxisDays(days.map((d) => d.day)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          stack: 'beds',
          name: t('places.occupied'),
          data: days.map((d) => d.occupied),
          itemStyle: { color: '#cf1322' },
        },
        {
          type: 'bar',
          stack: 'beds',
          name: t('places.free'),
          data: days.map((d) => Math.max(0, (d.beds ?? 0) - d.occupied)),
          itemStyle: { color: '#95de64' },
        },
      ],
    }),
    [days, t],
  );
  return <EChart option={option} height={240} testId={testId} ariaLabel={t('places.historyChart')} />;
}

export function FacilityPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { id = '' } = useParams();
  const [dialog, setDialog] = useState<'state' | 'day' | 'admit'>();
  const facility = useQuery({
    queryKey: [`/facilities/${id}`],
    queryFn: () => api.get<FacilityDetail>(`/facilities/${id}`),
  });
  const episodes = useCursorList<Episode>('/care/episodes', { facility: id, limit: 50 });
  if (facility.isPending) return <Skeleton active />;
  if (facility.isError) return <Alert type="error" showIcon title={messageOf(facility.error)} />;
  const f = facility.data;
  const manage = can(me, 'facility.manage');
  const columns: ListColumn<Episode>[] = [
    {
      key: 'name',
      title: t('places.person'),
      card: 'title',
      render: (e) => <Link to={`/care/episodes/${e.id}`}>{e.personName}</Link>,
    },
    { key: 'reason', title: t('places.reason'), render: (e) => EPISODE_REASON_LABELS[e.reason] },
    {
      key: 'start',
      title: t('places.startOn'),
      render: (e) => `${formatDate(e.startOn)} · ${t('places.dayN', { n: e.day })}`,
    },
    { key: 'end', title: t('places.plannedEnd'), render: (e) => formatDate(e.plannedEndOn) || EMPTY },
  ];
  return (
    <>
      <PageHeader
        title={f.name}
        extra={
          <Flex gap={8} wrap>
            {can(me, 'care.write') && f.state === 'active' && (
              <Button type="primary" data-testid="facility-admit" onClick={() => setDialog('admit')}>
                {t('places.admit')}
              </Button>
            )}
            {manage && (
              <Button data-testid="facility-report-day" onClick={() => setDialog('day')}>
                {t('places.reportDay')}
              </Button>
            )}
            {manage && (
              <Button data-testid="facility-change-state" onClick={() => setDialog('state')}>
                {t('places.changeState')}
              </Button>
            )}
          </Flex>
        }
      />
      <Card data-testid="facility-detail">
        <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
          <StateTag state={f.state} />
          <FreeBeds beds={f.beds} occupied={f.occupied} testId="facility-free" />
          <Typography.Text data-testid="facility-occupied">
            {t('places.occupiedOf', { occupied: formatNumber(f.occupied), beds: formatNumber(f.beds) })}
          </Typography.Text>
        </Flex>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'kind', label: t('places.kind'), children: FACILITY_KIND_LABELS[f.kind] },
            { key: 'type', label: t('places.type'), children: FACILITY_TYPE_LABELS[f.type] },
            { key: 'tier', label: t('places.tier'), children: f.tierName ?? EMPTY },
            { key: 'unit', label: t('places.unit'), children: f.unitName ?? f.unitCode },
            { key: 'owner', label: t('places.owner'), children: f.owner ?? EMPTY },
            { key: 'phone', label: t('places.phone'), children: f.phone ?? EMPTY },
            { key: 'address', label: t('places.address'), span: 'filled', children: f.address ?? EMPTY },
            ...CAPACITY_FIELDS.map((c) => ({
              key: c,
              label: CAPACITY_LABELS[c],
              children: formatNumber(f[c]),
            })),
            { key: 'oxygen', label: t('places.oxygenSupply'), children: f.oxygenSupply ?? EMPTY },
          ]}
        />
      </Card>
      <Card title={t('places.history')} style={{ marginTop: 16 }}>
        <OccupancyChart days={f.days} testId="facility-chart" />
        <DaysTable days={f.days} />
      </Card>
      <Card title={t('places.inFacility')} style={{ marginTop: 16 }}>
        <CursorList<Episode>
          testId="facility-episodes"
          list={episodes}
          columns={columns}
          rowKey={(e) => e.id}
          href={(e) => `/care/episodes/${e.id}`}
          empty={t('places.nobodyIn')}
        />
      </Card>
      <Card title={t('places.states')} style={{ marginTop: 16 }}>
        <Timeline
          data-testid="facility-states"
          items={f.states.map((s) => ({
            key: s.id,
            children: (
              <>
                <Typography.Text strong>{FACILITY_STATE_LABELS[s.state]}</Typography.Text>{' '}
                {t('places.fromDay', { day: formatDate(s.effectiveOn) })}
                {s.decidedBy && <div>{t('places.decidedByLine', { by: s.decidedBy })}</div>}
                {s.note && (
                  <div>
                    <Typography.Text type="secondary">{s.note}</Typography.Text>
                  </div>
                )}
              </>
            ),
          }))}
        />
      </Card>
      {dialog === 'state' && <StateDialog facility={f} onClose={() => setDialog(undefined)} />}
      {dialog === 'day' && <DayDialog facility={f} onClose={() => setDialog(undefined)} />}
      {dialog === 'admit' && <AdmitDialog facility={f} onClose={() => setDialog(undefined)} />}
    </>
  );
}

/** The days with a report of their own, newest first. */
function DaysTable({ days }: { days: FacilityDay[] }) {
  const { t } = useTranslation();
  const reported = days.filter((d) => d.reported).reverse();
  if (!reported.length) return null;
  return (
    <Flex vertical gap={4} style={{ marginTop: 12 }} data-testid="facility-days">
      {reported.slice(0, 10).map((d) => (
        <Typography.Text key={d.day} type="secondary">
          {t('places.dayLine', {
            day: formatDate(d.day),
            beds: formatNumber(d.beds),
            occupied: formatNumber(d.occupied),
            icu: formatNumber(d.icuBeds),
            by: d.reportedBy ?? EMPTY,
          })}
        </Typography.Text>
      ))}
    </Flex>
  );
}
