import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES, type Role } from '@tuyendau/domain';
import { App, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { FormErrorAlert } from '../app/form-actions.tsx';
import { showOnFields } from '../app/form-errors.ts';
import { UnitSelect } from '../units/unit-select.tsx';
import type { Agency, User } from './types.ts';

interface UserCreateValues {
  username: string;
  fullName?: string;
  password: string;
  role: Role;
  unitCode: string;
  agencyCode?: string;
}

const FIELDS = ['username', 'fullName', 'password', 'role', 'unitCode', 'agencyCode'];

interface UserCreateModalProps {
  open: boolean;
  onClose: () => void;
}

export function UserCreateModal({ open, onClose }: UserCreateModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserCreateValues>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const agencies = useQuery({
    queryKey: ['agencies'],
    queryFn: async () => (await api.get<{ items: Agency[] }>('/agencies')).items,
    enabled: open,
  });
  const create = useMutation({
    mutationFn: (values: UserCreateValues) =>
      api.post<User>('/users', {
        ...values,
        username: values.username.trim(),
        fullName: values.fullName?.trim() || undefined,
      }),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['/users'] });
      message.success(t('accounts.created', { username: user.username }));
      onClose();
    },
    onError: (error) => setFormError(showOnFields(form, error, FIELDS)),
  });
  return (
    <Modal title={t('accounts.new')} open={open} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<UserCreateValues>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          setFormError(undefined);
          create.mutate(values);
        }}
      >
        <FormErrorAlert message={formError} />
        <Form.Item
          name="username"
          label={t('accounts.username')}
          rules={[{ required: true, whitespace: true, message: t('accounts.usernameRequired') }]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="fullName" label={t('accounts.fullName')}>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('accounts.password')}
          rules={[{ required: true, message: t('accounts.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('accounts.role')}
          rules={[{ required: true, message: t('accounts.roleRequired') }]}
        >
          <Select<Role> options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
        </Form.Item>
        <Form.Item
          name="unitCode"
          label={t('accounts.unit')}
          rules={[{ required: true, message: t('accounts.unitRequired') }]}
        >
          <UnitSelect placeholder={t('accounts.unitPlaceholder')} />
        </Form.Item>
        <Form.Item name="agencyCode" label={t('accounts.agency')}>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={agencies.isPending}
            options={(agencies.data ?? []).map((agency) => ({ value: agency.code, label: agency.name }))}
          />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button data-testid="user-submit" type="primary" htmlType="submit" loading={create.isPending}>
            {t('accounts.create')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
