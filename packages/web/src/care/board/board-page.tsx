import { PhoneOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { LoadMore } from '../../app/load-more.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { UnitSelect } from '../../units/unit-select.tsx';
import { ReadingLine } from '../monitoring/reading-line.tsx';
import { DismissDialog } from './dismiss-dialog.tsx';
import { TransferDialog } from './transfer-dialog.tsx';
import { type Board, type BoardAlert, SEVERITY_COLORS, type Unreachable } from './types.ts';

const PAGE = 30;
/** The board reads itself again this often: an alert must show at once, not at the next click. */
const REFRESH_MS = 20_000;

export const BOARD_KEY = '/care/board';

/**
 * /care/board?unit=: the health station's board — the open warning-sign alerts of people cared for
 * at home, the most severe first then the oldest, each with the signs, the day of isolation and the
 * last readings, to transfer to a treatment facility or dismiss with a reason; the people silent
 * longer than the policy allows; the counts.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const [transferring, setTransferring] = useState<BoardAlert>();
  const [dismissing, setDismissing] = useState<BoardAlert>();
  const board = useInfiniteQuery({
    queryKey: [BOARD_KEY, unit ?? null],
    queryFn: ({ pageParam }) =>
      api.get<Board>('/care/board', {
        unit,
        limit: PAGE,
        cursor: pageParam?.alerts,
        silentCursor: pageParam?.silent,
      }),
    initialPageParam: undefined as { alerts?: string; silent?: string } | undefined,
    getNextPageParam: (last) =>
      last.next || last.unreachableNext ? { alerts: last.next, silent: last.unreachableNext } : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const first = board.data?.pages[0];
  const pages = board.data?.pages ?? [];
  // A page after the first brings the next alerts and the next unreachable people; a list already at its end brings none.
  const alerts = pages.flatMap((p, i) => (i === 0 || pages[i - 1].next ? p.alerts : []));
  const silent = pages.flatMap((p, i) => (i === 0 || pages[i - 1].unreachableNext ? p.unreachable : []));
  const canWrite = can(me, 'care.write');
  const handled = () => void queryClient.invalidateQueries({ queryKey: [BOARD_KEY] });

  return (
    <>
      <PageHeader
        title={first?.unit ? t('careBoard.titleOf', { unit: first.unit.name }) : t('careBoard.title')}
      />
      {me.unit?.level !== 'commune' && (
        <Flex vertical gap={4} style={{ marginBottom: 16, maxWidth: 420 }}>
          <Typography.Text type="secondary">{t('careBoard.unit')}</Typography.Text>
          <UnitSelect
            id="board-unit"
            data-testid="board-unit"
            aria-label={t('careBoard.unit')}
            allowClear
            value={unit}
            known={first?.unit ?? undefined}
            placeholder={t('careBoard.wholeJurisdiction')}
            onChange={(code) => setParams(code ? { unit: code } : {}, { replace: true })}
          />
        </Flex>
      )}
      {board.isError && (
        <Alert type="error" showIcon message={messageOf(board.error)} style={{ marginBottom: 16 }} />
      )}
      {!first && board.isLoading && <Skeleton active />}
      {first && (
        <>
          <Row gutter={[8, 8]} style={{ marginBottom: 16 }} data-testid="board-counts">
            {([3, 2, 1] as const).map((s) => (
              <Col xs={12} md={6} key={s}>
                <Card size="small" style={{ borderTop: `4px solid ${SEVERITY_COLORS[s]}` }}>
                  <Statistic title={t(`careBoard.severity.${s}`)} value={first.counts.openAlerts[s]} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={6}>
              <Card size="small" style={{ borderTop: '4px solid purple' }}>
                <Statistic title={t('careBoard.unreachableCount')} value={first.counts.unreachable} />
              </Card>
            </Col>
          </Row>
          <Typography.Title level={4}>{t('careBoard.alerts')}</Typography.Title>
          {alerts.length === 0 ? (
            <Empty description={t('careBoard.noAlerts')} style={{ marginBottom: 24 }} />
          ) : (
            <Flex vertical gap={8} style={{ marginBottom: 24 }} data-testid="board-alerts">
              {alerts.map((a) => (
                <AlertCard
                  key={a.id}
                  alert={a}
                  canWrite={canWrite}
                  onTransfer={() => setTransferring(a)}
                  onDismiss={() => setDismissing(a)}
                />
              ))}
            </Flex>
          )}
          <Typography.Title level={4}>{t('careBoard.unreachable')}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('careBoard.unreachableRule', { hours: first.policy.unreachableAfterHours })}
            {first.policy.unconfirmed && ` ${t('careBoard.unconfirmed')}`}
          </Typography.Paragraph>
          {silent.length === 0 ? (
            <Empty description={t('careBoard.noUnreachable')} />
          ) : (
            <Flex vertical gap={8} data-testid="board-unreachable">
              {silent.map((u) => (
                <SilentCard key={u.episodeId} silent={u} />
              ))}
            </Flex>
          )}
          <LoadMore
            hasMore={board.hasNextPage}
            loading={board.isFetchingNextPage}
            onLoadMore={() => void board.fetchNextPage()}
          />
        </>
      )}
      {transferring && (
        <TransferDialog
          alert={transferring}
          onClose={() => setTransferring(undefined)}
          onDone={() => {
            setTransferring(undefined);
            handled();
          }}
        />
      )}
      {dismissing && (
        <DismissDialog
          alert={dismissing}
          onClose={() => setDismissing(undefined)}
          onDone={() => {
            setDismissing(undefined);
            handled();
          }}
        />
      )}
    </>
  );
}

function PersonLine({
  person,
  unit,
  episodeId,
}: {
  person: Unreachable['person'];
  unit: { name: string | null };
  episodeId: string;
}) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={8} align="baseline">
      <Link to={`/care/episodes/${episodeId}/monitoring`} data-testid="board-person">
        <Typography.Text strong>{person.fullName}</Typography.Text>
      </Link>
      <Typography.Text type="secondary">
        {t('careBoard.age', { age: person.age })}
        {unit.name ? ` · ${unit.name}` : ''}
      </Typography.Text>
      {person.phone && (
        <a href={`tel:${person.phone}`}>
          <PhoneOutlined /> {person.phone}
        </a>
      )}
    </Flex>
  );
}

function AlertCard({
  alert,
  canWrite,
  onTransfer,
  onDismiss,
}: {
  alert: BoardAlert;
  canWrite: boolean;
  onTransfer: () => void;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="board-alert"
      data-severity={alert.severity}
      style={{ borderLeft: `6px solid ${SEVERITY_COLORS[alert.severity]}` }}
    >
      <Flex vertical gap={4}>
        <Flex wrap gap={8} align="center">
          <Tag color={SEVERITY_COLORS[alert.severity]}>{t(`careBoard.severity.${alert.severity}`)}</Tag>
          <Typography.Text type="secondary">
            {t('careBoard.day', { day: alert.day })} ·{' '}
            {t('careBoard.raisedAt', { at: formatDateTime(alert.raisedAt) })}
          </Typography.Text>
        </Flex>
        <PersonLine person={alert.person} unit={alert.unit} episodeId={alert.episodeId} />
        <Typography.Text strong style={{ color: alert.severity === 3 ? '#cf1322' : undefined }}>
          {alert.signWords.join('; ')}
        </Typography.Text>
        {alert.last && (
          <Typography.Text type="secondary">
            {t('careBoard.lastReading', { at: formatDateTime(alert.last.recordedAt) })}{' '}
            <ReadingLine reading={alert.last} />
          </Typography.Text>
        )}
        {canWrite && (
          <Flex gap={8} wrap style={{ marginTop: 4 }}>
            <Button
              type="primary"
              danger={alert.severity === 3}
              onClick={onTransfer}
              data-testid="board-transfer"
            >
              {t('careBoard.transfer')}
            </Button>
            <Button onClick={onDismiss} data-testid="board-dismiss">
              {t('careBoard.dismiss')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

function SilentCard({ silent }: { silent: Unreachable }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="board-silent" style={{ borderLeft: '6px solid purple' }}>
      <Flex vertical gap={4}>
        <PersonLine person={silent.person} unit={silent.unit} episodeId={silent.episodeId} />
        <Typography.Text type="secondary">
          {t('careBoard.day', { day: silent.day })} ·{' '}
          {silent.lastEntryAt
            ? t('careBoard.lastEntry', { at: formatDateTime(silent.lastEntryAt) })
            : t('careBoard.neverEntry', { at: formatDateTime(silent.enrolledAt) })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
