import { Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../app/format.ts';
import { labelOf, TEST_KIND_LABELS } from '../../surveillance/shared/labels.ts';
import type { TestsPanelData } from '../types.ts';
import { listUrl, type PanelParams } from '../use-start-params.ts';
import { Figure, formatPercent } from './figure.tsx';
import { Panel } from './panel.tsx';
import { usePanel } from './use-panel.ts';

type Kind = TestsPanelData['kinds'][number];

/** Tests of the 7 days ending on the day and their positivity, against the 7 days before. */
export function TestsPanel({ params }: { params: PanelParams }) {
  const { t } = useTranslation();
  const query = usePanel<TestsPanelData>('/situation/tests', params);
  return (
    <Panel testId="panel-tests" title={t('situation.tests.title')} query={query}>
      {(data) => {
        const { last7 } = data.windows;
        const tests = (result?: string) =>
          listUrl('/tests', { unit: data.unit?.code, from: last7.from, to: last7.to, result });
        return (
          <Flex vertical gap={16}>
            <Typography.Text type="secondary">
              {t('situation.tests.period', { from: formatDate(last7.from), to: formatDate(last7.to) })}
            </Typography.Text>
            <Flex wrap gap={24}>
              <Figure
                testId="tests-total"
                label={t('situation.tests.tests')}
                value={data.last7.tests}
                to={tests()}
                note={
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t('situation.tests.before', { count: data.previous7.tests })}
                  </Typography.Text>
                }
              />
              <Figure
                testId="tests-positive"
                label={t('situation.tests.positive')}
                value={data.last7.positive}
                to={tests('positive')}
              />
              <Flex vertical style={{ minWidth: 96 }}>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('situation.tests.positivity')}
                </Typography.Text>
                <Typography.Text
                  data-testid="tests-positivity"
                  style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3 }}
                >
                  {formatPercent(data.last7.positivity)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('situation.tests.positivityBefore', { value: formatPercent(data.previous7.positivity) })}
                </Typography.Text>
              </Flex>
            </Flex>
            {data.kinds.length > 0 && (
              <Table<Kind>
                rowKey="kind"
                size="small"
                pagination={false}
                dataSource={data.kinds}
                columns={[
                  {
                    title: t('situation.tests.kind'),
                    dataIndex: 'kind',
                    render: (kind: string) => labelOf(TEST_KIND_LABELS, kind),
                  },
                  {
                    title: t('situation.tests.tests'),
                    dataIndex: 'tests',
                    align: 'right',
                    render: formatNumber,
                  },
                  {
                    title: t('situation.tests.positive'),
                    dataIndex: 'positive',
                    align: 'right',
                    render: formatNumber,
                  },
                  {
                    title: t('situation.tests.positivity'),
                    dataIndex: 'positivity',
                    align: 'right',
                    render: formatPercent,
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
