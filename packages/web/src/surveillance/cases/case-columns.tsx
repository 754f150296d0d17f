import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListColumn } from '../../app/cursor-list.tsx';
import { formatDate } from '../../app/format.ts';
import { useCarePlaces } from '../shared/care-places.ts';
import { FOUND_BY_LABELS, labelOf } from '../shared/labels.ts';
import { CaseStatusTag, SeverityTag } from '../shared/tags.tsx';
import type { Case } from '../shared/types.ts';

export const caseKey = (c: Case): string => c.id;
export const caseHref = (c: Case): string => `/cases/${c.id}`;

/**
 * The line list of cases (F0), newest first as the server sends them: what a case row or card
 * shows. `hideCluster` leaves out the cluster (a cluster's own case list).
 */
export function useCaseColumns(hideCluster = false): ListColumn<Case>[] {
  const { t } = useTranslation();
  const carePlaces = useCarePlaces();
  return [
    {
      key: 'personName',
      title: t('cases.personName'),
      card: 'title',
      render: (c) => (
        <>
          <Link to={caseHref(c)}>{c.personName}</Link>
          {c.reinfection && (
            <Tag color="purple" style={{ marginInlineStart: 8 }}>
              {t('cases.reinfection')}
            </Tag>
          )}
        </>
      ),
    },
    // Birth date and sex share a column on the table, so that it fits 1440 px.
    {
      key: 'person',
      title: t('cases.birthDate'),
      card: 'hidden',
      render: (c) => (
        <>
          {formatDate(c.birthDate)}
          <Typography.Text type="secondary"> · {t(`sex.${c.sex}`)}</Typography.Text>
        </>
      ),
    },
    { key: 'unitName', title: t('cases.commune'), card: 'primary', width: 120, render: (c) => c.unitName },
    {
      key: 'detectedOn',
      title: t('cases.detectedOn'),
      card: 'primary',
      render: (c) => formatDate(c.detectedOn),
    },
    {
      key: 'foundBy',
      title: t('cases.foundBy'),
      width: 130,
      render: (c) => labelOf(FOUND_BY_LABELS, c.foundBy),
    },
    ...(hideCluster
      ? []
      : [
          {
            key: 'cluster',
            title: t('cases.cluster'),
            width: 120,
            render: (c: Case) =>
              c.clusterId ? (
                <Link to={`/clusters/${c.clusterId}`}>{c.clusterName ?? t('cases.cluster')}</Link>
              ) : (
                '—'
              ),
          },
        ]),
    {
      key: 'severity',
      title: t('cases.severity'),
      card: 'primary',
      render: (c) => <SeverityTag severity={c.severity} />,
    },
    {
      key: 'carePlace',
      title: t('cases.carePlace'),
      card: 'primary',
      width: 130,
      render: (c) => carePlaces.label(c.carePlace, c.carePlaceName),
    },
    {
      key: 'status',
      title: t('cases.status'),
      card: 'extra',
      render: (c) => <CaseStatusTag status={c.status} />,
    },
    { key: 'birthDate', title: t('cases.birthDate'), table: false, render: (c) => formatDate(c.birthDate) },
    { key: 'sex', title: t('cases.sex'), table: false, bare: true, render: (c) => t(`sex.${c.sex}`) },
  ];
}
