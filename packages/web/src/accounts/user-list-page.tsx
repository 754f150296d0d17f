import { EllipsisOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAccount } from '../app/account.ts';
import { api, messageOf } from '../app/api.ts';
import { CursorList } from '../app/cursor-list.tsx';
import { formatDateTime } from '../app/format.ts';
import { PageHeader } from '../app/page-header.tsx';
import { SearchInput } from '../app/search-input.tsx';
import { useCursorList } from '../app/use-cursor-list.ts';
import { PasswordResetModal } from './password-reset-modal.tsx';
import type { User } from './types.ts';
import { UserCreateModal } from './user-create-modal.tsx';

/** /accounts: the accounts an administrator manages. */
export function UserListPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useAccount();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const users = useCursorList<User>('/users', { q: q.trim() });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User>();
  const setDisabled = useMutation({
    mutationFn: ({ user, disabled }: { user: User; disabled: boolean }) =>
      api.patch<User>(`/users/${user.id}`, { disabled }),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['/users'] });
      message.success(
        t(user.disabled ? 'accounts.disabledDone' : 'accounts.enabledDone', { username: user.username }),
      );
    },
    onError: (error) => message.error(messageOf(error)),
  });

  function confirmDisable(user: User): void {
    modal.confirm({
      title: t('accounts.disableConfirm', { username: user.username }),
      content: t('accounts.disableHint'),
      okText: t('accounts.disable'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => setDisabled.mutateAsync({ user, disabled: true }),
    });
  }

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        extra={
          <Button
            data-testid="user-new"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
          >
            {t('accounts.new')}
          </Button>
        }
      />
      <SearchInput
        key={q}
        testId="user-search"
        label={t('accounts.search')}
        placeholder={t('accounts.searchPlaceholder')}
        initial={q}
        onSearch={(value) => setParams(value ? { q: value } : {}, { replace: true })}
        style={{ maxWidth: 480, marginBottom: 16 }}
      />
      <CursorList<User>
        testId="user-table"
        list={users}
        rowKey={(user) => user.id}
        columns={[
          {
            key: 'account',
            title: t('lists.account'),
            card: 'title',
            render: (user) => (
              <>
                {user.fullName}
                <Typography.Text type="secondary" style={{ display: 'block', fontWeight: 'normal' }}>
                  {user.username}
                </Typography.Text>
              </>
            ),
          },
          {
            key: 'role',
            title: t('accounts.role'),
            card: 'primary',
            width: 170,
            render: (user) => t(`roles.${user.role}`),
          },
          {
            key: 'unit',
            title: t('accounts.unit'),
            card: 'primary',
            width: 170,
            render: (user) =>
              user.national ? (
                t('accounts.national')
              ) : user.jurisdictionResolved ? (
                user.unitName
              ) : (
                <Tag color="red" data-testid="unit-unresolved" style={{ whiteSpace: 'normal' }}>
                  {t('accounts.unitUnresolved', { code: user.unitCode ?? '' })}
                </Tag>
              ),
          },
          { key: 'agency', title: t('accounts.agency'), width: 170, render: (user) => user.agencyName },
          {
            key: 'status',
            title: t('accounts.status'),
            card: 'extra',
            render: (user) =>
              user.disabled ? (
                <Tag color="red">{t('accounts.disabled')}</Tag>
              ) : (
                <Tag color="green">{t('accounts.active')}</Tag>
              ),
          },
          {
            key: 'lastLogin',
            title: t('accounts.lastLogin'),
            render: (user) => formatDateTime(user.lastLoginAt),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            card: 'extra',
            render: (user) => (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'reset', label: t('accounts.resetPassword'), onClick: () => setResetting(user) },
                    user.disabled
                      ? {
                          key: 'enable',
                          label: t('accounts.enable'),
                          onClick: () => setDisabled.mutate({ user, disabled: false }),
                        }
                      : {
                          key: 'disable',
                          label: t('accounts.disable'),
                          danger: true,
                          disabled: user.id === me.id,
                          onClick: () => confirmDisable(user),
                        },
                  ],
                }}
              >
                <Button
                  data-testid="user-actions"
                  size="small"
                  icon={<EllipsisOutlined />}
                  aria-label={t('lists.accountActions', { username: user.username })}
                />
              </Dropdown>
            ),
          },
        ]}
      />
      <UserCreateModal open={creating} onClose={() => setCreating(false)} />
      <PasswordResetModal user={resetting} onClose={() => setResetting(undefined)} />
    </>
  );
}
