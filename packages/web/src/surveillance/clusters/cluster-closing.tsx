import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Flex, List, Popconfirm, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { DATE_FORMAT, isoDate } from '../shared/dates.ts';
import type { Cluster, ClusterDetail } from '../shared/types.ts';
import { clusterKey } from './use-cluster.ts';

/** Whether the closing rule allows closing the cluster today, why, and the button that closes it. */
export function ClusterClosing({ cluster }: { cluster: ClusterDetail }) {
  const { t } = useTranslation();
  const me = useAccount();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [closedOn, setClosedOn] = useState<Dayjs>(() => dayjs());
  const close = useMutation({
    mutationFn: () => api.post<Cluster>(`/clusters/${cluster.id}/close`, { closedOn: isoDate(closedOn) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: clusterKey(cluster.id) });
      await queryClient.invalidateQueries({ queryKey: ['/clusters'] });
      message.success(t('clusters.closedDone'));
    },
    onError: (error) => message.error(messageOf(error)),
  });
  if (cluster.closedOn) {
    return (
      <Card data-testid="cluster-closing" title={t('clusters.closing')} size="small">
        <Alert
          type="success"
          showIcon
          title={t('clusters.closedOnText', { date: formatDate(cluster.closedOn) })}
        />
      </Card>
    );
  }
  const closing = cluster.closing;
  return (
    <Card data-testid="cluster-closing" title={t('clusters.closing')} size="small">
      {closing && (
        <List
          size="small"
          dataSource={closing.reasons}
          renderItem={(reason, index) => (
            <List.Item key={index} style={{ paddingInline: 0 }}>
              <Typography.Text>{reason}</Typography.Text>
            </List.Item>
          )}
        />
      )}
      {closing?.canClose && can(me, 'cluster.write') && (
        <Flex wrap gap={8} align="center" style={{ marginTop: 12 }}>
          <DatePicker
            data-testid="cluster-closed-on"
            aria-label={t('clusters.closedOn')}
            format={DATE_FORMAT}
            allowClear={false}
            value={closedOn}
            onChange={(value) => value && setClosedOn(value)}
            disabledDate={(date) =>
              date.isAfter(dayjs(), 'day') ||
              date.isBefore(dayjs(closing.closableFrom), 'day') ||
              date.isBefore(dayjs(cluster.openedOn), 'day')
            }
          />
          <Popconfirm
            title={t('clusters.closeConfirm', { name: cluster.name, date: closedOn.format(DATE_FORMAT) })}
            okText={t('clusters.close')}
            cancelText={t('common.cancel')}
            onConfirm={() => close.mutate()}
          >
            <Button data-testid="cluster-close" type="primary" danger loading={close.isPending}>
              {t('clusters.close')}
            </Button>
          </Popconfirm>
        </Flex>
      )}
    </Card>
  );
}
