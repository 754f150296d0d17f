import { quarantinePolicyAt, quarantinePolicySummary } from '@tuyendau/domain';
import { Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../app/format.ts';
import { labelOf, QUARANTINE_PLACE_LABELS } from '../../surveillance/shared/labels.ts';
import type { QuarantinePanelData } from '../types.ts';
import { listUrl, type PanelParams } from '../use-start-params.ts';
import { Figure } from './figure.tsx';
import { Panel } from './panel.tsx';
import { usePanel } from './use-panel.ts';

/**
 * When the policy in force on the day quarantines no F1 (from 15/04/2022, CV 1909/BYT-DP), the
 * sentence of the policy: an empty list is then the rule, not missing data.
 */
export function NoQuarantineNote({ date }: { date: string }) {
  const policy = quarantinePolicyAt(date);
  if (policy.rule) return null;
  return (
    <Typography.Text
      data-testid="no-quarantine-policy"
      type="secondary"
      style={{ display: 'block', marginTop: 8 }}
    >
      {policy.source}: {quarantinePolicySummary(policy)}
    </Typography.Text>
  );
}

/** Contacts (F1, F2) in quarantine on the day, by place, with those who started and end it. */
export function QuarantinePanel({ params }: { params: PanelParams }) {
  const { t } = useTranslation();
  const query = usePanel<QuarantinePanelData>('/situation/quarantine', params);
  return (
    <Panel testId="panel-quarantine" title={t('situation.quarantine.title')} query={query}>
      {(data) => (
        <Flex vertical gap={12}>
          <Figure
            testId="quarantine-total"
            label={t('situation.quarantine.onDay', { date: formatDate(data.date) })}
            value={data.total}
            to={listUrl('/contacts', { status: 'quarantined', on: data.date, unit: data.unit?.code })}
            note={
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('situation.quarantine.moves', {
                  started: formatNumber(data.started),
                  ending: formatNumber(data.ending),
                })}
              </Typography.Text>
            }
          />
          {data.places.length > 0 && (
            <List
              size="small"
              dataSource={data.places}
              renderItem={(p) => (
                <List.Item>
                  <span>
                    {p.place ? labelOf(QUARANTINE_PLACE_LABELS, p.place) : t('situation.quarantine.noPlace')}
                  </span>
                  <span>{formatNumber(p.contacts)}</span>
                </List.Item>
              )}
            />
          )}
          {data.total === 0 && (
            <Typography.Text type="secondary">{t('situation.quarantine.none')}</Typography.Text>
          )}
          <NoQuarantineNote date={data.date} />
        </Flex>
      )}
    </Panel>
  );
}
