import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDate, formatNumber } from '../../app/format.ts';
import { LoadMore } from '../../app/load-more.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { UnitSelect } from '../../units/unit-select.tsx';
import { HouseholdCard } from './household-card.tsx';
import { MarkSheet } from './mark-sheet.tsx';
import type { DoorList, DoorPerson, DoorVillages, Marked, MarkKind, MarkResult } from './types.ts';

const WITHIN = [0, 7, 30];
/** Households per page: a phone scrolls through them, "Tải thêm" brings the next. */
const PAGE = 20;

/**
 * /vaccination/door?unit=&village=&within=: the door-to-door list of a commune (default the
 * account's) or one of its villages — the households with someone due or overdue for their next
 * dose, each person marked in the sheet in two taps (the kind, then Lưu), the card changed at once;
 * the list as XLSX and PDF to print.
 */
export function DoorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useAccount();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? (me.unit?.level === 'commune' ? me.unit.code : undefined);
  const village = params.get('village') ?? undefined;
  const within = Number(params.get('within') ?? 0) || 0;
  const [marking, setMarking] = useState<DoorPerson>();
  const [marked, setMarked] = useState<Record<string, Marked>>({});
  const set = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '') merged.delete(k);
      else merged.set(k, v);
    }
    setParams(merged, { replace: true });
    setMarked({});
  };
  const query = { unit, village, within: within || undefined };
  const list = useInfiniteQuery({
    queryKey: ['/vaccination/door', unit ?? null, village ?? null, within],
    queryFn: ({ pageParam }) =>
      api.get<DoorList>('/vaccination/door', { ...query, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: Boolean(unit),
    placeholderData: keepPreviousData,
  });
  const villages = useQuery({
    queryKey: ['/vaccination/door/villages', unit ?? null],
    queryFn: () => api.get<DoorVillages>('/vaccination/door/villages', { unit }),
    enabled: Boolean(unit),
    staleTime: 60_000,
  });
  const first = list.data?.pages[0];
  const households = list.data?.pages.flatMap((p) => p.households) ?? [];
  const persons = households.reduce((n, h) => n + h.persons.length, 0);
  const printQuery = new URLSearchParams(
    Object.entries(query)
      .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  const today = first?.asOf ?? new Date().toISOString().slice(0, 10);
  const canMark = can(me, 'vaccination.write');
  /** A commune's own team: the commune is the title, no picker needed. */
  const ownCommune = me.unit?.level === 'commune';

  const onMarked = (result: MarkResult, kind: MarkKind) => {
    const id = marking?.id;
    if (id) setMarked((m) => ({ ...m, [id]: { kind, person: result.person } }));
    setMarking(undefined);
    message.success(
      t('vaccinationDoor.saved', { name: marking?.fullName, mark: t(`vaccinationDoor.marks.${kind}`) }),
    );
    // Coverage and the person's page read the registry again.
    void queryClient.invalidateQueries({ queryKey: ['/vaccination/coverage'] });
    void queryClient.invalidateQueries({ queryKey: ['/vaccination/door/villages'] });
  };

  return (
    <>
      <PageHeader
        title={first ? t('vaccinationDoor.titleOf', { unit: first.unit.name }) : t('vaccinationDoor.title')}
        extra={
          unit && (
            <Flex gap={8} wrap>
              <a href={`/api/v1/vaccination/door.xlsx?${printQuery}`} download data-testid="door-xlsx">
                <Button icon={<FileExcelOutlined />}>{t('vaccinationDoor.xlsx')}</Button>
              </a>
              <a href={`/api/v1/vaccination/door.pdf?${printQuery}`} download data-testid="door-pdf">
                <Button icon={<FilePdfOutlined />}>{t('vaccinationDoor.pdf')}</Button>
              </a>
            </Flex>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[8, 8]} align="bottom">
          {!ownCommune && (
            <Col xs={24} md={9} lg={7}>
              <Flex vertical gap={4}>
                <Typography.Text type="secondary">{t('vaccinationDoor.unit')}</Typography.Text>
                <UnitSelect
                  id="door-unit"
                  level="commune"
                  data-testid="door-unit"
                  aria-label={t('vaccinationDoor.unit')}
                  value={first?.unit.code ?? unit}
                  known={first ? first.unit : undefined}
                  placeholder={t('vaccinationDoor.pickUnit')}
                  onChange={(code) => set({ unit: code, village: undefined })}
                  style={{ width: '100%' }}
                />
              </Flex>
            </Col>
          )}
          <Col xs={14} md={9} lg={7}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('vaccinationDoor.village')}</Typography.Text>
              <Select
                id="door-village"
                data-testid="door-village"
                aria-label={t('vaccinationDoor.village')}
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                disabled={!unit}
                loading={villages.isLoading}
                value={village}
                placeholder={t('vaccinationDoor.allVillages')}
                onChange={(v?: string) => set({ village: v })}
                // People without an address stay in the whole commune's list (an empty filter means none).
                options={(villages.data?.villages ?? [])
                  .filter((v) => v.village)
                  .map((v) => ({
                    value: v.village,
                    label: `${v.village} (${formatNumber(v.persons)})`,
                  }))}
                style={{ width: '100%' }}
              />
            </Flex>
          </Col>
          <Col xs={10} md={6} lg={5}>
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">{t('vaccinationDoor.within')}</Typography.Text>
              <Select
                data-testid="door-within"
                aria-label={t('vaccinationDoor.within')}
                value={within}
                onChange={(v: number) => set({ within: v ? String(v) : undefined })}
                options={WITHIN.map((d) => ({
                  value: d,
                  label:
                    d === 0 ? t('vaccinationDoor.withinNone') : t('vaccinationDoor.withinDays', { count: d }),
                }))}
                style={{ width: '100%' }}
              />
            </Flex>
          </Col>
        </Row>
      </Card>
      {!unit && <Alert type="info" showIcon title={t('vaccinationDoor.pickUnitFirst')} />}
      {list.isError && (
        <Alert type="error" showIcon title={messageOf(list.error)} style={{ marginBottom: 16 }} />
      )}
      {unit && list.isLoading && <Skeleton active />}
      {first && (
        <Typography.Paragraph type="secondary" data-testid="door-summary">
          {t('vaccinationDoor.summary', {
            date: formatDate(first.asOf),
            households: formatNumber(households.length),
            persons: formatNumber(persons),
            more: list.hasNextPage ? t('vaccinationDoor.summaryMore') : '',
          })}
        </Typography.Paragraph>
      )}
      {first && households.length === 0 && <Empty description={t('vaccinationDoor.empty')} />}
      <Row gutter={[16, 16]}>
        {households.map((h) => (
          <Col key={`${h.address}|${h.key}`} xs={24} lg={12} xxl={8}>
            <HouseholdCard household={h} marked={marked} canMark={canMark} onMark={setMarking} />
          </Col>
        ))}
      </Row>
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onLoadMore={() => list.fetchNextPage()}
      />
      {marking && (
        <MarkSheet person={marking} today={today} onClose={() => setMarking(undefined)} onMarked={onMarked} />
      )}
    </>
  );
}
