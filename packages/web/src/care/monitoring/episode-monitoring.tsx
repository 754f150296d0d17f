import { CopyOutlined, LinkOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { READING_RANGES, RECORDED_BY_LABELS, SYMPTOM_LABELS, SYMPTOMS, TEXT_LIMITS } from '@tuyendau/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { api, messageOf } from '../../app/api.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { LoadMore } from '../../app/load-more.tsx';
import { SEVERITY_COLORS } from '../board/types.ts';
import { HomeCareEligibilityCheck } from './eligibility-check.tsx';
import { readingParts } from './reading-line.tsx';
import { type Entry, type EntryForm, type EntryPage, type EntryResult, entryBody } from './types.ts';

const PAGE = 20;

type Range = { min: number; max: number };
const range = (r: Range) => ({ min: r.min, max: r.max });

/**
 * The monitoring of one episode, to mount on the episode's page: the form a health station or a
 * community team fills in (twice a day), the warning signs of what was sent, the phone link for the
 * person or a caregiver, and the history, newest first.
 */
export function EpisodeMonitoring({ episodeId }: { episodeId: string }) {
  const { t } = useTranslation();
  const me = useAccount();
  const canWrite = can(me, 'care.write');
  const key = ['/care/episodes/monitoring', episodeId];
  const history = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) =>
      api.get<EntryPage>(`/care/episodes/${episodeId}/monitoring`, { limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const first = history.data?.pages[0];
  const entries = history.data?.pages.flatMap((p) => p.items) ?? [];
  const active = first?.episode.status === 'active';
  return (
    <Flex vertical gap={16} data-testid="episode-monitoring">
      {history.isError && <Alert type="error" showIcon message={messageOf(history.error)} />}
      {first && (
        <Typography.Text type="secondary">
          <Link to={`/persons/${first.episode.personId}`} data-testid="monitoring-person">
            {first.episode.personName}
          </Link>{' '}
          · {t('careMonitoring.born', { date: formatDate(first.episode.birthDate) })} ·{' '}
          {t('careMonitoring.day', { day: first.episode.day })}
          {first.episode.lastEntryAt
            ? ` · ${t('careMonitoring.lastEntry', { at: formatDateTime(first.episode.lastEntryAt) })}`
            : ` · ${t('careMonitoring.noEntry')}`}
        </Typography.Text>
      )}
      {canWrite && active && <EntryFormCard episodeId={episodeId} />}
      {canWrite && active && <PhoneLink episodeId={episodeId} hasLink={first?.episode.hasLink ?? false} />}
      {canWrite && active && first?.episode.place === 'home' && (
        <Collapse
          size="small"
          items={[
            {
              key: 'eligibility',
              label: t('careEligibility.recheck'),
              children: <HomeCareEligibilityCheck birthDate={first.episode.birthDate} />,
            },
          ]}
        />
      )}
      <HistoryTable entries={entries} loading={history.isLoading} />
      <LoadMore
        hasMore={history.hasNextPage}
        loading={history.isFetchingNextPage}
        onLoadMore={() => void history.fetchNextPage()}
      />
    </Flex>
  );
}

function EntryFormCard({ episodeId }: { episodeId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EntryForm>();
  const [result, setResult] = useState<EntryResult>();
  const save = useMutation({
    mutationFn: (values: EntryForm) =>
      api.post<EntryResult>(`/care/episodes/${episodeId}/monitoring`, entryBody(values)),
    onSuccess: (out) => {
      setResult(out);
      if (!out.warning.recheckSpo2) form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['/care/episodes/monitoring', episodeId] });
      void queryClient.invalidateQueries({ queryKey: ['/care/board'] });
    },
  });
  const number = (name: keyof typeof READING_RANGES & keyof EntryForm, label: string, suffix?: string) => (
    <Col xs={12} sm={8} md={6}>
      <Form.Item
        name={name}
        label={label}
        rules={[
          {
            type: 'number',
            ...range(READING_RANGES[name] as Range),
            message: t('careMonitoring.range', range(READING_RANGES[name] as Range)),
          },
        ]}
      >
        <InputNumber precision={0} suffix={suffix} style={{ width: '100%' }} data-testid={`entry-${name}`} />
      </Form.Item>
    </Col>
  );
  return (
    <Card size="small" title={t('careMonitoring.formTitle')}>
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Row gutter={8}>
          {number('spo2', t('careMonitoring.spo2'), '%')}
          {number('spo2Recheck', t('careMonitoring.spo2Recheck'), '%')}
          {number('respiratoryRate', t('careMonitoring.respiratoryRate'))}
          {number('pulse', t('careMonitoring.pulse'))}
          <Col xs={12} sm={8} md={6}>
            <Form.Item
              name="temperature"
              label={t('careMonitoring.temperature')}
              rules={[{ type: 'number', min: 30, max: 45, message: t('careMonitoring.temperatureRange') }]}
            >
              <InputNumber
                precision={1}
                step={0.1}
                decimalSeparator=","
                suffix="°C"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          {number('systolic', t('careMonitoring.systolic'))}
          {number('diastolic', t('careMonitoring.diastolic'))}
        </Row>
        <Form.Item name="symptoms" label={t('careMonitoring.symptoms')}>
          <Checkbox.Group options={SYMPTOMS.map((s) => ({ value: s, label: SYMPTOM_LABELS[s] }))} />
        </Form.Item>
        <Form.Item name="note" label={t('careMonitoring.note')}>
          <Input.TextArea maxLength={TEXT_LIMITS.note} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        {save.isError && (
          <Alert type="error" showIcon message={messageOf(save.error)} style={{ marginBottom: 8 }} />
        )}
        {result && <WarningResult result={result} />}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="entry-save">
          {t('careMonitoring.save')}
        </Button>
      </Form>
    </Card>
  );
}

function WarningResult({ result }: { result: EntryResult }) {
  const { t } = useTranslation();
  const w = result.warning;
  if (w.severity === 0)
    return <Alert type="success" showIcon message={t('careMonitoring.noSign')} style={{ marginBottom: 8 }} />;
  return (
    <Alert
      type={w.severity >= 2 ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 8 }}
      message={`${w.severityLabel}: ${w.signWords.join('; ')}`}
      description={
        <Flex vertical>
          {w.recheckSpo2 && (
            <Typography.Text strong>{t('careMonitoring.recheck', { cutoff: w.spo2AtMost })}</Typography.Text>
          )}
          {w.reasons.map((r) => (
            <Typography.Text key={r}>{r}</Typography.Text>
          ))}
          {result.alert && <Typography.Text type="secondary">{t('careMonitoring.onBoard')}</Typography.Text>}
        </Flex>
      }
    />
  );
}

function PhoneLink({ episodeId, hasLink }: { episodeId: string; hasLink: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState<string>();
  const create = useMutation({
    mutationFn: () => api.post<{ url: string }>(`/care/episodes/${episodeId}/link`),
    onSuccess: (out) => {
      setUrl(`${window.location.origin}${out.url}`);
      void queryClient.invalidateQueries({ queryKey: ['/care/episodes/monitoring', episodeId] });
    },
  });
  const ask = () =>
    hasLink
      ? modal.confirm({
          title: t('careMonitoring.linkRegenerate'),
          content: t('careMonitoring.linkRegenerateWarning'),
          okText: t('careMonitoring.linkRegenerateConfirm'),
          cancelText: t('common.cancel'),
          onOk: () => create.mutate(),
        })
      : create.mutate();
  return (
    <Card size="small" title={t('careMonitoring.linkTitle')}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('careMonitoring.linkHelp')}</Typography.Text>
        {create.isError && <Alert type="error" showIcon message={messageOf(create.error)} />}
        {url && (
          <Flex gap={8} wrap align="center">
            <Input readOnly value={url} data-testid="link-url" style={{ maxWidth: 560 }} />
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(url)
                  .then(() => message.success(t('careMonitoring.linkCopied')))
              }
            >
              {t('careMonitoring.linkCopy')}
            </Button>
            <Typography.Text type="warning">{t('careMonitoring.linkOnce')}</Typography.Text>
          </Flex>
        )}
        <div>
          <Button icon={<LinkOutlined />} onClick={ask} loading={create.isPending} data-testid="link-create">
            {hasLink ? t('careMonitoring.linkNew') : t('careMonitoring.linkCreate')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}

function HistoryTable({ entries, loading }: { entries: Entry[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<Entry>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={entries}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{ emptyText: t('careMonitoring.noEntry') }}
      data-testid="monitoring-history"
      columns={[
        {
          title: t('careMonitoring.at'),
          key: 'at',
          width: 150,
          render: (_, e) => (
            <Flex vertical>
              <span>{formatDateTime(e.recordedAt)}</span>
              <Typography.Text type="secondary">
                {e.recordedByName ?? RECORDED_BY_LABELS[e.recordedByKind]}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('careMonitoring.readings'),
          key: 'readings',
          render: (_, e) => readingParts(e, t).join(' · '),
        },
        {
          title: t('careMonitoring.symptoms'),
          key: 'symptoms',
          render: (_, e) =>
            e.symptoms.map((s) => SYMPTOM_LABELS[s as keyof typeof SYMPTOM_LABELS] ?? s).join(', '),
        },
        {
          title: t('careMonitoring.signs'),
          key: 'signs',
          width: 220,
          render: (_, e) =>
            e.severity === 0 ? (
              <Tag color="green">{t('careMonitoring.noSignShort')}</Tag>
            ) : (
              <Flex vertical gap={2}>
                {e.signWords.map((w) => (
                  <Tag key={w} color={SEVERITY_COLORS[e.severity]}>
                    {w}
                  </Tag>
                ))}
              </Flex>
            ),
        },
      ]}
    />
  );
}
