import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { CursorList, FilterBar } from '../../app/cursor-list.tsx';
import { formatDateTime } from '../../app/format.ts';
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
} from '../shared/labels.ts';
import { TestResultTag } from '../shared/tags.tsx';
import type { Test } from '../shared/types.ts';
import { TestsHeader } from './tests-nav.tsx';

const FILTERS = ['unit', 'result', 'from', 'to'] as const;

/** A test opens its pool (a pooled sample) or its person. */
function testHref(test: Test): string | undefined {
  if (test.kind === 'rt_pcr_pool') return `/tests/pools/${test.id}`;
  return test.personId ? `/persons/${test.personId}` : undefined;
}
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
      <FilterBar testId="test-filters">
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
      </FilterBar>
      <CursorList<Test>
        testId="test-table"
        list={tests}
        rowKey={(test) => test.id}
        href={testHref}
        empty={t('tests.empty')}
        columns={[
          {
            key: 'person',
            title: t('tests.person'),
            card: 'title',
            render: (test) => {
              const href = testHref(test);
              const name = test.kind === 'rt_pcr_pool' ? t('tests.poolRow') : (test.personName ?? '');
              return href ? <Link to={href}>{name}</Link> : '—';
            },
          },
          {
            key: 'result',
            title: t('tests.result'),
            card: 'extra',
            render: (test) => <TestResultTag result={test.result} />,
          },
          {
            key: 'sampledAt',
            title: t('lists.sampledAt'),
            card: 'primary',
            render: (test) => formatDateTime(test.sampledAt),
          },
          {
            key: 'kind',
            title: t('tests.kind'),
            card: 'primary',
            width: 190,
            render: (test) => (
              <>
                {labelOf(TEST_KIND_LABELS, test.kind)}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {labelOf(TEST_PERFORMER_LABELS, test.performer)}
                </Typography.Text>
              </>
            ),
          },
          { key: 'site', title: t('tests.site'), width: 200, render: (test) => test.site || '—' },
          {
            key: 'resultedAt',
            title: t('lists.resultedAt'),
            render: (test) => formatDateTime(test.resultedAt),
          },
          {
            key: 'pool',
            title: t('tests.pool'),
            bare: true,
            render: (test) =>
              test.poolId ? <Link to={`/tests/pools/${test.poolId}`}>{t('tests.openPool')}</Link> : '',
          },
        ]}
      />
    </>
  );
}
