import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { LoadMore } from '../../app/load-more.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import type { UnitDetail } from '../../units/types.ts';
import { UnitSelect } from '../../units/unit-select.tsx';
import type { WorklistItem } from '../shared/types.ts';
import { RetestModal } from './retest-modal.tsx';
import { TestsHeader } from './tests-nav.tsx';

/** /tests/worklist: members of positive pools still waiting for their individual retest. */
export function WorklistPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const [retest, setRetest] = useState<WorklistItem>();
  const items = useCursorList<WorklistItem>('/tests/worklist', { unit });
  const filterUnit = useQuery({
    queryKey: ['unit', unit],
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(unit!)}`),
    enabled: unit !== undefined,
  });
  return (
    <>
      <TestsHeader />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <UnitSelect
          data-testid="worklist-unit-filter"
          aria-label={t('tests.unitFilter')}
          placeholder={t('tests.unitFilter')}
          allowClear
          value={unit}
          known={filterUnit.data}
          onChange={(value) => setParams(value ? { unit: value } : {}, { replace: true })}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
      </Flex>
      {items.isError && (
        <Alert type="error" showIcon title={messageOf(items.error)} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="worklist-table">
        <Table<WorklistItem>
          rowKey={(item) => `${item.poolId}-${item.personId}`}
          size="middle"
          loading={items.isPending}
          dataSource={items.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('tests.worklistEmpty') }}
          columns={[
            {
              title: t('tests.person'),
              key: 'person',
              render: (_, item) => <Link to={`/persons/${item.personId}`}>{item.fullName}</Link>,
            },
            {
              title: t('cases.commune'),
              dataIndex: 'unitName',
              render: (name?: string | null) => name ?? '',
            },
            { title: t('cases.birthDate'), dataIndex: 'birthDate', render: formatDate },
            { title: t('tests.poolSampledAt'), dataIndex: 'poolSampledAt', render: formatDateTime },
            { title: t('tests.poolResultedAt'), dataIndex: 'poolResultedAt', render: formatDateTime },
            {
              title: t('tests.pool'),
              dataIndex: 'poolId',
              render: (poolId: string) => <Link to={`/tests/pools/${poolId}`}>{t('tests.openPool')}</Link>,
            },
            ...(can(me, 'case.write')
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    // Always in view on a phone, however far the table scrolls.
                    fixed: 'right' as const,
                    render: (_: unknown, item: WorklistItem) => (
                      <Button
                        data-testid="worklist-enter-result"
                        size="small"
                        type="primary"
                        onClick={() => setRetest(item)}
                      >
                        {t('tests.enterResult')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
      <LoadMore
        hasMore={items.hasNextPage}
        loading={items.isFetchingNextPage}
        onLoadMore={() => items.fetchNextPage()}
      />
      {retest && (
        <RetestModal
          personId={retest.personId}
          personName={retest.fullName}
          onClose={() => setRetest(undefined)}
        />
      )}
    </>
  );
}
