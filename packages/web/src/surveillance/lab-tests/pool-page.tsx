import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, Skeleton, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { LoadError } from '../shared/load-error.tsx';
import { TestResultTag } from '../shared/tags.tsx';
import type { Pool, PoolMember } from '../shared/types.ts';
import { PoolResultForm } from './pool-result-form.tsx';

const MEMBER_COLORS: Record<string, string> = {
  pending: 'default',
  negative: 'green',
  retest_pending: 'orange',
  retest_negative: 'green',
  retest_positive: 'red',
  positive: 'red',
  retested: 'blue',
};

/** /tests/pools/:id: a pooled sample, its members, and its result. */
export function PoolPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { id } = useParams();
  const pool = useQuery({
    queryKey: ['pool', id],
    queryFn: () => api.get<Pool>(`/tests/pools/${encodeURIComponent(id!)}`),
    enabled: id !== undefined,
  });
  if (pool.isPending) return <Skeleton active />;
  if (pool.isError)
    return <LoadError error={pool.error} notFound={t('tests.poolNotFound')} testId="pool-not-found" />;
  const p = pool.data;
  const retest = p.members.some((member) => member.status === 'retest_pending');
  return (
    <>
      <PageHeader title={t('tests.poolTitle', { count: p.members.length })} />
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        <Card data-testid="pool-detail" size="small">
          <Descriptions
            column={{ xs: 1, md: 3 }}
            size="small"
            items={[
              { key: 'sampledAt', label: t('tests.sampledAt'), children: formatDateTime(p.sampledAt) },
              {
                key: 'resultedAt',
                label: t('tests.resultedAt'),
                children: formatDateTime(p.resultedAt) || '—',
              },
              { key: 'result', label: t('tests.result'), children: <TestResultTag result={p.result} /> },
              ...(p.site ? [{ key: 'site', label: t('tests.site'), children: p.site }] : []),
            ]}
          />
        </Card>
        {retest && (
          <Alert
            type="warning"
            showIcon
            title={t('tests.poolRetest')}
            action={<Link to="/tests/worklist">{t('tests.tabWorklist')}</Link>}
          />
        )}
        <Card title={t('tests.poolMembersTitle')} size="small">
          <Table<PoolMember>
            data-testid="pool-member-table"
            rowKey="personId"
            size="small"
            pagination={false}
            dataSource={p.members}
            columns={[
              {
                title: t('tests.person'),
                dataIndex: 'fullName',
                render: (name: string, member) => <Link to={`/persons/${member.personId}`}>{name}</Link>,
              },
              {
                title: t('tests.memberStatusTitle'),
                dataIndex: 'status',
                render: (status: string) => (
                  <Tag color={MEMBER_COLORS[status] ?? 'default'}>
                    {t(`tests.memberStatus.${status}`, { defaultValue: t('tests.memberStatus.unknown') })}
                  </Tag>
                ),
              },
            ]}
          />
        </Card>
        {p.result === 'pending' && can(me, 'case.write') && <PoolResultForm pool={p} />}
      </Flex>
    </>
  );
}
