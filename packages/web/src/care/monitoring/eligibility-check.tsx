import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  type CriterionOutcome,
  type HomeCareEligibility,
  SYMPTOM_LABELS,
  type Symptom,
  UNDERLYING_DISEASE,
  UNDERLYING_DISEASE_LABELS,
} from '@tuyendau/domain';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  Radio,
  Row,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../../app/api.ts';

/** Symptoms that weigh on the decision: the mild ones of §3.2 and those that are warning signs. */
const ELIGIBILITY_SYMPTOMS: Symptom[] = [
  'fever',
  'cough',
  'sore_throat',
  'stuffy_nose',
  'runny_nose',
  'fatigue',
  'headache',
  'myalgia',
  'diarrhoea',
  'loss_taste_smell',
  'dyspnoea',
  'chest_pain',
  'confusion',
];

export type EligibilityAnswer = HomeCareEligibility & { assessedOn: string; outcomeLabel: string };

interface Values {
  underlyingDisease: (typeof UNDERLYING_DISEASE)[number];
  pregnant: boolean;
  vaccineDoses: number;
  lastDoseOn?: Dayjs | null;
  respiratoryRate?: number | null;
  spo2?: number | null;
  abnormalBreathing?: boolean;
  symptoms?: Symptom[];
  selfCare: boolean;
  caregiver: boolean;
}

const ICONS: Record<CriterionOutcome, React.ReactNode> = {
  met: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  not_met: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  review: <QuestionCircleFilled style={{ color: '#fa8c16' }} />,
};

/**
 * Whether an F0 may be cared for at home (rules file §3.2, the criteria in force on the day), for
 * the enrolment at home: the facts, then each criterion met, not met or to review with its reason.
 * `onResult` gives the answer to keep with the episode (care_episodes.eligibility).
 */
export function HomeCareEligibilityCheck({
  birthDate,
  onResult,
}: {
  birthDate: string;
  onResult?: (answer: EligibilityAnswer) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const check = useMutation({
    mutationFn: (v: Values) =>
      api.post<EligibilityAnswer>('/care/home-care/eligibility', {
        birthDate,
        underlyingDisease: v.underlyingDisease,
        pregnant: v.pregnant,
        vaccineDoses: v.vaccineDoses,
        ...(v.lastDoseOn ? { lastDoseOn: v.lastDoseOn.format('YYYY-MM-DD') } : {}),
        ...(v.respiratoryRate != null ? { respiratoryRate: v.respiratoryRate } : {}),
        ...(v.spo2 != null ? { spo2: v.spo2 } : {}),
        abnormalBreathing: Boolean(v.abnormalBreathing),
        symptoms: v.symptoms ?? [],
        selfCare: v.selfCare,
        caregiver: v.caregiver,
      }),
    onSuccess: (answer) => onResult?.(answer),
  });
  const answer = check.data;
  return (
    <Card size="small" title={t('careEligibility.title')} data-testid="eligibility-check">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          underlyingDisease: 'none',
          pregnant: false,
          vaccineDoses: 0,
          selfCare: true,
          caregiver: false,
        }}
        onFinish={(v) => check.mutate(v)}
        onValuesChange={() => check.reset()}
      >
        <Form.Item name="underlyingDisease" label={t('careEligibility.underlyingDisease')}>
          <Radio.Group
            options={UNDERLYING_DISEASE.map((d) => ({ value: d, label: UNDERLYING_DISEASE_LABELS[d] }))}
          />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={12} md={6}>
            <Form.Item name="vaccineDoses" label={t('careEligibility.vaccineDoses')}>
              <InputNumber min={0} max={6} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="lastDoseOn" label={t('careEligibility.lastDoseOn')}>
              <DatePicker
                format="DD/MM/YYYY"
                placeholder={t('common.datePlaceholder')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="respiratoryRate"
              label={t('careMonitoring.respiratoryRate')}
              rules={[
                { type: 'number', min: 5, max: 80, message: t('careMonitoring.range', { min: 5, max: 80 }) },
              ]}
            >
              <InputNumber precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="spo2"
              label={t('careMonitoring.spo2')}
              rules={[
                {
                  type: 'number',
                  min: 50,
                  max: 100,
                  message: t('careMonitoring.range', { min: 50, max: 100 }),
                },
              ]}
            >
              <InputNumber precision={0} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="symptoms" label={t('careMonitoring.symptoms')}>
          <Checkbox.Group
            options={ELIGIBILITY_SYMPTOMS.map((s) => ({ value: s, label: SYMPTOM_LABELS[s] }))}
          />
        </Form.Item>
        <Flex wrap gap={16}>
          <Form.Item name="abnormalBreathing" valuePropName="checked" noStyle>
            <Checkbox>{t('careEligibility.abnormalBreathing')}</Checkbox>
          </Form.Item>
          <Form.Item name="pregnant" valuePropName="checked" noStyle>
            <Checkbox>{t('careEligibility.pregnant')}</Checkbox>
          </Form.Item>
          <Form.Item name="selfCare" valuePropName="checked" noStyle>
            <Checkbox>{t('careEligibility.selfCare')}</Checkbox>
          </Form.Item>
          <Form.Item name="caregiver" valuePropName="checked" noStyle>
            <Checkbox>{t('careEligibility.caregiver')}</Checkbox>
          </Form.Item>
        </Flex>
        {check.isError && (
          <Alert type="error" showIcon message={messageOf(check.error)} style={{ marginTop: 12 }} />
        )}
        {answer && (
          <Alert
            style={{ marginTop: 12 }}
            data-testid="eligibility-answer"
            type={
              answer.outcome === 'eligible' ? 'success' : answer.outcome === 'review' ? 'warning' : 'error'
            }
            showIcon
            message={answer.outcomeLabel}
            description={
              <Flex vertical gap={4}>
                {answer.criteria.map((c) => (
                  <Typography.Text key={c.code}>
                    {ICONS[c.outcome]} {c.reason}
                  </Typography.Text>
                ))}
                <Typography.Text type="secondary">
                  {t('careEligibility.basis', { source: answer.policy.source })}
                  {answer.policy.unconfirmedPoints?.map((p) => ` ${p}.`).join('')}
                </Typography.Text>
              </Flex>
            }
          />
        )}
        <Button htmlType="submit" type="primary" loading={check.isPending} style={{ marginTop: 12 }}>
          {t('careEligibility.check')}
        </Button>
      </Form>
    </Card>
  );
}
