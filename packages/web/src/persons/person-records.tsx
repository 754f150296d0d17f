import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, List, Skeleton, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, messageOf } from '../app/api.ts';
import { formatDate, formatDateTime } from '../app/format.ts';
import {
  CONTACT_SETTING_LABELS,
  labelOf,
  TEST_KIND_LABELS,
  type TestResult,
} from '../surveillance/shared/labels.ts';
import { CaseStatusTag, SeverityTag, TestResultTag } from '../surveillance/shared/tags.tsx';
import type { Case, Contact, Test } from '../surveillance/shared/types.ts';
import type { PoolMembership } from './types.ts';

/** GET /persons/{id}/records: what the surveillance knows of a person, as far as the account may see. */
export interface PersonRecords {
  tests: Test[];
  pools: PoolMembership[];
  cases: Case[];
  contacts: (Contact & { caseVisible: boolean })[];
}

export function usePersonRecords(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['person', id, 'records'],
    queryFn: () => api.get<PersonRecords>(`/persons/${encodeURIComponent(id)}/records`),
    enabled,
    // Fresh each time the page opens: a test or case just registered elsewhere shows at once.
    staleTime: 0,
  });
}

/** One line of a record list: what it is, when, and its state; a link when it has a page. */
function RecordLine({
  to,
  title,
  detail,
  tags,
}: {
  to?: string;
  title: string;
  detail?: ReactNode;
  tags?: ReactNode;
}) {
  const head = to ? <Link to={to}>{title}</Link> : <Typography.Text>{title}</Typography.Text>;
  return (
    <List.Item data-testid="record-line">
      <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <span style={{ fontWeight: 500 }}>{head}</span>
          {tags && (
            <Space size={4} wrap>
              {tags}
            </Space>
          )}
        </Flex>
        {detail && <Typography.Text type="secondary">{detail}</Typography.Text>}
      </Flex>
    </List.Item>
  );
}

function RecordCard({
  testId,
  title,
  empty,
  children,
}: {
  testId: string;
  title: string;
  empty: string;
  children: ReactNode[];
}) {
  return (
    <Card data-testid={testId} title={title} size="small" style={{ marginTop: 16 }}>
      {children.length === 0 ? (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      ) : (
        <List size="small" split>
          {children}
        </List>
      )}
    </Card>
  );
}

/** The person's cases, tests (with pools) and exposures to cases; each line opens its record. */
export function PersonRecordsCards({ records }: { records: ReturnType<typeof usePersonRecords> }) {
  const { t } = useTranslation();
  if (records.isPending) return <Skeleton active style={{ marginTop: 16 }} />;
  if (records.isError)
    return <Alert type="error" showIcon title={messageOf(records.error)} style={{ marginTop: 16 }} />;
  const { cases, tests, pools, contacts } = records.data;
  const testLines = [
    ...tests.map((test) => ({
      at: test.sampledAt,
      node: (
        <RecordLine
          key={test.id}
          to={test.poolId ? `/tests/pools/${test.poolId}` : undefined}
          title={labelOf(TEST_KIND_LABELS, test.kind)}
          detail={t('personHub.sampledAt', { time: formatDateTime(test.sampledAt) })}
          tags={<TestResultTag result={test.result} />}
        />
      ),
    })),
    ...pools.map((pool) => ({
      at: pool.sampledAt,
      node: (
        <RecordLine
          key={`pool-${pool.poolId}`}
          to={`/tests/pools/${pool.poolId}`}
          title={t('personHub.pool')}
          detail={`${t('personHub.sampledAt', { time: formatDateTime(pool.sampledAt) })} · ${t(
            `tests.memberStatus.${pool.memberStatus}`,
            { defaultValue: t('tests.memberStatus.unknown') },
          )}`}
          tags={<TestResultTag result={pool.result as TestResult} />}
        />
      ),
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <>
      <RecordCard testId="person-cases" title={t('personHub.cases')} empty={t('personHub.noCases')}>
        {cases.map((c) => (
          <RecordLine
            key={c.id}
            to={`/cases/${c.id}`}
            title={t('personHub.detectedOn', { date: formatDate(c.detectedOn) })}
            detail={c.clusterName ?? undefined}
            tags={
              <>
                <CaseStatusTag status={c.status} />
                <SeverityTag severity={c.severity} />
              </>
            }
          />
        ))}
      </RecordCard>
      <RecordCard testId="person-tests" title={t('personHub.tests')} empty={t('personHub.noTests')}>
        {testLines.map((line) => line.node)}
      </RecordCard>
      <RecordCard testId="person-contacts" title={t('personHub.contacts')} empty={t('personHub.noContacts')}>
        {contacts.map((k) => (
          <RecordLine
            key={k.id}
            to={k.caseVisible ? `/cases/${k.caseId}` : undefined}
            title={t('personHub.exposure', {
              degree: k.degree,
              date: formatDate(k.exposureDate),
              setting: labelOf(CONTACT_SETTING_LABELS, k.setting),
            })}
            detail={
              k.resultingCaseId
                ? t('personHub.becameCase')
                : k.quarantine
                  ? t('personHub.quarantineUntil', { date: formatDate(k.quarantine.end) })
                  : undefined
            }
          />
        ))}
      </RecordCard>
    </>
  );
}
