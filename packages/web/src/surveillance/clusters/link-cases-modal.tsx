import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../../app/api.ts';
import { CursorList } from '../../app/cursor-list.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import { caseKey, useCaseColumns } from '../cases/case-columns.tsx';
import type { Case, ClusterDetail } from '../shared/types.ts';
import { clusterKey } from './use-cluster.ts';

/** Picks cases of the cluster's unit (not yet in it) and links them to the cluster. */
export function LinkCasesModal({ cluster, onClose }: { cluster: ClusterDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const queryClient = useQueryClient();
  const cases = useCursorList<Case>('/cases', { unit: cluster.unitCode });
  const candidates = cases.items.filter((c) => c.clusterId !== cluster.id);
  const columns = useCaseColumns();
  const link = useMutation({
    mutationFn: () => api.post(`/clusters/${cluster.id}/cases`, { caseIds: selected }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: clusterKey(cluster.id) });
      await queryClient.invalidateQueries({ queryKey: ['/cases'] });
      message.success(t('clusters.linked', { count: selected.length }));
      onClose();
    },
  });
  return (
    <Modal
      open
      width={1000}
      title={t('clusters.linkCases')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="link"
          data-testid="link-cases-submit"
          type="primary"
          disabled={selected.length === 0}
          loading={link.isPending}
          onClick={() => link.mutate()}
        >
          {t('clusters.linkSelected', { count: selected.length })}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {t('clusters.linkHint', { unit: cluster.unitName })}
      </Typography.Paragraph>
      {link.isError && (
        <Alert type="error" showIcon title={messageOf(link.error)} style={{ marginBottom: 12 }} />
      )}
      <CursorList<Case>
        testId="link-cases-table"
        size="small"
        list={{ ...cases, items: candidates }}
        columns={columns}
        rowKey={caseKey}
        empty={t('cases.empty')}
        selection={{ keys: selected, onChange: setSelected }}
      />
    </Modal>
  );
}
