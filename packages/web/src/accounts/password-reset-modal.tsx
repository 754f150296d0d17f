import { useMutation } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { FormErrorAlert } from '../app/form-actions.tsx';
import { showOnFields } from '../app/form-errors.ts';
import type { User } from './types.ts';

interface PasswordResetModalProps {
  /** The account whose password is reset; the modal is open while it is set. */
  user?: User;
  onClose: () => void;
}

export function PasswordResetModal({ user, onClose }: PasswordResetModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [formError, setFormError] = useState<string>();
  const reset = useMutation({
    mutationFn: ({ password }: { password: string }) =>
      api.post<void>(`/users/${user!.id}/password`, { password }),
    onSuccess: () => {
      message.success(t('accounts.passwordReset', { username: user!.username }));
      onClose();
    },
    onError: (error) => setFormError(showOnFields(form, error, ['password'])),
  });
  return (
    <Modal
      title={t('accounts.resetPasswordOf', { username: user?.username })}
      open={user !== undefined}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => {
          setFormError(undefined);
          reset.mutate(values);
        }}
      >
        <FormErrorAlert message={formError} />
        <Form.Item
          name="password"
          label={t('accounts.newPassword')}
          rules={[{ required: true, message: t('accounts.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            data-testid="password-reset-submit"
            type="primary"
            htmlType="submit"
            loading={reset.isPending}
          >
            {t('accounts.resetPassword')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
