import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Select, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, messageOf } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { LoadMore } from '../../app/load-more.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import type { UnitDetail } from '../../units/types.ts';
import { UnitSelect } from '../../units/unit-select.tsx';
import { DATE_FORMAT, isoDate } from '../shared/dates.ts';
import {
  labelOf,
  optionsOf,
  TEST_KIND_LABELS,
  TEST_PERFORMER_LABELS,
  TEST_RESULT_LABELS,
  TEST_RESULTS,
  type TestKind,
  type TestPerformer,
  type TestResult,
} from '../shared/labels.ts';
import { TestResultTag } from '../shared/tags.tsx';
import type { Test } from '../shared/types.ts';
import { TestsHeader } from './tests-nav.tsx';

const FILTERS = ['unit', 'result', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** /tests?unit=&result=&from=&to=: the tests of the account's area, newest first. */
export function TestListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const tests = useCursorList<Test>('/tests', filters);
  const unit = useQuery({
    queryKey: ['unit', filters.unit],
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(filters.unit!)}`),
    enabled: filters.unit !== undefined,
  });

  function setFilters(changes: Filters): void {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  }

  const range: [Dayjs | null, Dayjs | null] = [
    filters.from ? dayjs(filters.from) : null,
    filters.to ? dayjs(filters.to) : null,
  ];
  return (
    <>
      <TestsHeader />
      <Flex data-testid="test-filters" wrap gap={8} style={{ marginBottom: 16 }}>
        <UnitSelect
          data-testid="test-unit-filter"
          aria-label={t('tests.unitFilter')}
          placeholder={t('tests.unitFilter')}
          allowClear
          value={filters.unit}
          known={unit.data}
          onChange={(value) => setFilters({ unit: value })}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
        <Select
          data-testid="test-result-filter"
          aria-label={t('tests.result')}
          placeholder={t('tests.result')}
          allowClear
          value={filters.result}
          options={optionsOf(TEST_RESULTS, TEST_RESULT_LABELS)}
          onChange={(result) => setFilters({ result })}
          style={{ flex: '1 1 180px', maxWidth: 240 }}
        />
        <DatePicker.RangePicker
          data-testid="test-date-filter"
          format={DATE_FORMAT}
          placeholder={[t('tests.sampledFrom'), t('tests.sampledTo')]}
          allowEmpty={[true, true]}
          value={range}
          onChange={(dates) =>
            setFilters({
              from: dates?.[0] ? isoDate(dates[0]) : undefined,
              to: dates?.[1] ? isoDate(dates[1]) : undefined,
            })
          }
          style={{ flex: '1 1 240px', maxWidth: 300 }}
        />
        {Object.keys(filters).length > 0 && (
          <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Flex>
      {tests.isError && (
        <Alert type="error" showIcon title={messageOf(tests.error)} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="test-table">
        <Table<Test>
          rowKey="id"
          size="middle"
          loading={tests.isPending}
          dataSource={tests.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('tests.empty') }}
          columns={[
            {
              title: t('tests.person'),
              dataIndex: 'personName',
              render: (name: string | null, test) => {
                if (test.kind === 'rt_pcr_pool')
                  return <Link to={`/tests/pools/${test.id}`}>{t('tests.poolRow')}</Link>;
                return test.personId ? (
                  <Link to={`/persons/${test.personId}`}>{name ?? test.personId}</Link>
                ) : (
                  '—'
                );
              },
            },
            {
              title: t('tests.kind'),
              dataIndex: 'kind',
              render: (kind: TestKind) => labelOf(TEST_KIND_LABELS, kind),
            },
            {
              title: t('tests.performer'),
              dataIndex: 'performer',
              render: (performer: TestPerformer) => labelOf(TEST_PERFORMER_LABELS, performer),
            },
            { title: t('tests.site'), dataIndex: 'site', render: (site: string | null) => site || '—' },
            { title: t('tests.sampledAt'), dataIndex: 'sampledAt', render: formatDateTime },
            { title: t('tests.resultedAt'), dataIndex: 'resultedAt', render: formatDateTime },
            {
              title: t('tests.result'),
              dataIndex: 'result',
              render: (result: TestResult) => <TestResultTag result={result} />,
            },
            {
              title: t('tests.pool'),
              dataIndex: 'poolId',
              render: (poolId: string | null) =>
                poolId ? <Link to={`/tests/pools/${poolId}`}>{t('tests.openPool')}</Link> : '',
            },
          ]}
        />
      </div>
      <LoadMore
        hasMore={tests.hasNextPage}
        loading={tests.isFetchingNextPage}
        onLoadMore={() => tests.fetchNextPage()}
      />
    </>
  );
}
