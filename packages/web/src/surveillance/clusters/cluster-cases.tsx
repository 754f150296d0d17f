import { LinkOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useAccount } from '../../app/account.ts';
import { CursorList } from '../../app/cursor-list.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import { caseHref, caseKey, useCaseColumns } from '../cases/case-columns.tsx';
import type { Case, ClusterDetail } from '../shared/types.ts';
import { LinkCasesModal } from './link-cases-modal.tsx';

/** The cases of a cluster, and a way to link more from its unit. */
export function ClusterCases({ cluster }: { cluster: ClusterDetail }) {
  const { t } = useTranslation();
  const me = useAccount();
  const [linking, setLinking] = useState(false);
  const cases = useCursorList<Case>('/cases', { cluster: cluster.id });
  const columns = useCaseColumns(true);
  return (
    <Card
      data-testid="cluster-cases"
      title={t('clusters.casesTitle', { count: cluster.cases })}
      size="small"
      extra={
        can(me, 'case.write') &&
        !cluster.closedOn && (
          <Button
            data-testid="cluster-link-cases"
            size="small"
            icon={<LinkOutlined />}
            onClick={() => setLinking(true)}
          >
            {t('clusters.linkCases')}
          </Button>
        )
      }
    >
      <CursorList<Case>
        testId="cluster-case-list"
        size="small"
        list={cases}
        columns={columns}
        rowKey={caseKey}
        href={caseHref}
        empty={t('cases.empty')}
      />
      {linking && <LinkCasesModal cluster={cluster} onClose={() => setLinking(false)} />}
    </Card>
  );
}
