import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { showOnFields } from '../../app/form-errors.ts';
import { newFormRef } from '../shared/form-ref.ts';
import { keepEnterInInputs } from '../shared/forms.ts';
import type { TestOutcome as Outcome } from '../shared/types.ts';
import {
  initialTestValues,
  TEST_FIELDS,
  TestFields,
  type TestFieldValues,
  testBody,
} from './test-fields.tsx';
import { TestOutcome } from './test-outcome.tsx';

interface RetestModalProps {
  personId: string;
  personName: string;
  onClose: () => void;
}

/** The individual retest of a member of a positive pool: an RT-PCR by default, linked by epidemiology. */
export function RetestModal({ personId, personName, onClose }: RetestModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TestFieldValues>();
  const [formError, setFormError] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  // One id per test entered: resending after a lost answer returns the same test.
  const [formRef, setFormRef] = useState(newFormRef);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (values: TestFieldValues) => api.post<Outcome>('/tests', testBody(personId, values, formRef)),
    onSuccess: async (saved) => {
      setOutcome(saved);
      setFormRef(newFormRef());
      await queryClient.invalidateQueries({ queryKey: ['/tests/worklist'] });
      await queryClient.invalidateQueries({ queryKey: ['/tests'] });
      if (saved.case) await queryClient.invalidateQueries({ queryKey: ['/cases'] });
    },
    onError: (error) => setFormError(showOnFields(form, error, TEST_FIELDS)),
  });
  return (
    <Modal
      open
      title={t('tests.retestTitle', { name: personName })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        outcome
          ? [
              <Button key="close" data-testid="retest-close" type="primary" onClick={onClose}>
                {t('tests.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="save"
                data-testid="retest-submit"
                type="primary"
                htmlType="submit"
                loading={save.isPending}
              >
                {t('tests.submit')}
              </Button>,
            ]
      }
      modalRender={(dom) => (
        <Form<TestFieldValues>
          data-testid="retest-form"
          onKeyDown={keepEnterInInputs}
          form={form}
          layout="vertical"
          initialValues={{ ...initialTestValues(), epidemiologicalLink: true }}
          onFinish={(values) => {
            // Enter in a field and a click can both submit: one request only.
            if (save.isPending) return;
            setFormError(undefined);
            save.mutate(values);
          }}
        >
          {dom}
        </Form>
      )}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      {outcome ? <TestOutcome outcome={outcome} /> : <TestFields />}
    </Modal>
  );
}
