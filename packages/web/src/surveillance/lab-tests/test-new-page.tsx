import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { FormActions, FormErrorAlert, useSubmitOnce } from '../../app/form-actions.tsx';
import { showOnFields } from '../../app/form-errors.ts';
import { PageHeader } from '../../app/page-header.tsx';
import { newFormRef } from '../shared/form-ref.ts';
import { keepEnterInInputs } from '../shared/forms.ts';
import { PersonPicker } from '../shared/person-picker.tsx';
import type { TestOutcome as Outcome } from '../shared/types.ts';
import { usePresetPerson } from '../shared/use-preset-person.ts';
import {
  initialTestValues,
  TEST_FIELDS,
  TestFields,
  type TestFieldValues,
  testBody,
} from './test-fields.tsx';
import { TestOutcome } from './test-outcome.tsx';

interface TestFormValues extends TestFieldValues {
  personId: string;
}

/**
 * /tests/new: registers a test of a person and says at once whether it confirms a case. Saved, it
 * says so and the form starts again for the next test (with the person of `?person=` when given).
 */
export function TestNewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TestFormValues>();
  const [formError, setFormError] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();
  // One id per test entered: resending after a lost answer returns the same test.
  const [formRef, setFormRef] = useState(newFormRef);
  const queryClient = useQueryClient();
  const preset = usePresetPerson();
  const save = useMutation({
    mutationFn: (values: TestFormValues) =>
      api.post<Outcome>('/tests', testBody(values.personId, values, formRef)),
    onSuccess: async (saved) => {
      message.success(
        saved.personName ? t('saving.testSaved', { name: saved.personName }) : t('saving.testSavedNoName'),
      );
      form.resetFields();
      setOutcome(saved);
      setFormRef(newFormRef());
      await queryClient.invalidateQueries({ queryKey: ['/tests'] });
      if (saved.case) await queryClient.invalidateQueries({ queryKey: ['/cases'] });
      window.scrollTo({ top: 0, behavior: 'smooth' });
    },
    onError: (error) => setFormError(showOnFields(form, error, ['personId', ...TEST_FIELDS])),
  });
  const submit = useSubmitOnce(save);
  if (preset.loading) return <Skeleton active />;
  return (
    <>
      <PageHeader title={t('tests.newTitle')} />
      {outcome && <TestOutcome outcome={outcome} />}
      <Form<TestFormValues>
        data-testid="test-new"
        onKeyDown={keepEnterInInputs}
        form={form}
        layout="vertical"
        initialValues={{ ...initialTestValues(), personId: preset.option?.value }}
        onValuesChange={() => setOutcome(undefined)}
        onFinish={(values) => {
          setFormError(undefined);
          submit(values);
        }}
        scrollToFirstError
        style={{ maxWidth: 760 }}
      >
        <FormErrorAlert message={formError} />
        <Form.Item
          name="personId"
          label={t('tests.person')}
          rules={[{ required: true, message: t('cases.personRequired') }]}
        >
          <PersonPicker data-testid="test-person" known={preset.option} />
        </Form.Item>
        <TestFields />
        <FormActions
          submitTestId="test-submit"
          submitLabel={t('tests.submit')}
          loading={save.isPending}
          cancelTo="/tests"
        />
      </Form>
    </>
  );
}
