import { PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../../app/api.ts';
import type { PublishedNumbers } from '../../care/hotline/types.ts';

/** The numbers published around a unit: the province's, its district's, its own and those below it. */
export function PublishedNumbersList({ unit }: { unit?: string }) {
  const { t } = useTranslation();
  const numbers = useQuery({
    queryKey: ['/public/hotline-numbers', unit ?? null],
    queryFn: () => api.get<PublishedNumbers>('/public/hotline-numbers', { unit }),
    enabled: Boolean(unit),
  });
  if (!unit) return <Typography.Text type="secondary">{t('publicHotline.pickToSeeNumbers')}</Typography.Text>;
  if (numbers.isPending) return <Skeleton active />;
  if (numbers.isError) return <Alert type="error" showIcon title={messageOf(numbers.error)} />;
  if (numbers.data.units.length === 0) return <Empty description={t('publicHotline.noNumbers')} />;
  return (
    <Card size="small" data-testid="hotline-numbers">
      {numbers.data.units.map((u) => (
        <div key={u.code} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{u.name}</Typography.Text>
          <List
            size="small"
            dataSource={u.numbers}
            renderItem={(n) => (
              <List.Item>
                <a href={`tel:${n.phone.replace(/[^0-9+]/g, '')}`} style={{ fontSize: 18 }}>
                  <PhoneOutlined /> {n.phone}
                </a>
                <Typography.Text type="secondary">{n.label}</Typography.Text>
              </List.Item>
            )}
          />
        </div>
      ))}
    </Card>
  );
}
