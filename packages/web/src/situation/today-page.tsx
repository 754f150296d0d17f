import { UsergroupAddOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Flex, List, Row, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../app/account.ts';
import { messageOf } from '../app/api.ts';
import { formatDate, formatDateTime } from '../app/format.ts';
import { PageHeader } from '../app/page-header.tsx';
import { useCarePlaces } from '../surveillance/shared/care-places.ts';
import {
  labelOf,
  QUARANTINE_PLACE_LABELS,
  SEVERITY_LABELS,
  TEST_KIND_LABELS,
} from '../surveillance/shared/labels.ts';
import { DateBar } from './date-bar.tsx';
import { CarePanel } from './panels/care-panel.tsx';
import { NoQuarantineNote } from './panels/quarantine-panel.tsx';
import { usePanel } from './panels/use-panel.ts';
import { VaccinationBacklogPanel, VaccinationCoveragePanel } from './panels/vaccination-panels.tsx';
import type { WorkOfDay, WorkSection } from './types.ts';
import { useStartParams } from './use-start-params.ts';

interface SectionProps<T> {
  testId: string;
  title: string;
  section: WorkSection<T>;
  /** The whole list, when the section shows only its first lines. */
  more?: { to: string; label: string };
  render: (item: T) => { to: string; title: ReactNode; description: ReactNode; action?: ReactNode };
  rowKey: (item: T) => string;
  /** A sentence under the lines (why a section is empty, for example). */
  note?: ReactNode;
}

/** One kind of work: its count, then a line per record that opens it; "Không có việc nào" when empty. */
function WorkCard<T>({ testId, title, section, more, render, rowKey, note }: SectionProps<T>) {
  const { t } = useTranslation();
  return (
    <Col xs={24} lg={12}>
      <Card
        data-testid={testId}
        size="small"
        title={
          <Flex align="center" gap={8} style={{ minWidth: 0 }}>
            <Typography.Text strong style={{ whiteSpace: 'normal' }}>
              {title}
            </Typography.Text>
            <Badge
              data-testid={`${testId}-count`}
              count={section.count}
              showZero
              overflowCount={9999}
              color={section.count ? '#fa541c' : '#bfbfbf'}
            />
          </Flex>
        }
      >
        {section.items.length === 0 ? (
          <Typography.Text type="secondary" data-testid={`${testId}-empty`}>
            {t('today.nothing')}
          </Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={section.items}
            rowKey={rowKey}
            renderItem={(item) => {
              const line = render(item);
              return (
                <List.Item style={{ paddingInline: 0 }} actions={line.action ? [line.action] : undefined}>
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Link to={line.to} style={{ fontWeight: 500 }}>
                      {line.title}
                    </Link>
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {line.description}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              );
            }}
          />
        )}
        {section.count > section.items.length && more && (
          <Link to={more.to} style={{ display: 'inline-block', marginTop: 8 }}>
            {more.label}
          </Link>
        )}
        {note}
      </Card>
    </Col>
  );
}

/**
 * /today?date=: the start page of a commune health station and community team ("Việc hôm nay"):
 * results still pending, pool members to retest, contacts whose quarantine ends or who are due a
 * test, new cases, and cases whose contacts are not traced 24 hours after they were recorded;
 * then the commune's vaccination coverage and backlog.
 */
export function TodayPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const places = useCarePlaces();
  const { params, set } = useStartParams();
  const work = usePanel<WorkOfDay>('/work/today', params);
  const title = params.date ? t('today.titleOn', { date: formatDate(params.date) }) : t('today.title');
  const data = work.data;
  return (
    <>
      <PageHeader title={title} />
      {data?.unit && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {data.unit.name}
        </Typography.Paragraph>
      )}
      <DateBar params={params} onChange={(date) => set({ date })} />
      {work.isError && <Alert type="error" showIcon title={messageOf(work.error)} />}
      {work.isPending && <Skeleton active />}
      {data && (
        <Row gutter={[12, 12]} data-testid="today-sections">
          <WorkCard
            testId="today-pending"
            title={t('today.pending.title')}
            section={data.pendingResults}
            rowKey={(item) => item.id}
            more={{ to: '/tests?result=pending', label: t('today.all') }}
            render={(item) => ({
              to: item.personId ? `/persons/${item.personId}` : `/tests/pools/${item.id}`,
              title: item.personName ?? t('today.pending.pool'),
              description: t('today.pending.line', {
                kind: labelOf(TEST_KIND_LABELS, item.kind),
                at: formatDateTime(item.sampledAt),
              }),
            })}
          />
          <WorkCard
            testId="today-retests"
            title={t('today.retests.title')}
            section={data.retests}
            rowKey={(item) => `${item.poolId}-${item.personId}`}
            more={{ to: '/tests/worklist', label: t('today.all') }}
            render={(item) => ({
              to: `/tests/pools/${item.poolId}`,
              title: item.personName,
              description: t('today.retests.line', { at: formatDateTime(item.poolResultedAt) }),
            })}
          />
          <WorkCard
            testId="today-quarantine"
            title={t('today.quarantine.title')}
            section={data.quarantine}
            note={<NoQuarantineNote date={data.date} />}
            rowKey={(item) => item.id}
            render={(item) => ({
              to: `/persons/${item.personId}`,
              title: item.personName,
              description: (
                <Flex wrap gap={4} align="center" component="span">
                  {item.endsIn !== null && (
                    <Tag color="green">
                      {t(item.endsIn === 0 ? 'today.quarantine.endsToday' : 'today.quarantine.endsTomorrow')}
                    </Tag>
                  )}
                  {item.testDue && (
                    <Tag color="orange">{t('today.quarantine.testDay', { day: item.day })}</Tag>
                  )}
                  <span>
                    {t('today.quarantine.line', {
                      place: item.place ? labelOf(QUARANTINE_PLACE_LABELS, item.place) : '',
                      end: formatDate(item.quarantineEnd),
                    })}
                  </span>
                </Flex>
              ),
            })}
          />
          <WorkCard
            testId="today-new-cases"
            title={t('today.newCases.title', { count: data.newCaseDays })}
            section={data.newCases}
            rowKey={(item) => item.id}
            render={(item) => ({
              to: `/cases/${item.id}`,
              title: item.personName,
              description: t('today.newCases.line', {
                date: formatDate(item.detectedOn),
                severity: labelOf(SEVERITY_LABELS, item.severity),
                place: places.label(item.carePlace, item.carePlaceName),
              }),
            })}
          />
          <WorkCard
            testId="today-untraced"
            title={t('today.untraced.title')}
            section={data.untraced}
            rowKey={(item) => item.id}
            render={(item) => ({
              to: `/cases/${item.id}`,
              title: item.personName,
              description: t('today.untraced.line', {
                date: formatDate(item.detectedOn),
                at: formatDateTime(item.createdAt),
              }),
              action: can(me, 'case.write') && (
                <Link to={`/cases/${item.id}/contacts/new`}>
                  <Button size="small" icon={<UsergroupAddOutlined />}>
                    {t('today.untraced.add')}
                  </Button>
                </Link>
              ),
            })}
          />
        </Row>
      )}
      {can(me, 'care.read') && (
        <div style={{ marginTop: 12 }}>
          <CarePanel params={params} />
        </div>
      )}
      {can(me, 'vaccination.read') && (
        <Row gutter={[12, 12]} style={{ marginTop: 12 }} data-testid="today-vaccination">
          <Col xs={24} lg={12}>
            <VaccinationCoveragePanel params={params} />
          </Col>
          <Col xs={24} lg={12}>
            <VaccinationBacklogPanel params={params} />
          </Col>
        </Row>
      )}
    </>
  );
}
