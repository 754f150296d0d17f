import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../app/api.ts';
import { FormErrorAlert } from '../app/form-actions.tsx';
import { showOnFields } from '../app/form-errors.ts';
import { formatDateTime } from '../app/format.ts';

interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt?: string | null;
}

const TOKENS_KEY = ['auth-tokens'];

/** Personal API tokens: a new token's secret is shown once, right after it is made. */
export function ApiTokensCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [created, setCreated] = useState<ApiToken & { token: string }>();
  const [formError, setFormError] = useState<string>();
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: TOKENS_KEY,
    queryFn: async () => (await api.get<{ items: ApiToken[] }>('/auth/tokens')).items,
  });
  const create = useMutation({
    mutationFn: ({ name }: { name: string }) =>
      api.post<ApiToken & { token: string }>('/auth/tokens', { name: name.trim() }),
    onSuccess: async (token) => {
      setCreated(token);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (error) => setFormError(showOnFields(form, error, ['name'])),
  });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => api.delete(`/auth/tokens/${token.id}`),
    onSuccess: async () => {
      message.success(t('profile.tokenRevoked'));
      await queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (error) => message.error(messageOf(error)),
  });
  return (
    <Card title={t('profile.tokens')} data-testid="api-tokens">
      <Typography.Paragraph type="secondary">{t('profile.tokensHint')}</Typography.Paragraph>
      {created && (
        <Alert
          data-testid="new-token-alert"
          type="success"
          showIcon
          closable={{ onClose: () => setCreated(undefined) }}
          title={t('profile.tokenCreated', { name: created.name })}
          description={
            <Typography.Text
              data-testid="new-token"
              code
              copyable={{ text: created.token }}
              style={{ wordBreak: 'break-all' }}
            >
              {created.token}
            </Typography.Text>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <FormErrorAlert message={formError} />
      <Form<{ name: string }>
        form={form}
        layout="inline"
        onFinish={(values) => {
          setFormError(undefined);
          create.mutate(values);
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item
          name="name"
          label={t('profile.tokenName')}
          rules={[{ required: true, whitespace: true, message: t('profile.tokenNameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('profile.tokenNamePlaceholder')} />
        </Form.Item>
        <Form.Item>
          <Button data-testid="token-create" type="primary" htmlType="submit" loading={create.isPending}>
            {t('profile.createToken')}
          </Button>
        </Form.Item>
      </Form>
      {tokens.isError && <Alert type="error" showIcon title={messageOf(tokens.error)} />}
      <div data-testid="token-table">
        <Table<ApiToken>
          rowKey="id"
          size="small"
          loading={tokens.isPending}
          dataSource={tokens.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('profile.noTokens') }}
          columns={[
            { title: t('profile.tokenName'), dataIndex: 'name' },
            { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
            { title: t('profile.lastUsed'), dataIndex: 'lastUsedAt', render: formatDateTime },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, token) => (
                <Popconfirm
                  title={t('profile.revokeConfirm', { name: token.name })}
                  okText={t('profile.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke.mutateAsync(token)}
                >
                  <Button size="small" danger>
                    {t('profile.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </div>
    </Card>
  );
}
