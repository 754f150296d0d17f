import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../app/format.ts';
import {
  type BacklogFigure,
  type BacklogSiteRow,
  type BacklogUnitRow,
  backlogUrl,
  exportUrl,
} from './types.ts';

/** "20/07/2021 · 498 ngày": the oldest unsynced dose and how long it has waited; a dash when none. */
export function OldestCell({ figure }: { figure: BacklogFigure }) {
  const { t } = useTranslation();
  if (!figure.oldest || figure.oldestDays === null)
    return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical align="flex-end" gap={0}>
      <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
        {t('vaccinationBacklog.days', { count: figure.oldestDays, n: formatNumber(figure.oldestDays) })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {t('vaccinationBacklog.since', { date: formatDate(figure.oldest) })}
      </Typography.Text>
    </Flex>
  );
}

/** The child units, largest backlog first; a unit's name opens its own backlog. */
export function UnitBacklogTable({ rows }: { rows: BacklogUnitRow[] }) {
  const { t } = useTranslation();
  return (
    <Table<BacklogUnitRow>
      data-testid="backlog-units"
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={rows}
      onRow={(row) => ({ 'data-unit': row.code }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('vaccinationBacklog.unit'),
          dataIndex: 'name',
          render: (name: string, row) => (
            <Link to={backlogUrl(row.code)} data-testid={`backlog-drill-${row.code}`}>
              {name}
            </Link>
          ),
        },
        {
          title: t('vaccinationBacklog.count'),
          dataIndex: 'count',
          align: 'right',
          render: (n: number) => <span style={{ whiteSpace: 'nowrap' }}>{formatNumber(n)}</span>,
        },
        {
          title: t('vaccinationBacklog.oldest'),
          key: 'oldest',
          align: 'right',
          render: (_: unknown, row) => <OldestCell figure={row} />,
        },
      ]}
    />
  );
}

/** The vaccination sites with a backlog, largest first, each exportable on its own. */
export function SiteBacklogTable({
  rows,
  unit,
  canExport,
}: {
  rows: BacklogSiteRow[];
  unit: string;
  canExport: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<BacklogSiteRow>
      data-testid="backlog-sites"
      rowKey={(row) => row.site ?? ''}
      size="small"
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      dataSource={rows}
      columns={[
        {
          title: t('vaccinationBacklog.site'),
          dataIndex: 'site',
          render: (site: string | null) =>
            site ?? <Typography.Text type="secondary">{t('vaccinationBacklog.noSite')}</Typography.Text>,
        },
        {
          title: t('vaccinationBacklog.count'),
          dataIndex: 'count',
          align: 'right',
          render: (n: number) => <span style={{ whiteSpace: 'nowrap' }}>{formatNumber(n)}</span>,
        },
        {
          title: t('vaccinationBacklog.oldest'),
          key: 'oldest',
          align: 'right',
          render: (_: unknown, row) => <OldestCell figure={row} />,
        },
        ...(canExport
          ? [
              {
                title: '',
                key: 'export',
                width: 48,
                render: (_: unknown, row: BacklogSiteRow) =>
                  row.site ? (
                    <a href={exportUrl(unit, row.site)} download>
                      <Button
                        size="small"
                        icon={<DownloadOutlined />}
                        aria-label={t('vaccinationBacklog.exportSite', { site: row.site })}
                        title={t('vaccinationBacklog.exportSite', { site: row.site })}
                      />
                    </a>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}
