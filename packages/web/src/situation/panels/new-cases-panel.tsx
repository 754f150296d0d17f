import { Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../app/format.ts';
import type { NewCasesPanelData } from '../types.ts';
import { listUrl, type PanelParams } from '../use-start-params.ts';
import { Change, Figure } from './figure.tsx';
import { Panel } from './panel.tsx';
import { usePanel } from './use-panel.ts';

type Child = NewCasesPanelData['children'][number];

/** New cases on the day, in its 7 days against the 7 before, in total and per unit one level down. */
export function NewCasesPanel({ params }: { params: PanelParams }) {
  const { t } = useTranslation();
  const query = usePanel<NewCasesPanelData>('/situation/new-cases', params);
  return (
    <Panel testId="panel-new-cases" title={t('situation.newCases.title')} query={query}>
      {(data) => {
        const { last7, previous7 } = data.windows;
        const cases = (unit: string | undefined, from: string, to: string) =>
          listUrl('/cases', { unit, from, to });
        const own = data.unit?.code;
        return (
          <Flex vertical gap={16}>
            <Flex wrap gap={24}>
              <Figure
                testId="new-cases-today"
                label={t('situation.newCases.onDay', { date: formatDate(data.date) })}
                value={data.total.today}
                to={cases(own, data.date, data.date)}
              />
              <Figure
                testId="new-cases-7"
                label={t('situation.newCases.last7', {
                  from: formatDate(last7.from),
                  to: formatDate(last7.to),
                })}
                value={data.total.last7}
                to={cases(own, last7.from, last7.to)}
                note={
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t('situation.newCases.against', { count: data.total.previous7 })}{' '}
                    <Change testId="new-cases-change" value={data.total.change} />
                  </Typography.Text>
                }
              />
            </Flex>
            {data.children.length > 1 && (
              <Table<Child>
                data-testid="new-cases-units"
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={data.children}
                columns={[
                  {
                    title: t('situation.newCases.unit'),
                    dataIndex: 'name',
                    render: (name: string | null, child) => (
                      <Link to={listUrl('/situation', { unit: child.code, date: data.date })}>
                        {name ?? child.code}
                      </Link>
                    ),
                  },
                  {
                    title: t('situation.newCases.dayShort'),
                    dataIndex: 'today',
                    align: 'right',
                    render: (n: number, child) => (
                      <Link to={cases(child.code, data.date, data.date)}>{formatNumber(n)}</Link>
                    ),
                  },
                  {
                    title: t('situation.newCases.last7Short'),
                    dataIndex: 'last7',
                    align: 'right',
                    render: (n: number, child) => (
                      <Link to={cases(child.code, last7.from, last7.to)}>{formatNumber(n)}</Link>
                    ),
                  },
                  {
                    title: t('situation.newCases.previous7Short'),
                    dataIndex: 'previous7',
                    align: 'right',
                    responsive: ['sm'],
                    render: (n: number, child) => (
                      <Link to={cases(child.code, previous7.from, previous7.to)}>{formatNumber(n)}</Link>
                    ),
                  },
                  {
                    title: t('situation.newCases.change'),
                    dataIndex: 'change',
                    align: 'right',
                    render: (change: number | null) => <Change value={change} />,
                  },
                ]}
              />
            )}
          </Flex>
        );
      }}
    </Panel>
  );
}
