import { PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { HOTLINE_KIND_LABELS, HOTLINE_KINDS } from '@tuyendau/domain';
import { Alert, App, Button, Empty, Flex, Select, Skeleton, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAccount } from '../../app/account.ts';
import { api, type ListPage, messageOf } from '../../app/api.ts';
import { LoadMore } from '../../app/load-more.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { UnitSelect } from '../../units/unit-select.tsx';
import { CallModal, NumbersModal, TextActionModal } from './dialogs.tsx';
import { RequestCard } from './request-card.tsx';
import type { HotlineItem } from './types.ts';

const PAGE = 30;
const STATUSES = ['active', 'open', 'assigned', 'resolved'] as const;

/**
 * /care/hotline?unit=&status=&kind=&overdue=: the hotline board — open requests most urgent first,
 * then oldest, each with its age and due time (orange near the due time, red once overdue);
 * assign and resolve in a dialog; an operator records a call; each unit edits its published
 * numbers. A district or province account starts on the overdue requests raised to it.
 */
export function HotlineBoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useAccount();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const raisedByDefault = me.unit?.level !== 'commune';
  const unit = params.get('unit') ?? undefined;
  const status = (params.get('status') ?? 'active') as (typeof STATUSES)[number];
  const kind = params.get('kind') ?? undefined;
  const overdue = params.has('overdue') ? params.get('overdue') === 'true' : raisedByDefault;
  const [now, setNow] = useState(() => new Date());
  const [assigning, setAssigning] = useState<HotlineItem>();
  const [resolving, setResolving] = useState<HotlineItem>();
  const [calling, setCalling] = useState(false);
  const [numbers, setNumbers] = useState(false);

  // Ages and due colours move with the clock; the list itself is read again every minute.
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const set = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') merged.delete(k);
      else merged.set(k, v);
    }
    setParams(merged, { replace: true });
  };
  const query = { unit, status, kind, overdue: overdue || undefined };
  const list = useInfiniteQuery({
    queryKey: ['/hotline-requests', query],
    queryFn: ({ pageParam }) =>
      api.get<ListPage<HotlineItem>>('/hotline-requests', { ...query, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['/hotline-requests'] });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open = status === 'active' || status === 'open' || status === 'assigned';

  return (
    <>
      <PageHeader
        title={t('hotline.title')}
        extra={
          <Space wrap>
            <Button icon={<PhoneOutlined />} onClick={() => setNumbers(true)}>
              {t('hotline.numbersButton')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCalling(true)}>
              {t('hotline.recordCall')}
            </Button>
          </Space>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }} align="center">
        <UnitSelect
          allowClear
          value={unit}
          placeholder={t('hotline.allUnits')}
          style={{ minWidth: 220 }}
          onChange={(v) => set({ unit: v })}
        />
        <Select
          value={status}
          style={{ minWidth: 170 }}
          options={STATUSES.map((s) => ({ value: s, label: t(`hotline.status.${s}`) }))}
          onChange={(v) => set({ status: v === 'active' ? undefined : v })}
        />
        <Select
          allowClear
          value={kind}
          placeholder={t('hotline.allKinds')}
          style={{ minWidth: 200 }}
          options={HOTLINE_KINDS.map((k) => ({ value: k, label: HOTLINE_KIND_LABELS[k] }))}
          onChange={(v) => set({ kind: v })}
        />
        {open && (
          <Space>
            <Switch
              checked={overdue}
              onChange={(v) => set({ overdue: String(v) })}
              data-testid="overdue-only"
            />
            <Typography.Text>{t('hotline.overdueOnly')}</Typography.Text>
          </Space>
        )}
      </Flex>
      {list.isError && (
        <Alert type="error" showIcon title={messageOf(list.error)} style={{ marginBottom: 12 }} />
      )}
      {list.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={overdue ? t('hotline.noneOverdue') : t('hotline.none')} />
      ) : (
        <Flex vertical gap={8}>
          {items.map((item) => (
            <RequestCard
              key={item.id}
              item={item}
              now={now}
              onAssign={() => setAssigning(item)}
              onResolve={() => setResolving(item)}
            />
          ))}
        </Flex>
      )}
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onLoadMore={() => list.fetchNextPage()}
      />
      <TextActionModal
        item={assigning}
        action="assign"
        onClose={() => setAssigning(undefined)}
        onDone={(m) => {
          setAssigning(undefined);
          message.success(m);
          refresh();
        }}
      />
      <TextActionModal
        item={resolving}
        action="resolve"
        onClose={() => {
          setResolving(undefined);
          refresh();
        }}
        onDone={(m) => {
          setResolving(undefined);
          message.success(m);
          refresh();
        }}
      />
      <CallModal
        open={calling}
        onClose={() => setCalling(false)}
        onDone={(reference) => {
          setCalling(false);
          message.success(t('hotline.callSaved', { reference }));
          refresh();
        }}
      />
      <NumbersModal
        open={numbers}
        onClose={() => setNumbers(false)}
        onDone={() => {
          setNumbers(false);
          message.success(t('hotline.numbersSaved'));
        }}
      />
    </>
  );
}
