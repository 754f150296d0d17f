import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import { DATE_TIME_FORMAT, isoDateTime } from '../shared/dates.ts';
import { TEST_RESULT_LABELS, type TestResult } from '../shared/labels.ts';
import type { Pool } from '../shared/types.ts';

const RESULTS: TestResult[] = ['negative', 'positive', 'invalid'];

interface PoolResultValues {
  result: TestResult;
  resultedAt: Dayjs;
}

/** Enters the result of a pooled sample: negative clears every member, positive sends them to retest. */
export function PoolResultForm({ pool }: { pool: Pool }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoolResultValues>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (values: PoolResultValues) =>
      api.patch<Pool>(`/tests/pools/${pool.id}`, {
        result: values.result,
        resultedAt: isoDateTime(values.resultedAt),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['pool', pool.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['pool', pool.id] });
      await queryClient.invalidateQueries({ queryKey: ['/tests'] });
      await queryClient.invalidateQueries({ queryKey: ['/tests/worklist'] });
      message.success(t('tests.poolResultSaved'));
    },
    onError: (error) => setFormError(showOnFields(form, error, ['result', 'resultedAt'])),
  });
  return (
    <Card title={t('tests.poolResultTitle')} size="small">
      <Form<PoolResultValues>
        data-testid="pool-result"
        form={form}
        layout="vertical"
        initialValues={{ resultedAt: dayjs() }}
        onFinish={(values) => {
          // Enter in a field and a click can both submit: one request only.
          if (save.isPending) return;
          setFormError(undefined);
          save.mutate(values);
        }}
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="result"
          label={t('tests.result')}
          rules={[{ required: true, message: t('tests.resultRequired') }]}
        >
          <Radio.Group
            data-testid="pool-result-value"
            optionType="button"
            buttonStyle="solid"
            options={RESULTS.map((result) => ({ value: result, label: TEST_RESULT_LABELS[result] }))}
          />
        </Form.Item>
        <Form.Item
          name="resultedAt"
          label={t('tests.resultedAt')}
          rules={[{ required: true, message: t('tests.resultedAtRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format={DATE_TIME_FORMAT}
            style={{ width: '100%', maxWidth: 280 }}
          />
        </Form.Item>
        <Button data-testid="pool-result-submit" type="primary" htmlType="submit" loading={save.isPending}>
          {t('tests.poolResultSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
