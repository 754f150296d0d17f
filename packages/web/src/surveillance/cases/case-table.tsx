import type { Sex } from '@tuyendau/domain';
import { Table, type TableProps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../app/format.ts';
import { useCarePlaces } from '../shared/care-places.ts';
import { type CaseStatus, FOUND_BY_LABELS, type FoundBy, labelOf, type Severity } from '../shared/labels.ts';
import { CaseStatusTag, SeverityTag } from '../shared/tags.tsx';
import type { Case } from '../shared/types.ts';

interface CaseTableProps extends Omit<TableProps<Case>, 'columns' | 'rowKey'> {
  /** Leave out the cluster column (a cluster's own case list). */
  hideCluster?: boolean;
}

/** The line list of cases (F0): one row per case, newest first as the server sends them. */
export function CaseTable({ hideCluster, ...props }: CaseTableProps) {
  const { t } = useTranslation();
  const carePlaces = useCarePlaces();
  return (
    <Table<Case>
      rowKey="id"
      size="middle"
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('cases.empty') }}
      {...props}
      columns={[
        {
          title: t('cases.personName'),
          dataIndex: 'personName',
          render: (name: string, c) => (
            <>
              <Link to={`/cases/${c.id}`}>{name}</Link>
              {c.reinfection && (
                <Tag color="purple" style={{ marginInlineStart: 8 }}>
                  {t('cases.reinfection')}
                </Tag>
              )}
            </>
          ),
        },
        { title: t('cases.birthDate'), dataIndex: 'birthDate', render: formatDate },
        { title: t('cases.sex'), dataIndex: 'sex', render: (sex: Sex) => t(`sex.${sex}`) },
        { title: t('cases.commune'), dataIndex: 'unitName' },
        { title: t('cases.detectedOn'), dataIndex: 'detectedOn', render: formatDate },
        {
          title: t('cases.foundBy'),
          dataIndex: 'foundBy',
          render: (foundBy: FoundBy) => labelOf(FOUND_BY_LABELS, foundBy),
        },
        ...(hideCluster
          ? []
          : [
              {
                title: t('cases.cluster'),
                dataIndex: 'clusterName',
                render: (name: string | null, c: Case) =>
                  c.clusterId ? (
                    <Link to={`/clusters/${c.clusterId}`}>{name ?? t('cases.cluster')}</Link>
                  ) : (
                    '—'
                  ),
              },
            ]),
        {
          title: t('cases.severity'),
          dataIndex: 'severity',
          render: (severity: Severity) => <SeverityTag severity={severity} />,
        },
        {
          title: t('cases.carePlace'),
          dataIndex: 'carePlace',
          render: (place: string, c: Case) => carePlaces.label(place, c.carePlaceName),
        },
        {
          title: t('cases.status'),
          dataIndex: 'status',
          render: (status: CaseStatus) => <CaseStatusTag status={status} />,
        },
      ]}
    />
  );
}
