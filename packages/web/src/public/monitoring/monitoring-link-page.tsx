import { useMutation, useQuery } from '@tanstack/react-query';
import { SYMPTOM_LABELS, type Symptom } from '@tuyendau/domain';
import { Alert, Button, Card, Checkbox, Flex, InputNumber, Radio, Result, Skeleton, Typography } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, messageOf } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { LanguageSwitcher } from '../../app/language-switcher.tsx';

interface LinkForm {
  name: string;
  day: number;
  lastEntryAt: string | null;
  spo2AtMost: number;
}

interface Sent {
  recordedAt: string;
  severity: number;
  severityLabel: string;
  signWords: string[];
  recheckSpo2: boolean;
  spo2AtMost: number;
}

/** What a person at home can tell from their own body, in the order a phone screen shows them. */
const PHONE_SYMPTOMS: Symptom[] = [
  'dyspnoea',
  'chest_pain',
  'cyanosis',
  'confusion',
  'unable_to_drink',
  'fever',
  'cough',
  'fatigue',
  'sore_throat',
  'runny_nose',
  'loss_taste_smell',
  'diarrhoea',
  'headache',
  'myalgia',
  'worried',
];

const BIG: CSSProperties = { width: '100%', fontSize: 28, height: 56 };

type Field = 'spo2' | 'spo2Recheck' | 'respiratoryRate' | 'pulse' | 'temperature';

/**
 * /theo-doi/:token: the monitoring form of a person cared for at home, opened from the link the
 * health station gave them (no account). Big inputs for a phone; a low SpO2 asks to measure again
 * before (or after) sending; nothing of the person is shown beyond the given name and the day.
 */
export function MonitoringLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [kind, setKind] = useState<'self' | 'caregiver'>('self');
  const [values, setValues] = useState<Partial<Record<Field, number | null>>>({});
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [sent, setSent] = useState<Sent>();
  useEffect(() => {
    document.title = `${t('publicMonitoring.title')} · Tuyến Đầu`;
  }, [t]);
  const form = useQuery({
    queryKey: ['/public/monitoring', token],
    queryFn: () => api.get<LinkForm>(`/public/monitoring/${encodeURIComponent(token)}`),
    retry: false,
  });
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<Sent>(`/public/monitoring/${encodeURIComponent(token)}`, body),
    onSuccess: (out) => {
      setSent(out);
      if (!out.recheckSpo2) {
        setValues({});
        setSymptoms([]);
      } else setValues((v) => ({ ...v, spo2Recheck: null }));
      void form.refetch();
    },
  });
  const cutoff = sent?.spo2AtMost ?? form.data?.spo2AtMost ?? 95;
  const low = values.spo2 != null && values.spo2 <= cutoff;
  const set = (field: Field) => (value: number | null) => setValues((v) => ({ ...v, [field]: value }));
  const submit = () => {
    const body: Record<string, unknown> = { recordedByKind: kind };
    for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) body[k] = v;
    if (symptoms.length) body.symptoms = symptoms;
    send.mutate(body);
  };
  const nothing = Object.values(values).every((v) => v === null || v === undefined) && symptoms.length === 0;

  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: 12, background: '#f0f2f5' }}>
      <Flex vertical gap={12} style={{ width: '100%', maxWidth: 480 }}>
        <Flex justify="space-between" align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('publicMonitoring.title')}
          </Typography.Title>
          <LanguageSwitcher />
        </Flex>
        {form.isLoading && <Skeleton active />}
        {form.isError && <Result status="warning" title={messageOf(form.error)} data-testid="link-invalid" />}
        {form.data && (
          <>
            <Card size="small">
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="link-greeting">
                {t('publicMonitoring.hello', { name: form.data.name })}
              </Typography.Title>
              <Typography.Text>{t('publicMonitoring.day', { day: form.data.day })}</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                {form.data.lastEntryAt
                  ? t('publicMonitoring.lastEntry', { at: formatDateTime(form.data.lastEntryAt) })
                  : t('publicMonitoring.noEntry')}
              </Typography.Text>
            </Card>
            {sent && <SentResult sent={sent} />}
            <Card size="small">
              <Flex vertical gap={16}>
                <Typography.Text type="secondary">{t('publicMonitoring.help')}</Typography.Text>
                <Radio.Group
                  value={kind}
                  onChange={(e) => setKind(e.target.value)}
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  options={[
                    { value: 'self', label: t('publicMonitoring.self') },
                    { value: 'caregiver', label: t('publicMonitoring.caregiver') },
                  ]}
                />
                <Big
                  label={t('publicMonitoring.spo2')}
                  unit="%"
                  testId="phone-spo2"
                  min={50}
                  max={100}
                  value={values.spo2}
                  onChange={set('spo2')}
                />
                {(low || sent?.recheckSpo2) && (
                  <Alert
                    type="error"
                    showIcon
                    data-testid="phone-recheck"
                    message={t('publicMonitoring.recheckTitle')}
                    description={
                      <Flex vertical gap={8}>
                        <Typography.Text>{t('publicMonitoring.recheckHelp', { cutoff })}</Typography.Text>
                        <Big
                          label={t('publicMonitoring.spo2Recheck')}
                          unit="%"
                          testId="phone-spo2-recheck"
                          min={50}
                          max={100}
                          value={values.spo2Recheck}
                          onChange={set('spo2Recheck')}
                        />
                      </Flex>
                    }
                  />
                )}
                <Big
                  label={t('publicMonitoring.respiratoryRate')}
                  unit={t('publicMonitoring.perMinute')}
                  testId="phone-rr"
                  min={5}
                  max={80}
                  value={values.respiratoryRate}
                  onChange={set('respiratoryRate')}
                />
                <Big
                  label={t('publicMonitoring.pulse')}
                  unit={t('publicMonitoring.perMinute')}
                  testId="phone-pulse"
                  min={20}
                  max={250}
                  value={values.pulse}
                  onChange={set('pulse')}
                />
                <Big
                  label={t('publicMonitoring.temperature')}
                  unit="°C"
                  testId="phone-temperature"
                  min={30}
                  max={45}
                  decimals
                  value={values.temperature}
                  onChange={set('temperature')}
                />
                <Flex vertical gap={8}>
                  <Typography.Text strong style={{ fontSize: 18 }}>
                    {t('publicMonitoring.symptoms')}
                  </Typography.Text>
                  <Checkbox.Group
                    value={symptoms}
                    onChange={(v) => setSymptoms(v as Symptom[])}
                    style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
                  >
                    {PHONE_SYMPTOMS.map((s) => (
                      <Checkbox key={s} value={s} style={{ fontSize: 17 }}>
                        {SYMPTOM_LABELS[s]}
                      </Checkbox>
                    ))}
                  </Checkbox.Group>
                </Flex>
                {send.isError && <Alert type="error" showIcon message={messageOf(send.error)} />}
                <Button
                  type="primary"
                  size="large"
                  block
                  style={{ height: 56, fontSize: 20 }}
                  disabled={nothing}
                  loading={send.isPending}
                  onClick={submit}
                  data-testid="phone-send"
                >
                  {t('publicMonitoring.send')}
                </Button>
                <Typography.Text type="secondary">{t('publicMonitoring.emergency')}</Typography.Text>
              </Flex>
            </Card>
          </>
        )}
      </Flex>
    </Flex>
  );
}

function Big({
  label,
  unit,
  testId,
  min,
  max,
  decimals,
  value,
  onChange,
}: {
  label: string;
  unit: string;
  testId: string;
  min: number;
  max: number;
  decimals?: boolean;
  value: number | null | undefined;
  onChange: (value: number | null) => void;
}) {
  const { t } = useTranslation();
  const out = value != null && (value < min || value > max);
  return (
    <Flex vertical gap={4}>
      <Typography.Text strong style={{ fontSize: 18 }}>
        {label}
      </Typography.Text>
      <InputNumber
        inputMode={decimals ? 'decimal' : 'numeric'}
        size="large"
        precision={decimals ? 1 : 0}
        decimalSeparator={decimals ? ',' : undefined}
        suffix={<span style={{ fontSize: 16, color: '#595959' }}>{unit}</span>}
        status={out ? 'error' : undefined}
        value={value ?? null}
        onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        style={BIG}
        aria-label={label}
        data-testid={testId}
      />
      {out && <Typography.Text type="danger">{t('publicMonitoring.range', { min, max })}</Typography.Text>}
    </Flex>
  );
}

function SentResult({ sent }: { sent: Sent }) {
  const { t } = useTranslation();
  if (sent.severity === 0) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="phone-sent"
        message={t('publicMonitoring.sentFine', { at: formatDateTime(sent.recordedAt) })}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="phone-sent"
      message={t('publicMonitoring.sentWarning')}
      description={
        <Flex vertical>
          <Typography.Text strong>{sent.signWords.join('; ')}</Typography.Text>
          <Typography.Text>{t('publicMonitoring.stationTold')}</Typography.Text>
        </Flex>
      }
    />
  );
}
