import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Segmented, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, messageOf } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { LoadMore } from '../../app/load-more.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import type { UnitDetail } from '../../units/types.ts';
import { UnitSelect } from '../../units/unit-select.tsx';
import { labelOf, QUARANTINE_PLACE_LABELS } from '../shared/labels.ts';
import type { Contact } from '../shared/types.ts';
import { ContactStatusTag } from './contact-status.tsx';

type StatusFilter = 'all' | 'quarantined' | 'released' | 'positive';
const FILTERS = ['status', 'on', 'unit'] as const;

/**
 * /contacts?status=quarantined&on=2022-02-20&unit=: the contacts (F1, F2) of the account's area,
 * latest exposure first; `on` asks who was in quarantine on that day (the situation page links here).
 */
export function ContactListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: Partial<Record<(typeof FILTERS)[number], string>> = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  const status = (filters.status as StatusFilter | undefined) ?? 'all';
  const contacts = useCursorList<Contact>('/contacts', {
    ...filters,
    on: status === 'quarantined' ? filters.on : undefined,
  });
  const unit = useQuery({
    queryKey: ['unit', filters.unit],
    queryFn: () => api.get<UnitDetail>(`/units/${encodeURIComponent(filters.unit!)}`),
    enabled: filters.unit !== undefined,
  });

  function setFilters(changes: Partial<Record<(typeof FILTERS)[number], string | undefined>>): void {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value && value !== 'all') next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  }

  return (
    <>
      <PageHeader title={t('situation.contactList.title')} />
      <Flex data-testid="contact-filters" wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Segmented<StatusFilter>
          data-testid="contact-status-filter"
          value={status}
          onChange={(value) => setFilters({ status: value, on: undefined })}
          options={[
            { value: 'all', label: t('situation.contactList.all') },
            { value: 'quarantined', label: t('contacts.status.quarantined') },
            { value: 'released', label: t('contacts.status.released') },
            { value: 'positive', label: t('contacts.status.positive') },
          ]}
          style={{ maxWidth: '100%', overflowX: 'auto' }}
        />
        {status === 'quarantined' && filters.on && (
          <Tag data-testid="contact-on-filter" closable onClose={() => setFilters({ on: undefined })}>
            {t('situation.contactList.on', { date: formatDate(filters.on) })}
          </Tag>
        )}
        <UnitSelect
          data-testid="contact-unit-filter"
          aria-label={t('situation.contactList.unitFilter')}
          placeholder={t('situation.contactList.unitFilter')}
          allowClear
          value={filters.unit}
          known={unit.data}
          onChange={(value) => setFilters({ unit: value })}
          style={{ flex: '1 1 220px', maxWidth: 320 }}
        />
        {Object.keys(filters).length > 0 && (
          <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Flex>
      {contacts.isError && (
        <Alert type="error" showIcon title={messageOf(contacts.error)} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="contact-table">
        <Table<Contact>
          rowKey="id"
          size="middle"
          loading={contacts.isPending}
          dataSource={contacts.items}
          pagination={false}
          locale={{ emptyText: t('contacts.empty') }}
          columns={[
            {
              title: t('contacts.name'),
              dataIndex: 'personName',
              render: (name: string, contact) => (
                <Flex vertical>
                  <Link to={`/persons/${contact.personId}`}>{name}</Link>
                  <Link to={`/cases/${contact.caseId}`} style={{ fontSize: 12 }}>
                    {t('situation.contactList.case')}
                  </Link>
                </Flex>
              ),
            },
            {
              title: t('contacts.exposureDate'),
              dataIndex: 'exposureDate',
              responsive: ['sm'],
              render: formatDate,
            },
            {
              title: t('contacts.quarantinePlace'),
              key: 'place',
              responsive: ['md'],
              render: (_, contact) =>
                contact.quarantine ? labelOf(QUARANTINE_PLACE_LABELS, contact.quarantine.place) : '—',
            },
            {
              title: t('contacts.quarantineEnd'),
              key: 'end',
              render: (_, contact) => (contact.quarantine ? formatDate(contact.quarantine.end) : '—'),
            },
            {
              title: t('contacts.statusTitle'),
              key: 'status',
              render: (_, contact) => <ContactStatusTag contact={contact} />,
            },
          ]}
        />
      </div>
      <LoadMore
        hasMore={contacts.hasNextPage}
        loading={contacts.isFetchingNextPage}
        onLoadMore={() => contacts.fetchNextPage()}
      />
    </>
  );
}
