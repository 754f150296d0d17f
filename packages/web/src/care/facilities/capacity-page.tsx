import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, messageOf } from '../../app/api.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { FreeBeds } from './bits.tsx';
import { OccupancyChart } from './facility-page.tsx';
import type { CapacityBoard, Sum } from './types.ts';

/** The capacity board: beds, occupancy and free beds by tier, district, province and facility; trend; next wave. */
export function CapacityPage() {
  const { t } = useTranslation();
  const board = useQuery({
    queryKey: ['/care/capacity'],
    queryFn: () => api.get<CapacityBoard>('/care/capacity', { days: 30 }),
  });
  if (board.isPending) return <Skeleton active />;
  if (board.isError) return <Alert type="error" showIcon title={messageOf(board.error)} />;
  const b = board.data;
  const sumColumns = (title: string) => [
    { key: 'name', title, render: (s: Sum) => s.name ?? s.code },
    {
      key: 'facilities',
      title: t('places.facilitiesCount'),
      align: 'right' as const,
      render: (s: Sum) => formatNumber(s.facilities),
    },
    {
      key: 'beds',
      title: t('places.beds'),
      align: 'right' as const,
      render: (s: Sum) => formatNumber(s.beds),
    },
    {
      key: 'occupied',
      title: t('places.occupied'),
      align: 'right' as const,
      render: (s: Sum) => formatNumber(s.occupied),
    },
    {
      key: 'free',
      title: t('places.freeBeds'),
      render: (s: Sum) => <FreeBeds beds={s.beds} occupied={s.occupied} />,
    },
  ];
  const table = (rows: Sum[], title: string, testId: string) => (
    <Table<Sum>
      data-testid={testId}
      size="small"
      rowKey={(s) => s.code}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={sumColumns(title).map((c) => ({ ...c, render: (_: unknown, s: Sum) => c.render(s) }))}
      locale={{ emptyText: t('places.noFacility') }}
    />
  );
  return (
    <>
      <PageHeader title={t('places.capacityTitle')} />
      <Typography.Paragraph type="secondary">
        {t('places.asOf', { day: formatDate(b.date) })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} data-testid="capacity-totals">
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('places.beds')} value={formatNumber(b.total.beds)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('places.occupied')} value={formatNumber(b.total.occupied)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('places.freeToday')}
              value={formatNumber(b.total.free)}
              data-testid="capacity-free"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('places.daysUntilFull')}
              value={
                b.intake.daysUntilFull === null
                  ? t('places.notFilling')
                  : b.intake.daysUntilFull > 90
                    ? t('places.over90')
                    : formatNumber(b.intake.daysUntilFull)
              }
            />
          </Card>
        </Col>
      </Row>
      <Card title={t('places.trend')} style={{ marginTop: 16 }}>
        <OccupancyChart days={b.trend} testId="capacity-chart" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('places.intakeLine', {
            admitted: formatNumber(b.intake.admittedLast7Days),
            left: formatNumber(b.intake.leftLast7Days),
            net: b.intake.netPerDay.toLocaleString('vi-VN'),
          })}{' '}
          {b.intake.explanation}
        </Typography.Paragraph>
      </Card>
      <Card title={t('places.nextWave')} style={{ marginTop: 16 }} data-testid="capacity-wave">
        <Typography.Paragraph>{b.nextWave.explanation}</Typography.Paragraph>
        <Table
          size="small"
          rowKey={(r) => String(r.tier)}
          pagination={false}
          dataSource={b.nextWave.byTier}
          columns={[
            { key: 'tier', title: t('places.tier'), render: (_, r) => t('places.tierN', { n: r.tier }) },
            {
              key: 'share',
              title: t('places.share'),
              align: 'right',
              render: (_, r) => `${Math.round(r.share * 100)}%`,
            },
            {
              key: 'needed',
              title: t('places.needed'),
              align: 'right',
              render: (_, r) => formatNumber(r.needed),
            },
            {
              key: 'free',
              title: t('places.freeToday'),
              align: 'right',
              render: (_, r) => formatNumber(r.free),
            },
            {
              key: 'shortfall',
              title: t('places.shortfall'),
              align: 'right',
              render: (_, r) => (
                <Typography.Text type={r.shortfall > 0 ? 'danger' : undefined}>
                  {formatNumber(r.shortfall)}
                </Typography.Text>
              ),
            },
          ]}
        />
        {b.reserve.facilities > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('places.reserve', { facilities: b.reserve.facilities, beds: formatNumber(b.reserve.beds) })}
          </Typography.Paragraph>
        )}
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card title={t('places.byTier')}>{table(b.byTier, t('places.tier'), 'capacity-tiers')}</Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('places.byDistrict')}>
            {table(b.byDistrict, t('places.district'), 'capacity-districts')}
          </Card>
        </Col>
      </Row>
      <Card title={t('places.byFacility')} style={{ marginTop: 16 }}>
        <Flex vertical gap={8} data-testid="capacity-facilities">
          {b.facilities.map((f) => (
            <Flex key={f.id} justify="space-between" align="center" wrap gap={8}>
              <Link to={`/care/facilities/${f.id}`}>{f.name}</Link>
              <Flex gap={8} align="center">
                <Typography.Text type="secondary">{f.tierName ?? f.districtName ?? ''}</Typography.Text>
                {f.state === 'active' ? (
                  <FreeBeds beds={f.beds} occupied={f.occupied} />
                ) : (
                  <Typography.Text type="secondary">
                    {t('places.readyReserve', { beds: formatNumber(f.beds) })}
                  </Typography.Text>
                )}
              </Flex>
            </Flex>
          ))}
        </Flex>
      </Card>
    </>
  );
}
