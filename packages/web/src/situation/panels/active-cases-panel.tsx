import { Flex, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../app/format.ts';
import { useCarePlaces } from '../../surveillance/shared/care-places.ts';
import type { ActiveCasesPanelData } from '../types.ts';
import { listUrl, type PanelParams } from '../use-start-params.ts';
import { Figure } from './figure.tsx';
import { Panel } from './panel.tsx';
import { usePanel } from './use-panel.ts';

/** Cases under care on the day, by their place of care on that day. */
export function ActiveCasesPanel({ params }: { params: PanelParams }) {
  const { t } = useTranslation();
  const places = useCarePlaces();
  const query = usePanel<ActiveCasesPanelData>('/situation/active-cases', params);
  return (
    <Panel testId="panel-active-cases" title={t('situation.activeCases.title')} query={query}>
      {(data) => {
        const list = (carePlace?: string) =>
          listUrl('/cases', { unit: data.unit?.code, activeOn: data.date, carePlace });
        return (
          <Flex vertical gap={12}>
            <Figure
              testId="active-cases-total"
              label={t('situation.activeCases.onDay', { date: formatDate(data.date) })}
              value={data.total}
              to={list()}
            />
            {data.places.length > 0 && (
              <List
                data-testid="active-cases-places"
                size="small"
                dataSource={data.places}
                renderItem={(p) => (
                  <List.Item>
                    <span>{places.label(p.place, p.name)}</span>
                    <Link to={list(p.place)}>{formatNumber(p.cases)}</Link>
                  </List.Item>
                )}
              />
            )}
          </Flex>
        );
      }}
    </Panel>
  );
}
