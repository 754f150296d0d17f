import { Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DATE_TIME_FORMAT, isoDateTime } from '../shared/dates.ts';
import {
  optionsOf,
  TEST_KIND_LABELS,
  TEST_PERFORMER_LABELS,
  TEST_PERFORMERS,
  TEST_RESULT_LABELS,
  TEST_RESULTS,
  type TestKind,
  type TestPerformer,
  type TestResult,
} from '../shared/labels.ts';

/** Individual tests only: a pooled sample is registered as a pool. */
const INDIVIDUAL_KINDS: TestKind[] = ['rt_pcr', 'rapid_antigen', 'self_test'];

export interface TestFieldValues {
  kind: TestKind;
  performer: TestPerformer;
  site?: string;
  sampledAt: Dayjs;
  resultedAt?: Dayjs | null;
  result: TestResult;
  symptomatic?: boolean;
  epidemiologicalLink?: boolean;
}

export const TEST_FIELDS = [
  'kind',
  'performer',
  'site',
  'sampledAt',
  'resultedAt',
  'result',
  'symptomatic',
  'epidemiologicalLink',
];

export function initialTestValues(): Partial<TestFieldValues> {
  return { kind: 'rt_pcr', performer: 'health_worker', result: 'pending', sampledAt: dayjs() };
}

/** The body of POST /tests for one person; `externalRef` makes a resent form harmless. */
export function testBody(personId: string, values: TestFieldValues, externalRef: string) {
  return {
    personId,
    externalRef,
    kind: values.kind,
    performer: values.performer,
    site: values.site?.trim() || null,
    sampledAt: isoDateTime(values.sampledAt),
    resultedAt: values.resultedAt ? isoDateTime(values.resultedAt) : null,
    result: values.result,
    symptomatic: values.symptomatic ?? false,
    epidemiologicalLink: values.epidemiologicalLink ?? false,
  };
}

/** Kind, performer, site, times, result and the facts that decide confirmation. */
export function TestFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<TestFieldValues>();
  const result = Form.useWatch('result', form);
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name="kind" label={t('tests.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="test-kind"
            options={INDIVIDUAL_KINDS.map((kind) => ({ value: kind, label: TEST_KIND_LABELS[kind] }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="performer" label={t('tests.performer')} rules={[{ required: true }]}>
          <Select data-testid="test-performer" options={optionsOf(TEST_PERFORMERS, TEST_PERFORMER_LABELS)} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="site" label={t('tests.site')}>
          <Input data-testid="test-site" maxLength={200} placeholder={t('tests.sitePlaceholder')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="sampledAt"
          label={t('tests.sampledAt')}
          rules={[{ required: true, message: t('tests.sampledAtRequired') }]}
        >
          <DatePicker
            data-testid="test-sampled-at"
            showTime={{ format: 'HH:mm' }}
            format={DATE_TIME_FORMAT}
            placeholder={t('tests.dateTimePlaceholder')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="resultedAt"
          label={t('tests.resultedAt')}
          rules={[
            {
              required: result !== undefined && result !== 'pending',
              message: t('tests.resultedAtRequired'),
            },
            ({ getFieldValue }) => ({
              validator: async (_, value: Dayjs | null | undefined) => {
                const sampled: Dayjs | undefined = getFieldValue('sampledAt');
                if (value && sampled && value.isBefore(sampled))
                  throw new Error(t('tests.resultedBeforeSampled'));
              },
            }),
          ]}
          dependencies={['sampledAt']}
        >
          <DatePicker
            data-testid="test-resulted-at"
            showTime={{ format: 'HH:mm' }}
            format={DATE_TIME_FORMAT}
            placeholder={t('tests.dateTimePlaceholder')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="result" label={t('tests.result')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="test-result"
            optionType="button"
            buttonStyle="solid"
            options={optionsOf(TEST_RESULTS, TEST_RESULT_LABELS)}
            style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="symptomatic" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox data-testid="test-symptomatic">{t('tests.symptomatic')}</Checkbox>
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="epidemiologicalLink" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox data-testid="test-epi-link">{t('tests.epidemiologicalLink')}</Checkbox>
        </Form.Item>
      </Col>
    </Row>
  );
}
