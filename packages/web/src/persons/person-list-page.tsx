import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Person, Sex } from '@tuyendau/domain';
import { Alert, Button, Flex, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can, useAccount } from '../app/account.ts';
import { api, messageOf } from '../app/api.ts';
import { formatDate } from '../app/format.ts';
import { LoadMore } from '../app/load-more.tsx';
import { PageHeader } from '../app/page-header.tsx';
import { SearchInput } from '../app/search-input.tsx';
import { useCursorList } from '../app/use-cursor-list.ts';
import type { UnitDetail } from '../units/types.ts';
import { UnitSelect } from '../units/unit-select.tsx';

/** /persons?q=&unit=: the people registry inside the account's jurisdiction. */
export function PersonListPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unit = params.get('unit') ?? undefined;
  const persons = useCursorList<Person>('/persons', { q: q.trim(), unit });
  // The unit filter may come from a link (/persons?unit=...): fetch its name for the select.
  const filterUnit = useQuery({
    queryKey: ['unit', unit],
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(unit!)}`),
    enabled: unit !== undefined,
  });

  function setFilter(name: 'q' | 'unit', value: string | undefined): void {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  return (
    <>
      <PageHeader
        title={t('persons.title')}
        extra={
          can(me, 'person.write') && (
            <Link to="/persons/new">
              <Button data-testid="person-new" type="primary" icon={<PlusOutlined />}>
                {t('persons.new')}
              </Button>
            </Link>
          )
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <SearchInput
          key={q}
          testId="person-search"
          label={t('persons.search')}
          placeholder={t('persons.searchPlaceholder')}
          initial={q}
          onSearch={(value) => setFilter('q', value)}
          style={{ flex: '1 1 280px', maxWidth: 480 }}
        />
        <UnitSelect
          data-testid="person-unit-filter"
          aria-label={t('persons.unitFilter')}
          placeholder={t('persons.unitFilter')}
          allowClear
          value={unit}
          known={filterUnit.data}
          onChange={(value) => setFilter('unit', value)}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
      </Flex>
      {persons.isError && (
        <Alert type="error" showIcon title={messageOf(persons.error)} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="person-table">
        <Table<Person>
          rowKey="id"
          size="middle"
          loading={persons.isPending}
          dataSource={persons.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('persons.empty') }}
          columns={[
            {
              title: t('persons.fullName'),
              dataIndex: 'fullName',
              render: (fullName: string, person) => <Link to={`/persons/${person.id}`}>{fullName}</Link>,
            },
            { title: t('persons.birthDate'), dataIndex: 'birthDate', render: formatDate },
            { title: t('persons.sex'), dataIndex: 'sex', render: (sex: Sex) => t(`sex.${sex}`) },
            { title: t('persons.idNumberShort'), dataIndex: 'idNumber' },
            { title: t('persons.phone'), dataIndex: 'phone' },
            { title: t('persons.commune'), dataIndex: 'unitName' },
          ]}
        />
      </div>
      <LoadMore
        hasMore={persons.hasNextPage}
        loading={persons.isFetchingNextPage}
        onLoadMore={() => persons.fetchNextPage()}
      />
    </>
  );
}
