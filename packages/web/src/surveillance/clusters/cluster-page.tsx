import { ApartmentOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatNumber } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { LoadError } from '../shared/load-error.tsx';
import type { ClusterDetail } from '../shared/types.ts';
import { ClusterCases } from './cluster-cases.tsx';
import { ClusterClosing } from './cluster-closing.tsx';
import { ClusterCurve } from './cluster-curve.tsx';
import { ClusterStatusTag } from './cluster-status-tag.tsx';
import { ClusterTracing } from './cluster-tracing.tsx';
import { LockdownZones } from './lockdown-zones.tsx';
import { useCluster } from './use-cluster.ts';

function ClusterSummary({ cluster }: { cluster: ClusterDetail }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="cluster-detail" size="small">
      <Descriptions
        column={{ xs: 1, md: 2, xl: 3 }}
        size="small"
        items={[
          { key: 'unit', label: t('clusters.unit'), children: cluster.unitName },
          { key: 'openedOn', label: t('clusters.openedOn'), children: formatDate(cluster.openedOn) },
          { key: 'status', label: t('clusters.status'), children: <ClusterStatusTag cluster={cluster} /> },
          { key: 'cases', label: t('clusters.cases'), children: formatNumber(cluster.cases) },
          {
            key: 'lastCaseOn',
            label: t('clusters.lastCaseOn'),
            children: formatDate(cluster.lastCaseOn) || '—',
          },
          ...(cluster.closedOn
            ? [{ key: 'closedOn', label: t('clusters.closedOn'), children: formatDate(cluster.closedOn) }]
            : []),
          {
            key: 'villages',
            label: t('clusters.villages'),
            span: 'filled' as const,
            children:
              cluster.villages.length > 0 ? (
                <Space wrap size={4}>
                  {cluster.villages.map((village) => (
                    <Tag key={village}>{village}</Tag>
                  ))}
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}

/** /clusters/:id: one outbreak, its curve, tracing progress, lockdown zones, cases and closing. */
export function ClusterPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const cluster = useCluster(id);
  if (cluster.isPending) return <Skeleton active />;
  if (cluster.isError) {
    return <LoadError error={cluster.error} notFound={t('clusters.notFound')} testId="cluster-not-found" />;
  }
  const c = cluster.data;
  return (
    <>
      <PageHeader
        title={c.name}
        extra={
          <Link to={`/clusters/${c.id}/chain`} data-testid="cluster-chain-link">
            <Button icon={<ApartmentOutlined />}>{t('chain.open')}</Button>
          </Link>
        }
      />
      <Flex vertical gap={16}>
        <ClusterSummary cluster={c} />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <ClusterCurve cluster={c} />
          </Col>
          <Col xs={24} lg={10}>
            <ClusterTracing tracing={c.tracing} />
          </Col>
          <Col xs={24} lg={14}>
            <LockdownZones cluster={c} />
          </Col>
          <Col xs={24} lg={10}>
            <ClusterClosing cluster={c} />
          </Col>
        </Row>
        <ClusterCases cluster={c} />
      </Flex>
    </>
  );
}
