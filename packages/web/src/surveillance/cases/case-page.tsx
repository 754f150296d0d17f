import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { formatDate } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { CaseContacts } from '../contacts/case-contacts.tsx';
import { useCarePlaces } from '../shared/care-places.ts';
import { FOUND_BY_LABELS, labelOf } from '../shared/labels.ts';
import { LoadError } from '../shared/load-error.tsx';
import { CaseStatusTag, SeverityTag } from '../shared/tags.tsx';
import type { CaseDetail, CaseEventKind } from '../shared/types.ts';
import { CaseEventModal } from './case-event-modal.tsx';
import { CaseHistory } from './case-history.tsx';
import { CaseIsolation } from './case-isolation.tsx';
import { useCase } from './use-case.ts';

const EMPTY = '—';

function CaseActions({ kase, onEvent }: { kase: CaseDetail; onEvent: (kind: CaseEventKind) => void }) {
  const { t } = useTranslation();
  const me = useAccount();
  if (!can(me, 'case.write') || kase.status !== 'active') return null;
  return (
    <Flex wrap gap={8}>
      <Button data-testid="case-severity" onClick={() => onEvent('severity')}>
        {t('cases.action.severity')}
      </Button>
      <Button data-testid="case-care" onClick={() => onEvent('care')}>
        {t('cases.action.care')}
      </Button>
      <Button data-testid="case-outcome" type="primary" onClick={() => onEvent('outcome')}>
        {t('cases.action.outcome')}
      </Button>
    </Flex>
  );
}

function CaseSummary({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const carePlaces = useCarePlaces();
  return (
    <Card data-testid="case-detail" size="small">
      <Descriptions
        column={{ xs: 1, md: 2, xl: 3 }}
        size="small"
        items={[
          {
            key: 'person',
            label: t('cases.person'),
            children: (
              <Link data-testid="case-person-link" to={`/persons/${kase.personId}`}>
                {kase.personName}
              </Link>
            ),
          },
          {
            key: 'birth',
            label: t('cases.birthDate'),
            children: `${formatDate(kase.birthDate)} · ${t(`sex.${kase.sex}`)}`,
          },
          { key: 'unit', label: t('cases.commune'), children: kase.unitName },
          { key: 'detectedOn', label: t('cases.detectedOn'), children: formatDate(kase.detectedOn) },
          { key: 'foundBy', label: t('cases.foundBy'), children: labelOf(FOUND_BY_LABELS, kase.foundBy) },
          {
            key: 'cluster',
            label: t('cases.cluster'),
            children: kase.clusterId ? (
              <Link to={`/clusters/${kase.clusterId}`}>{kase.clusterName ?? kase.clusterId}</Link>
            ) : (
              EMPTY
            ),
          },
          { key: 'status', label: t('cases.status'), children: <CaseStatusTag status={kase.status} /> },
          { key: 'severity', label: t('cases.severity'), children: <SeverityTag severity={kase.severity} /> },
          {
            key: 'carePlace',
            label: t('cases.carePlace'),
            children: carePlaces.label(kase.carePlace, kase.carePlaceName),
          },
          ...(kase.outcomeOn
            ? [{ key: 'outcomeOn', label: t('cases.outcomeOn'), children: formatDate(kase.outcomeOn) }]
            : []),
          ...(kase.outcomeCriterion
            ? [{ key: 'criterion', label: t('cases.recoveryCriterion'), children: kase.outcomeCriterion }]
            : []),
          ...(kase.sourceCaseId
            ? [
                {
                  key: 'source',
                  label: t('cases.sourceCase'),
                  children: <Link to={`/cases/${kase.sourceCaseId}`}>{t('cases.openSourceCase')}</Link>,
                },
              ]
            : []),
          ...(kase.reinfection
            ? [
                {
                  key: 'reinfection',
                  label: t('cases.reinfection'),
                  children: <Tag color="purple">{t('cases.reinfectionYes')}</Tag>,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** /cases/:id: one F0 case, its history, isolation plan and contacts. */
export function CasePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const kase = useCase(id);
  const [event, setEvent] = useState<CaseEventKind>();
  if (kase.isPending) return <Skeleton active />;
  if (kase.isError)
    return <LoadError error={kase.error} notFound={t('cases.notFound')} testId="case-not-found" />;
  const c = kase.data;
  return (
    <>
      <PageHeader
        title={t('cases.detailTitle', { name: c.personName })}
        extra={<CaseActions kase={c} onEvent={setEvent} />}
      />
      <Flex vertical gap={16}>
        <CaseSummary kase={c} />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <CaseIsolation plan={c.isolation} />
          </Col>
          <Col xs={24} lg={12}>
            <CaseHistory kase={c} />
          </Col>
        </Row>
        <CaseContacts kase={c} />
      </Flex>
      {event && <CaseEventModal kase={c} kind={event} onClose={() => setEvent(undefined)} />}
    </>
  );
}
