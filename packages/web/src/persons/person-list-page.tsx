import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Person } from '@tuyendau/domain';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can, useAccount } from '../app/account.ts';
import { api } from '../app/api.ts';
import { CursorList, FilterBar } from '../app/cursor-list.tsx';
import { formatDate } from '../app/format.ts';
import { PageHeader } from '../app/page-header.tsx';
import { SearchInput } from '../app/search-input.tsx';
import { useCursorList } from '../app/use-cursor-list.ts';
import type { UnitDetail } from '../units/types.ts';
import { UnitSelect } from '../units/unit-select.tsx';
import { personListQuery } from './person-list-query.ts';

/** /persons?q=&unit=: the people registry inside the account's jurisdiction. */
export function PersonListPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unit = params.get('unit') ?? undefined;
  const persons = useCursorList<Person>('/persons', personListQuery(params));
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
      <FilterBar>
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
      </FilterBar>
      <CursorList<Person>
        testId="person-table"
        list={persons}
        rowKey={(person) => person.id}
        href={(person) => `/persons/${person.id}`}
        empty={t('persons.empty')}
        columns={[
          {
            key: 'fullName',
            title: t('persons.fullName'),
            card: 'title',
            render: (person) => <Link to={`/persons/${person.id}`}>{person.fullName}</Link>,
          },
          {
            key: 'birthDate',
            title: t('persons.birthDate'),
            card: 'primary',
            render: (person) => formatDate(person.birthDate),
          },
          { key: 'sex', title: t('persons.sex'), bare: true, render: (person) => t(`sex.${person.sex}`) },
          {
            key: 'idNumber',
            title: t('persons.idNumberShort'),
            card: 'primary',
            render: (person) => person.idNumber,
          },
          { key: 'phone', title: t('persons.phone'), card: 'primary', render: (person) => person.phone },
          { key: 'unitName', title: t('persons.commune'), bare: true, render: (person) => person.unitName },
        ]}
      />
    </>
  );
}
