import { Alert, Button, Form, Input, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { messageOf } from '../app/api.ts';
import { formatDateTime } from '../app/format.ts';
import { LoadMore } from '../app/load-more.tsx';
import { PageHeader } from '../app/page-header.tsx';
import { useCursorList } from '../app/use-cursor-list.ts';

interface AuditEvent {
  id: string;
  at: string;
  actorId?: string | null;
  actorUsername?: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  ip?: string | null;
  detail?: unknown;
}

const FILTERS = ['actor', 'action', 'entity'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** /audit: who did or saw what, newest first. */
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
        onFinish={applyFilters}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear placeholder={t('audit.actorPlaceholder')} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input allowClear placeholder={t('audit.actionPlaceholder')} />
        </Form.Item>
        <Form.Item name="entity" label={t('audit.entity')}>
          <Input allowClear placeholder={t('audit.entityPlaceholder')} />
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
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', render: formatDateTime },
            { title: t('audit.actor'), dataIndex: 'actorUsername' },
            { title: t('audit.action'), dataIndex: 'action' },
            { title: t('audit.entity'), dataIndex: 'entity' },
            { title: t('audit.entityId'), dataIndex: 'entityId' },
            { title: t('audit.ip'), dataIndex: 'ip' },
            {
              title: t('audit.detail'),
              dataIndex: 'detail',
              render: (detail: unknown) =>
                detail === undefined || detail === null ? null : (
                  <Typography.Text code style={{ maxWidth: 360, display: 'inline-block' }} ellipsis>
                    {JSON.stringify(detail)}
                  </Typography.Text>
                ),
            },
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
