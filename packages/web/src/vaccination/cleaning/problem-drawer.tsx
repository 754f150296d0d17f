import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Popconfirm,
  Radio,
  Row,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, messageOf } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { isWideScreen } from '../../app/wide-screen.ts';
import {
  COUNTS,
  isPair,
  PROBLEMS,
  type ProblemDetail,
  type ProblemDose,
  type ProblemPerson,
} from './types.ts';

const DATE_FORMAT = 'DD/MM/YYYY';

type Person = ProblemPerson & { doseList: ProblemDose[] };

/** The record to keep when two are one person: the one with an identity number, else more doses. */
function defaultSurvivor(a: Person, b: Person): string {
  if (!!a.idNumber !== !!b.idNumber) return a.idNumber ? a.id : b.id;
  if (a.doses !== b.doses) return a.doses > b.doses ? a.id : b.id;
  return a.id;
}

function DoseLines({ doses }: { doses: ProblemDose[] }) {
  const { t } = useTranslation();
  if (doses.length === 0)
    return <Typography.Text type="secondary">{t('vaccinationCleaning.noDoses')}</Typography.Text>;
  return (
    <Flex vertical gap={4} data-testid="cleaning-doses">
      {doses.map((d) => (
        <Flex key={d.id} wrap gap={4} align="center">
          <Typography.Text delete={!d.current} type={d.current ? undefined : 'secondary'}>
            {t('vaccinationCleaning.doseLine', {
              number: d.doseNumber,
              product: d.productName,
              date: formatDate(d.givenOn),
            })}
          </Typography.Text>
          {!d.current && <Tag>{t('vaccinationCleaning.superseded')}</Tag>}
          {d.reviewStatus === 'rejected' && <Tag color="red">{t('vaccinationCleaning.rejected')}</Tag>}
          {d.mergedFrom && <Tag color="blue">{t('vaccinationCleaning.movedIn')}</Tag>}
          {d.current && !d.synced && <Tag color="orange">{t('vaccinationCleaning.unsynced')}</Tag>}
        </Flex>
      ))}
    </Flex>
  );
}

/** One record's fields; those that differ from the other record of a pair are marked. */
function PersonCard({
  person,
  other,
  title,
  extra,
}: {
  person: Person;
  other?: Person | null;
  title: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const differs = (key: keyof ProblemPerson) =>
    other !== undefined && other !== null && person[key] !== other[key];
  const value = (key: keyof ProblemPerson, text: ReactNode) =>
    differs(key) ? <Typography.Text mark>{text}</Typography.Text> : text;
  const none = <Typography.Text type="secondary">{t('vaccinationCleaning.none')}</Typography.Text>;
  return (
    <Card
      size="small"
      title={title}
      extra={extra}
      data-testid={`cleaning-person-${person.id}`}
      style={{ height: '100%' }}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'name',
            label: t('vaccinationCleaning.fullName'),
            children: value('fullName', person.fullName),
          },
          {
            key: 'birth',
            label: t('vaccinationCleaning.birthDate'),
            children: value('birthDate', formatDate(person.birthDate)),
          },
          { key: 'sex', label: t('vaccinationCleaning.sex'), children: value('sex', t(`sex.${person.sex}`)) },
          {
            key: 'id',
            label: t('vaccinationCleaning.idNumber'),
            children: person.idNumber ? value('idNumber', person.idNumber) : none,
          },
          {
            key: 'phone',
            label: t('vaccinationCleaning.phone'),
            children: person.phone ? value('phone', person.phone) : none,
          },
          {
            key: 'place',
            label: t('vaccinationCleaning.commune'),
            children: value('unitName', person.unitName ?? '—'),
          },
          ...(person.address
            ? [{ key: 'address', label: t('vaccinationCleaning.address'), children: person.address }]
            : []),
          {
            key: 'doses',
            label: t('vaccinationCleaning.doses'),
            children: <DoseLines doses={person.doseList} />,
          },
        ]}
      />
      <Link to={`/persons/${person.id}`}>{t('vaccinationCleaning.openPerson')}</Link>
    </Card>
  );
}

interface CorrectionValues {
  fullName: string;
  birthDate: Dayjs;
  idNumber?: string;
  phone?: string;
}

const FIELDS = ['fullName', 'birthDate', 'idNumber', 'phone'];

/** The fields a person most often has wrong, sent through the persons service with the problem closed. */
function CorrectionForm({
  problem,
  onDone,
}: {
  problem: ProblemDetail;
  onDone: (stillOpen: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CorrectionValues>();
  const [formError, setFormError] = useState<string>();
  const p = problem.person;
  const correct = useMutation({
    mutationFn: (person: Record<string, string | null>) =>
      api.post<{ stillOpen: boolean }>(`${PROBLEMS}/${problem.id}/correct`, { person }),
  });
  return (
    <Form<CorrectionValues>
      form={form}
      layout="vertical"
      initialValues={{
        fullName: p.fullName,
        birthDate: dayjs(p.birthDate),
        idNumber: p.idNumber ?? '',
        phone: p.phone ?? '',
      }}
      onFinish={(v) => {
        if (correct.isPending) return;
        setFormError(undefined);
        const next: Record<string, string | null> = {
          fullName: v.fullName.trim(),
          birthDate: v.birthDate.format('YYYY-MM-DD'),
          idNumber: v.idNumber?.trim() || null,
          phone: v.phone?.trim() || null,
        };
        const before: Record<string, string | null> = {
          fullName: p.fullName,
          birthDate: p.birthDate,
          idNumber: p.idNumber,
          phone: p.phone,
        };
        const changed = Object.fromEntries(Object.entries(next).filter(([k, value]) => value !== before[k]));
        if (Object.keys(changed).length === 0) {
          setFormError(t('vaccinationCleaning.nothingChanged'));
          return;
        }
        correct.mutate(changed, {
          onSuccess: (r) => onDone(r.stillOpen),
          onError: (error) => setFormError(showOnFields(form, error, FIELDS)),
        });
      }}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="fullName"
            label={t('vaccinationCleaning.fullName')}
            rules={[{ required: true, whitespace: true, message: t('vaccinationCleaning.fullNameRequired') }]}
          >
            <Input data-testid="correct-name" maxLength={120} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="birthDate"
            label={t('vaccinationCleaning.birthDate')}
            rules={[{ required: true, message: t('vaccinationCleaning.birthDateRequired') }]}
          >
            <DatePicker
              data-testid="correct-birth"
              format={DATE_FORMAT}
              placeholder={t('common.datePlaceholder')}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="idNumber" label={t('vaccinationCleaning.idNumber')}>
            <Input data-testid="correct-id" maxLength={20} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="phone" label={t('vaccinationCleaning.phone')}>
            <Input data-testid="correct-phone" maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Button data-testid="correct-submit" type="primary" htmlType="submit" loading={correct.isPending}>
        {t('vaccinationCleaning.saveCorrection')}
      </Button>
    </Form>
  );
}

/**
 * One problem beside the list: what is wrong in words, the record (or the two records of a likely
 * duplicate side by side, with what differs marked), and what can be done: correct the record,
 * confirm it is right (for a pair: not the same person), merge the two into the one to keep, or
 * undo a merge.
 */
export function ProblemDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const wide = Grid.useBreakpoint().lg ?? isWideScreen();
  const detail = useQuery({
    queryKey: [PROBLEMS, id],
    queryFn: () => api.get<ProblemDetail>(`${PROBLEMS}/${id}`),
  });
  const [survivor, setSurvivor] = useState<string>();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: [COUNTS] });
    await queryClient.invalidateQueries({ queryKey: [PROBLEMS] });
  };
  const act = useMutation({
    mutationFn: (a: { path: string; body?: unknown }) => api.post<unknown>(a.path, a.body),
    onError: (error) => message.error(messageOf(error)),
  });
  const p = detail.data;
  const pair = p && isPair(p.kind) && p.other ? ([p.person, p.other] as const) : undefined;
  const keep = pair ? (survivor ?? defaultSurvivor(pair[0], pair[1])) : undefined;
  const absorbed = pair ? (keep === pair[0].id ? pair[1] : pair[0]) : undefined;
  const open = p?.status === 'open';

  const done = async (text: string) => {
    message.success(text);
    await refresh();
    onClose();
  };

  return (
    <Drawer
      open
      onClose={onClose}
      destroyOnHidden
      size={wide ? 960 : '100%'}
      title={p ? t(`vaccinationCleaning.kind.${p.kind}`) : t('vaccinationCleaning.loading')}
      data-testid="cleaning-drawer"
    >
      {detail.isError ? (
        <Alert type="error" showIcon title={messageOf(detail.error)} />
      ) : !p ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Alert
            type={open ? 'warning' : 'success'}
            showIcon
            title={p.detail ?? t(`vaccinationCleaning.kind.${p.kind}`)}
            description={
              open
                ? t(`vaccinationCleaning.hint.${p.kind}`)
                : t('vaccinationCleaning.closedBy', {
                    status: t(`vaccinationCleaning.status.${p.status}`),
                    by: p.resolvedBy ?? '—',
                    at: formatDateTime(p.resolvedAt),
                  })
            }
          />
          {pair ? (
            <>
              <Row gutter={[12, 12]} data-testid="cleaning-compare">
                {pair.map((person, i) => (
                  <Col key={person.id} xs={24} md={12}>
                    <PersonCard
                      person={person}
                      other={pair[1 - i]}
                      title={t('vaccinationCleaning.record', { n: i + 1 })}
                      extra={
                        open && (
                          <Radio
                            data-testid={`cleaning-keep-${i + 1}`}
                            checked={keep === person.id}
                            onChange={() => setSurvivor(person.id)}
                          >
                            {t('vaccinationCleaning.keep')}
                          </Radio>
                        )
                      }
                    />
                  </Col>
                ))}
              </Row>
              {open && absorbed && (
                <Flex wrap gap={8}>
                  <Popconfirm
                    title={t('vaccinationCleaning.mergeConfirm', {
                      keep: pair.find((x) => x.id === keep)!.fullName,
                      doses: absorbed.doseList.length,
                    })}
                    okText={t('vaccinationCleaning.merge')}
                    cancelText={t('common.cancel')}
                    onConfirm={() =>
                      act.mutate(
                        {
                          path: '/vaccination/cleaning/merges',
                          body: { survivorId: keep, mergedId: absorbed.id },
                        },
                        { onSuccess: () => done(t('vaccinationCleaning.merged')) },
                      )
                    }
                  >
                    <Button data-testid="cleaning-merge" type="primary" loading={act.isPending}>
                      {t('vaccinationCleaning.merge')}
                    </Button>
                  </Popconfirm>
                  <Button
                    data-testid="cleaning-not-same"
                    loading={act.isPending}
                    onClick={() =>
                      act.mutate(
                        { path: `${PROBLEMS}/${p.id}/confirm`, body: {} },
                        { onSuccess: () => done(t('vaccinationCleaning.notSameDone')) },
                      )
                    }
                  >
                    {t('vaccinationCleaning.notSame')}
                  </Button>
                </Flex>
              )}
            </>
          ) : (
            <>
              <PersonCard person={p.person} title={t('vaccinationCleaning.theRecord')} />
              {open && (
                <Card size="small" title={t('vaccinationCleaning.correctTitle')}>
                  <CorrectionForm
                    problem={p}
                    onDone={(stillOpen) => {
                      if (!stillOpen) return done(t('vaccinationCleaning.corrected'));
                      message.warning(t('vaccinationCleaning.stillOpen'));
                      return refresh();
                    }}
                  />
                </Card>
              )}
              {open && (
                <Flex wrap gap={8} align="center">
                  <Button
                    data-testid="cleaning-confirm"
                    loading={act.isPending}
                    onClick={() =>
                      act.mutate(
                        { path: `${PROBLEMS}/${p.id}/confirm`, body: {} },
                        { onSuccess: () => done(t('vaccinationCleaning.confirmed')) },
                      )
                    }
                  >
                    {t('vaccinationCleaning.confirm')}
                  </Button>
                  <Typography.Text type="secondary">{t('vaccinationCleaning.confirmHint')}</Typography.Text>
                </Flex>
              )}
            </>
          )}
          {p.merge && (
            <Flex wrap gap={8} align="center">
              <Typography.Text>
                {t('vaccinationCleaning.mergedAt', { at: formatDateTime(p.merge.mergedAt) })}
              </Typography.Text>
              <Popconfirm
                title={t('vaccinationCleaning.undoConfirm')}
                okText={t('vaccinationCleaning.undo')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  act.mutate(
                    { path: `/vaccination/cleaning/merges/${p.merge!.id}/undo` },
                    { onSuccess: () => done(t('vaccinationCleaning.undone')) },
                  )
                }
              >
                <Button data-testid="cleaning-undo" danger loading={act.isPending}>
                  {t('vaccinationCleaning.undo')}
                </Button>
              </Popconfirm>
            </Flex>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
