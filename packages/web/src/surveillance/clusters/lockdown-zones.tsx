import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useAccount } from '../../app/account.ts';
import { formatDate } from '../../app/format.ts';
import type { ClusterDetail } from '../shared/types.ts';
import { UnitName } from '../shared/unit-name.tsx';
import { LockdownModal } from './lockdown-modal.tsx';

/** The lockdown zones (phong tỏa) of a cluster, and a way to draw another. */
export function LockdownZones({ cluster }: { cluster: ClusterDetail }) {
  const { t } = useTranslation();
  const me = useAccount();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      data-testid="cluster-lockdowns"
      title={t('clusters.lockdowns')}
      size="small"
      extra={
        can(me, 'cluster.write') &&
        !cluster.closedOn && (
          <Button
            data-testid="lockdown-add"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
          >
            {t('clusters.lockdownAdd')}
          </Button>
        )
      }
    >
      <List
        dataSource={cluster.lockdowns}
        locale={{ emptyText: t('clusters.lockdownsEmpty') }}
        renderItem={(zone) => (
          <List.Item key={zone.id}>
            <Space orientation="vertical" size={2}>
              <Space wrap size={4}>
                {zone.unitCodes.map((code) => (
                  <Tag key={code} color="volcano">
                    <UnitName code={code} />
                  </Tag>
                ))}
              </Space>
              {zone.villages && zone.villages.length > 0 && (
                <Typography.Text>
                  {t('clusters.lockdownVillages', { villages: zone.villages.join(', ') })}
                </Typography.Text>
              )}
              <Typography.Text type="secondary">
                {zone.endsOn
                  ? t('clusters.lockdownPeriod', {
                      start: formatDate(zone.startsOn),
                      end: formatDate(zone.endsOn),
                    })
                  : t('clusters.lockdownSince', { start: formatDate(zone.startsOn) })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {adding && <LockdownModal cluster={cluster} onClose={() => setAdding(false)} />}
    </Card>
  );
}
