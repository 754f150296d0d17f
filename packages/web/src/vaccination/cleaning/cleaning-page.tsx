import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Row,
  Select,
  Skeleton,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { CursorList, FilterBar, ResponsiveList } from '../../app/cursor-list.tsx';
import { formatDate, formatNumber } from '../../app/format.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import { UnitSelect } from '../../units/unit-select.tsx';
import { ProblemDrawer } from './problem-drawer.tsx';
import {
  type CleaningCounts,
  COUNTS,
  type CountRow,
  isPair,
  PROBLEM_KINDS,
  PROBLEMS,
  type Problem,
  type ProblemKind,
  type ProblemStatus,
} from './types.ts';

const STATUSES: ProblemStatus[] = ['open', 'corrected', 'merged', 'confirmed'];

/** "12 / 40 · 30%": the progress of a unit, as a bar people read at a glance. */
function ProgressCell({ row }: { row: CountRow }) {
  const { t } = useTranslation();
  if (row.progress === null)
    return <Typography.Text type="secondary">{t('vaccinationCleaning.nothingFound')}</Typography.Text>;
  return (
    <Progress
      percent={Math.floor(row.progress * 1000) / 10}
      size="small"
      format={(p) => `${String(p).replace('.', ',')}%`}
      style={{ minWidth: 140, margin: 0 }}
    />
  );
}

/** Open problems of a unit by kind, as tags in words. */
function KindTags({ kinds }: { kinds: CountRow['kinds'] }) {
  const { t } = useTranslation();
  const present = PROBLEM_KINDS.filter((k) => (kinds[k] ?? 0) > 0);
  if (present.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {present.map((k) => (
        <Tag key={k} style={{ margin: 0 }}>
          {t(`vaccinationCleaning.kindShort.${k}`)}: {formatNumber(kinds[k])}
        </Tag>
      ))}
    </Flex>
  );
}

function UnitCounts({ data, onPick }: { data: CleaningCounts; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const drill = data.unit.level !== 'commune';
  return (
    <ResponsiveList<CountRow>
      testId="cleaning-units"
      items={data.units}
      rowKey={(row) => row.unitCode}
      size="small"
      empty={t('vaccinationCleaning.noUnits')}
      columns={[
        {
          key: 'unit',
          title: t('vaccinationCleaning.unit'),
          card: 'title',
          render: (row) =>
            drill && row.unitCode !== data.unit.code ? (
              <Link
                to={`?unit=${encodeURIComponent(row.unitCode)}`}
                onClick={(e) => {
                  e.preventDefault();
                  onPick(row.unitCode);
                }}
              >
                {row.unitName}
              </Link>
            ) : (
              row.unitName
            ),
        },
        {
          key: 'toVerify',
          title: t('vaccinationCleaning.toVerify'),
          card: 'primary',
          align: 'right',
          render: (row) => formatNumber(row.toVerify),
        },
        {
          key: 'verified',
          title: t('vaccinationCleaning.verified'),
          card: 'primary',
          align: 'right',
          render: (row) => formatNumber(row.verified),
        },
        {
          key: 'progress',
          title: t('vaccinationCleaning.progress'),
          card: 'primary',
          width: 200,
          render: (row) => <ProgressCell row={row} />,
        },
        {
          key: 'kinds',
          title: t('vaccinationCleaning.byKind'),
          width: 420,
          render: (row) => <KindTags kinds={row.kinds} />,
        },
      ]}
    />
  );
}

/** The problem of a record in words: its kind, and what was found. */
function ProblemWords({ item }: { item: Problem }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong>{t(`vaccinationCleaning.kind.${item.kind}`)}</Typography.Text>
      {item.detail && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {item.detail}
        </Typography.Text>
      )}
      {item.other && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('vaccinationCleaning.withOther', {
            name: item.other.fullName,
            date: formatDate(item.other.birthDate),
          })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/**
 * /vaccination/cleaning?unit=&kind=&status=: the records of vaccinated people to verify (a missing
 * or wrong CCCD, an impossible date, doses out of order, a person recorded twice), counted per
 * child unit with the progress of the verification, listed with the problem in words; each opens
 * beside the list to correct, confirm, or merge two records of one person.
 */
export function CleaningPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const unit = search.get('unit') || undefined;
  const kind = (search.get('kind') || undefined) as ProblemKind | undefined;
  const status = (search.get('status') || 'open') as ProblemStatus;
  const [opened, setOpened] = useState<string>();
  const needsUnit = !unit && !me.unit;
  const counts = useQuery({
    queryKey: [COUNTS, unit ?? null],
    queryFn: () => api.get<CleaningCounts>(COUNTS, { unit }),
    enabled: !needsUnit,
    placeholderData: keepPreviousData,
  });
  const unitCode = counts.data?.unit.code ?? unit;
  const list = useCursorList<Problem>(PROBLEMS, { unit: unitCode, kind, status, limit: 30 }, !needsUnit);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next, { replace: true });
  };
  const scan = useMutation({
    mutationFn: () => api.post<{ found: number; opened: number }>('/vaccination/cleaning/scan', { unitCode }),
    onSuccess: async (r) => {
      message.success(
        t('vaccinationCleaning.scanned', { found: formatNumber(r.found), opened: formatNumber(r.opened) }),
      );
      await queryClient.invalidateQueries({ queryKey: [COUNTS] });
      await queryClient.invalidateQueries({ queryKey: [PROBLEMS] });
    },
    onError: (error) => message.error(messageOf(error)),
  });
  const data = counts.data;
  const total = data?.total;
  return (
    <>
      <PageHeader
        title={
          data ? t('vaccinationCleaning.titleOf', { unit: data.unit.name }) : t('vaccinationCleaning.title')
        }
        extra={
          unitCode && (
            <Button
              data-testid="cleaning-scan"
              icon={<ReloadOutlined />}
              loading={scan.isPending}
              onClick={() => scan.mutate()}
            >
              {t('vaccinationCleaning.scan')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('vaccinationCleaning.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('vaccinationCleaning.unit')}</Typography.Text>
          <UnitSelect
            id="cleaning-unit"
            data-testid="cleaning-unit"
            aria-label={t('vaccinationCleaning.unit')}
            value={unitCode}
            known={data ? { code: data.unit.code, name: data.unit.name } : undefined}
            placeholder={t('vaccinationCleaning.pickUnit')}
            onChange={(code) => set({ unit: code || undefined })}
            style={{ width: 300, maxWidth: '100%' }}
          />
        </Flex>
      </Card>
      {needsUnit ? (
        <Alert type="info" showIcon title={t('vaccinationCleaning.pickUnitFirst')} />
      ) : counts.isError ? (
        <Alert type="error" showIcon title={messageOf(counts.error)} />
      ) : !data || !total ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="cleaning-total">
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('vaccinationCleaning.toVerify')}
                  value={total.toVerify}
                  formatter={(v) => formatNumber(Number(v))}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('vaccinationCleaning.verified')}
                  value={total.verified}
                  formatter={(v) => formatNumber(Number(v))}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small" style={{ height: '100%' }}>
                <Typography.Text type="secondary">{t('vaccinationCleaning.progress')}</Typography.Text>
                <ProgressCell row={total} />
                <div style={{ marginTop: 8 }}>
                  <KindTags kinds={total.kinds} />
                </div>
              </Card>
            </Col>
          </Row>
          {data.unit.level !== 'commune' && (
            <>
              <Typography.Title level={5}>{t('vaccinationCleaning.perUnit')}</Typography.Title>
              <div style={{ marginBottom: 24 }}>
                <UnitCounts data={data} onPick={(code) => set({ unit: code })} />
              </div>
            </>
          )}
        </>
      )}
      {!needsUnit && (
        <>
          <Typography.Title level={5}>{t('vaccinationCleaning.listTitle')}</Typography.Title>
          <FilterBar testId="cleaning-filters">
            <Select<ProblemKind | ''>
              data-testid="cleaning-kind"
              aria-label={t('vaccinationCleaning.kindFilter')}
              value={kind ?? ''}
              onChange={(v) => set({ kind: v || undefined })}
              options={[
                { value: '', label: t('vaccinationCleaning.allKinds') },
                ...PROBLEM_KINDS.map((k) => ({ value: k, label: t(`vaccinationCleaning.kind.${k}`) })),
              ]}
              style={{ flex: '1 1 240px', maxWidth: 340 }}
            />
            <Select<ProblemStatus>
              data-testid="cleaning-status"
              aria-label={t('vaccinationCleaning.statusFilter')}
              value={status}
              onChange={(v) => set({ status: v === 'open' ? undefined : v })}
              options={STATUSES.map((s) => ({ value: s, label: t(`vaccinationCleaning.status.${s}`) }))}
              style={{ flex: '1 1 180px', maxWidth: 240 }}
            />
          </FilterBar>
          <CursorList<Problem>
            testId="cleaning-list"
            list={list}
            rowKey={(item) => item.id}
            empty={t('vaccinationCleaning.empty')}
            columns={[
              {
                key: 'person',
                title: t('vaccinationCleaning.person'),
                card: 'title',
                render: (item) => <Link to={`/persons/${item.person.id}`}>{item.person.fullName}</Link>,
              },
              {
                key: 'birthDate',
                title: t('vaccinationCleaning.birthDate'),
                card: 'primary',
                render: (item) => `${formatDate(item.person.birthDate)} · ${t(`sex.${item.person.sex}`)}`,
              },
              {
                key: 'place',
                title: t('vaccinationCleaning.commune'),
                render: (item) => item.person.unitName ?? '—',
              },
              {
                key: 'problem',
                title: t('vaccinationCleaning.problem'),
                card: 'primary',
                bare: true,
                width: 420,
                render: (item) => <ProblemWords item={item} />,
              },
              {
                key: 'actions',
                title: t('common.actions'),
                card: 'primary',
                bare: true,
                render: (item) => (
                  <Button
                    data-testid="cleaning-open"
                    size="small"
                    type={item.status === 'open' ? 'primary' : 'default'}
                    onClick={() => setOpened(item.id)}
                  >
                    {item.status !== 'open'
                      ? t('vaccinationCleaning.view')
                      : isPair(item.kind)
                        ? t('vaccinationCleaning.compare')
                        : t('vaccinationCleaning.verify')}
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
      {opened && <ProblemDrawer id={opened} onClose={() => setOpened(undefined)} />}
    </>
  );
}
