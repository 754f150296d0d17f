import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api } from '../../app/api.ts';
import { CursorList, FilterBar } from '../../app/cursor-list.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
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
      <FilterBar>
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
      </FilterBar>
      <CursorList<WorklistItem>
        testId="worklist-table"
        list={items}
        rowKey={(item) => `${item.poolId}-${item.personId}`}
        href={(item) => `/persons/${item.personId}`}
        empty={t('tests.worklistEmpty')}
        columns={[
          {
            key: 'person',
            title: t('tests.person'),
            card: 'title',
            render: (item) => <Link to={`/persons/${item.personId}`}>{item.fullName}</Link>,
          },
          {
            key: 'unitName',
            title: t('cases.commune'),
            card: 'primary',
            render: (item) => item.unitName ?? '',
          },
          { key: 'birthDate', title: t('cases.birthDate'), render: (item) => formatDate(item.birthDate) },
          {
            key: 'poolSampledAt',
            title: t('tests.poolSampledAt'),
            card: 'primary',
            render: (item) => formatDateTime(item.poolSampledAt),
          },
          {
            key: 'poolResultedAt',
            title: t('tests.poolResultedAt'),
            render: (item) => formatDateTime(item.poolResultedAt),
          },
          {
            key: 'pool',
            title: t('tests.pool'),
            bare: true,
            render: (item) => <Link to={`/tests/pools/${item.poolId}`}>{t('tests.openPool')}</Link>,
          },
          ...(can(me, 'case.write')
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  card: 'extra' as const,
                  render: (item: WorklistItem) => (
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
