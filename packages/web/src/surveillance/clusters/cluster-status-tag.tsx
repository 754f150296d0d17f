import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Cluster } from '../shared/types.ts';

/** Open or closed; an open cluster that the policy allows to close says so. */
export function ClusterStatusTag({ cluster }: { cluster: Cluster }) {
  const { t } = useTranslation();
  if (cluster.closedOn) return <Tag color="default">{t('clusters.closed')}</Tag>;
  return (
    <>
      <Tag color="red">{t('clusters.open')}</Tag>
      {cluster.closing?.canClose && <Tag color="green">{t('clusters.closable')}</Tag>}
    </>
  );
}
