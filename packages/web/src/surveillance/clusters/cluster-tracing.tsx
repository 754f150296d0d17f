import { Card, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/format.ts';
import type { ClusterDetail } from '../shared/types.ts';

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** How far contact tracing has gone: contacts found, tested, negative, positive. */
export function ClusterTracing({ tracing }: { tracing: ClusterDetail['tracing'] }) {
  const { t } = useTranslation();
  const rows = [
    { key: 'tested', value: tracing.tested, color: '#1677ff' },
    { key: 'negative', value: tracing.negative, color: '#52c41a' },
    { key: 'positive', value: tracing.positive, color: '#cf1322' },
  ];
  return (
    <Card data-testid="cluster-tracing" title={t('clusters.tracing')} size="small">
      <Typography.Paragraph strong>
        {t('clusters.tracingContacts', { n: formatNumber(tracing.contacts) })}
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        {rows.map((row) => (
          <div key={row.key} data-testid={`cluster-tracing-${row.key}`}>
            <Flex justify="space-between">
              <Typography.Text>{t(`clusters.tracingRow.${row.key}`)}</Typography.Text>
              <Typography.Text>
                {formatNumber(row.value)} / {formatNumber(tracing.contacts)}
              </Typography.Text>
            </Flex>
            <Progress percent={percent(row.value, tracing.contacts)} strokeColor={row.color} size="small" />
          </div>
        ))}
      </Flex>
    </Card>
  );
}
