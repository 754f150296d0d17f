import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Segmented, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api } from '../../app/api.ts';
import { CursorList, FilterBar } from '../../app/cursor-list.tsx';
import { formatDate, formatNumber } from '../../app/format.ts';
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
  // Open on a day (the situation page links here).
  const openOn = params.get('openOn') ?? undefined;
  const clusters = useCursorList<Cluster>('/clusters', {
    status: status === 'all' ? undefined : status,
    unit,
    openOn,
  });
  const filterUnit = useQuery({
    queryKey: ['unit', unit],
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(unit!)}`),
    enabled: unit !== undefined,
  });

  function setFilter(name: 'status' | 'unit' | 'openOn', value: string | undefined): void {
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
      <FilterBar testId="cluster-filters">
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
        {openOn && (
          <Tag data-testid="cluster-open-on-filter" closable onClose={() => setFilter('openOn', undefined)}>
            {t('situation.openOn', { date: formatDate(openOn) })}
          </Tag>
        )}
      </FilterBar>
      <CursorList<Cluster>
        testId="cluster-table"
        list={clusters}
        rowKey={(cluster) => cluster.id}
        href={(cluster) => `/clusters/${cluster.id}`}
        empty={t('clusters.empty')}
        columns={[
          {
            key: 'name',
            title: t('clusters.name'),
            card: 'title',
            render: (cluster) => <Link to={`/clusters/${cluster.id}`}>{cluster.name}</Link>,
          },
          {
            key: 'unitName',
            title: t('clusters.unit'),
            card: 'primary',
            render: (cluster) => cluster.unitName,
          },
          {
            key: 'openedOn',
            title: t('clusters.openedOn'),
            card: 'primary',
            render: (cluster) => formatDate(cluster.openedOn),
          },
          {
            key: 'cases',
            title: t('clusters.cases'),
            card: 'primary',
            align: 'right',
            render: (cluster) => formatNumber(cluster.cases),
          },
          {
            key: 'lastCaseOn',
            title: t('clusters.lastCaseOn'),
            render: (cluster) => formatDate(cluster.lastCaseOn),
          },
          {
            key: 'closedOn',
            title: t('clusters.closedOn'),
            render: (cluster) => formatDate(cluster.closedOn),
          },
          {
            key: 'status',
            title: t('clusters.status'),
            card: 'extra',
            render: (cluster) => <ClusterStatusTag cluster={cluster} />,
          },
        ]}
      />
    </>
  );
}
