import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../app/account.ts';
import { PageHeader } from '../app/page-header.tsx';
import { DateBar, useFreshness } from './date-bar.tsx';
import { ActiveCasesPanel } from './panels/active-cases-panel.tsx';
import { CarePanel } from './panels/care-panel.tsx';
import { ClustersPanel } from './panels/clusters-panel.tsx';
import { NewCasesPanel } from './panels/new-cases-panel.tsx';
import { QuarantinePanel } from './panels/quarantine-panel.tsx';
import { TestsPanel } from './panels/tests-panel.tsx';
import {
  VaccinationBacklogPanel,
  VaccinationCoveragePanel,
  VaccinationLaggingPanel,
} from './panels/vaccination-panels.tsx';
import { listUrl, useStartParams } from './use-start-params.ts';

/**
 * /situation?date=&unit=: the start page of command centers and health officers. Panels the
 * epidemic-levels dashboard will reuse: new cases per unit, cases under care by place, contacts in
 * quarantine, open clusters, tests and positivity; vaccination coverage by group and dose, the
 * child units below their targets and the backlog; each figure opens the list behind it.
 */
export function SituationPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { params, set } = useStartParams();
  const freshness = useFreshness(params.unit);
  const unit = freshness.data?.unit ?? null;
  const name = unit?.name ?? me.unit?.name ?? t('shell.wholeCountry');
  return (
    <>
      <PageHeader
        title={t('situation.titleOf', { unit: name })}
        extra={
          params.unit && (
            <Link data-testid="situation-up" to={listUrl('/situation', { date: params.date })}>
              {t('situation.backToOwn', { unit: me.unit?.name ?? t('shell.wholeCountry') })}
            </Link>
          )
        }
      />
      <DateBar params={params} onChange={(date) => set({ date })} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <NewCasesPanel params={params} />
        </Col>
        <Col xs={24} xl={10}>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12} xl={24}>
              <ActiveCasesPanel params={params} />
            </Col>
            <Col xs={24} md={12} xl={24}>
              <QuarantinePanel params={params} />
            </Col>
          </Row>
        </Col>
        <Col xs={24} xl={14}>
          <TestsPanel params={params} />
        </Col>
        <Col xs={24} xl={10}>
          <ClustersPanel params={params} />
        </Col>
        {can(me, 'vaccination.read') && (
          <>
            <Col xs={24} md={12} xl={8}>
              <VaccinationCoveragePanel params={params} />
            </Col>
            <Col xs={24} md={12} xl={8}>
              <VaccinationLaggingPanel params={params} />
            </Col>
            <Col xs={24} xl={8}>
              <VaccinationBacklogPanel params={params} />
            </Col>
          </>
        )}
        {can(me, 'care.read') && (
          <Col xs={24}>
            <CarePanel params={params} />
          </Col>
        )}
      </Row>
    </>
  );
}
