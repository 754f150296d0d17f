import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { FormErrorAlert } from '../app/form-actions.tsx';
import { showOnFields } from '../app/form-errors.ts';

interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordChange>();
  const [formError, setFormError] = useState<string>();
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordChange) =>
      api.post<void>('/auth/password', { currentPassword, newPassword }),
    onSuccess: () => {
      form.resetFields();
      message.success(t('profile.passwordChanged'));
    },
    onError: (error) => setFormError(showOnFields(form, error, ['currentPassword', 'newPassword'])),
  });
  return (
    <Card title={t('profile.changePassword')} data-testid="change-password">
      <Form<PasswordChange>
        form={form}
        layout="vertical"
        style={{ maxWidth: 400 }}
        onFinish={(values) => {
          setFormError(undefined);
          change.mutate(values);
        }}
      >
        <FormErrorAlert message={formError} />
        <Form.Item
          name="currentPassword"
          label={t('profile.currentPassword')}
          rules={[{ required: true, message: t('profile.currentPasswordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.newPassword')}
          rules={[{ required: true, message: t('profile.newPasswordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('profile.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('profile.confirmPasswordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('profile.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('profile.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
