import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Segmented, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { LoadMore } from '../../app/load-more.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import type { UnitDetail } from '../../units/types.ts';
import { UnitSelect } from '../../units/unit-select.tsx';
import type { Cluster } from '../shared/types.ts';
import { ClusterStatusTag } from './cluster-status-tag.tsx';

type StatusFilter = 'all' | 'open' | 'closed';

/** /clusters?status=open&unit=: the outbreaks (ổ dịch) of the account's area, newest first. */
export function ClusterListPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as StatusFilter | null) ?? 'all';
  const unit = params.get('unit') ?? undefined;
  const clusters = useCursorList<Cluster>('/clusters', {
    status: status === 'all' ? undefined : status,
    unit,
  });
  const filterUnit = useQuery({
    queryKey: ['unit', unit],
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(unit!)}`),
    enabled: unit !== undefined,
  });

  function setFilter(name: 'status' | 'unit', value: string | undefined): void {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && value !== 'all') next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  return (
    <>
      <PageHeader
        title={t('clusters.title')}
        extra={
          can(me, 'cluster.write') && (
            <Link to="/clusters/new">
              <Button data-testid="cluster-new-link" type="primary" icon={<PlusOutlined />}>
                {t('clusters.new')}
              </Button>
            </Link>
          )
        }
      />
      <Flex data-testid="cluster-filters" wrap gap={8} style={{ marginBottom: 16 }}>
        <Segmented<StatusFilter>
          data-testid="cluster-status-filter"
          value={status}
          onChange={(value) => setFilter('status', value)}
          options={[
            { value: 'all', label: t('clusters.all') },
            { value: 'open', label: t('clusters.open') },
            { value: 'closed', label: t('clusters.closed') },
          ]}
        />
        <UnitSelect
          data-testid="cluster-unit-filter"
          aria-label={t('clusters.unitFilter')}
          placeholder={t('clusters.unitFilter')}
          allowClear
          value={unit}
          known={filterUnit.data}
          onChange={(value) => setFilter('unit', value)}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
      </Flex>
      {clusters.isError && (
        <Alert type="error" showIcon title={messageOf(clusters.error)} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="cluster-table">
        <Table<Cluster>
          rowKey="id"
          size="middle"
          loading={clusters.isPending}
          dataSource={clusters.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('clusters.empty') }}
          columns={[
            {
              title: t('clusters.name'),
              dataIndex: 'name',
              render: (name: string, cluster) => <Link to={`/clusters/${cluster.id}`}>{name}</Link>,
            },
            { title: t('clusters.unit'), dataIndex: 'unitName' },
            { title: t('clusters.openedOn'), dataIndex: 'openedOn', render: formatDate },
            {
              title: t('clusters.cases'),
              dataIndex: 'cases',
              align: 'right',
              render: (cases: number) => formatNumber(cases),
            },
            { title: t('clusters.lastCaseOn'), dataIndex: 'lastCaseOn', render: formatDate },
            { title: t('clusters.closedOn'), dataIndex: 'closedOn', render: formatDate },
            {
              title: t('clusters.status'),
              key: 'status',
              render: (_, cluster) => <ClusterStatusTag cluster={cluster} />,
            },
          ]}
        />
      </div>
      <LoadMore
        hasMore={clusters.hasNextPage}
        loading={clusters.isFetchingNextPage}
        onLoadMore={() => clusters.fetchNextPage()}
      />
    </>
  );
}
