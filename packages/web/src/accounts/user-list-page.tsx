import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAccount } from '../app/account.ts';
import { api, messageOf } from '../app/api.ts';
import { formatDateTime } from '../app/format.ts';
import { LoadMore } from '../app/load-more.tsx';
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
      {users.isError && (
        <Alert type="error" showIcon title={messageOf(users.error)} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="user-table">
        <Table<User>
          rowKey="id"
          size="middle"
          loading={users.isPending}
          dataSource={users.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('accounts.username'), dataIndex: 'username' },
            { title: t('accounts.fullName'), dataIndex: 'fullName' },
            {
              title: t('accounts.role'),
              dataIndex: 'role',
              render: (role: User['role']) => t(`roles.${role}`),
            },
            {
              title: t('accounts.unit'),
              dataIndex: 'unitName',
              render: (_, user) =>
                user.national ? (
                  t('accounts.national')
                ) : user.jurisdictionResolved ? (
                  user.unitName
                ) : (
                  <Tag color="red" data-testid="unit-unresolved">
                    {t('accounts.unitUnresolved', { code: user.unitCode ?? '' })}
                  </Tag>
                ),
            },
            { title: t('accounts.agency'), dataIndex: 'agencyName' },
            {
              title: t('accounts.status'),
              dataIndex: 'disabled',
              render: (disabled: boolean) =>
                disabled ? (
                  <Tag color="red">{t('accounts.disabled')}</Tag>
                ) : (
                  <Tag color="green">{t('accounts.active')}</Tag>
                ),
            },
            { title: t('accounts.lastLogin'), dataIndex: 'lastLoginAt', render: formatDateTime },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, user) => (
                <Space wrap>
                  {user.disabled ? (
                    <Button size="small" onClick={() => setDisabled.mutate({ user, disabled: false })}>
                      {t('accounts.enable')}
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      danger
                      disabled={user.id === me.id}
                      onClick={() => confirmDisable(user)}
                    >
                      {t('accounts.disable')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => setResetting(user)}>
                    {t('accounts.resetPassword')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </div>
      <LoadMore
        hasMore={users.hasNextPage}
        loading={users.isFetchingNextPage}
        onLoadMore={() => users.fetchNextPage()}
      />
      <UserCreateModal open={creating} onClose={() => setCreating(false)} />
      <PasswordResetModal user={resetting} onClose={() => setResetting(undefined)} />
    </>
  );
}
