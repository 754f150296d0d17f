import { Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../app/format.ts';
import type { ClustersPanelData } from '../types.ts';
import { listUrl, type PanelParams } from '../use-start-params.ts';
import { Figure } from './figure.tsx';
import { Panel } from './panel.tsx';
import { usePanel } from './use-panel.ts';

/** Clusters open on the day, those with the most cases in its 7 days first. */
export function ClustersPanel({ params }: { params: PanelParams }) {
  const { t } = useTranslation();
  const query = usePanel<ClustersPanelData>('/situation/clusters', params);
  return (
    <Panel testId="panel-clusters" title={t('situation.clusters.title')} query={query}>
      {(data) => (
        <Flex vertical gap={12}>
          <Figure
            testId="clusters-total"
            label={t('situation.clusters.onDay', { date: formatDate(data.date) })}
            value={data.total}
            to={listUrl('/clusters', { openOn: data.date, unit: data.unit?.code })}
          />
          {data.items.length > 0 && (
            <List
              data-testid="clusters-list"
              size="small"
              dataSource={data.items}
              renderItem={(c) => (
                <List.Item>
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Link to={`/clusters/${c.id}`}>{c.name}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('situation.clusters.line', {
                        unit: c.unitName ?? '',
                        last7: formatNumber(c.last7),
                        cases: formatNumber(c.cases),
                        last: c.lastCaseOn ? formatDate(c.lastCaseOn) : '—',
                      })}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Flex>
      )}
    </Panel>
  );
}
