import { Alert, Button, Form, Input, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { messageOf } from '../app/api.ts';
import { formatDateTime } from '../app/format.ts';
import { LoadMore } from '../app/load-more.tsx';
import { PageHeader } from '../app/page-header.tsx';
import { useCursorList } from '../app/use-cursor-list.ts';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditEvent, AuditSentence } from './audit-sentence.tsx';

const FILTERS = ['actor', 'action', 'entity', 'entityId'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** /audit: who did or saw what, newest first, each event a sentence naming its record. */
export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters: Filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? undefined]));
  const events = useCursorList<AuditEvent>('/audit', filters);

  function applyFilters(values: Filters): void {
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = values[name]?.trim();
      if (value) next.set(name, value);
    }
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Form<Filters>
        key={params.toString()}
        data-testid="audit-filters"
        layout="inline"
        initialValues={filters}
        onFinish={(values) => applyFilters({ ...values, entityId: filters.entityId })}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear placeholder={t('audit.actorPlaceholder')} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Select
            data-testid="audit-action"
            allowClear
            placeholder={t('audit.anyAction')}
            style={{ minWidth: 180 }}
            options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.actions.${action}`) }))}
          />
        </Form.Item>
        <Form.Item name="entity" label={t('audit.entity')}>
          <Select
            data-testid="audit-entity"
            allowClear
            placeholder={t('audit.anyEntity')}
            style={{ minWidth: 200 }}
            options={AUDIT_ENTITIES.map((entity) => ({
              value: entity,
              label: t(`audit.entities.${entity}`),
            }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.filter')}
          </Button>
        </Form.Item>
        <Form.Item>
          <Button onClick={() => applyFilters({})}>{t('common.clearFilters')}</Button>
        </Form.Item>
      </Form>
      {filters.entityId && (
        <Typography.Paragraph type="secondary" data-testid="audit-one-record">
          {t('audit.oneRecord')}
        </Typography.Paragraph>
      )}
      {events.isError && (
        <Alert type="error" showIcon title={messageOf(events.error)} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="audit-table">
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          loading={events.isPending}
          dataSource={events.items}
          pagination={false}
          columns={[
            {
              title: t('audit.at'),
              dataIndex: 'at',
              width: 110,
              render: (at: string) => (
                <span style={{ whiteSpace: 'pre-line' }}>{formatDateTime(at).replace(' ', '\n')}</span>
              ),
            },
            {
              title: t('audit.event'),
              key: 'sentence',
              render: (_, event) => <AuditSentence event={event} />,
            },
            { title: t('audit.ip'), dataIndex: 'ip', responsive: ['md'], width: 140 },
          ]}
        />
      </div>
      <LoadMore
        hasMore={events.hasNextPage}
        loading={events.isFetchingNextPage}
        onLoadMore={() => events.fetchNextPage()}
      />
    </>
  );
}
