import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ME_KEY, type Me, useMe } from './account.ts';
import { api, messageOf } from './api.ts';
import { LanguageSwitcher } from './language-switcher.tsx';

interface Credentials {
  username: string;
  password: string;
}

/** Where to go after signing in: the page that sent us here, else home. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const login = useMutation({
    mutationFn: (credentials: Credentials) => api.post<{ user: Me }>('/auth/login', credentials),
    onSuccess: ({ user }) => {
      // Nothing read under an earlier session may show to this account.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, user);
      navigate(returnPath(location.state), { replace: true });
    },
  });
  useEffect(() => {
    document.title = `${t('login.title')} · Tuyến Đầu`;
  }, [t]);

  if (me.data) return <Navigate to={returnPath(location.state)} replace />;
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Flex justify="flex-end">
          <LanguageSwitcher />
        </Flex>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('app.tagline')}
        </Typography.Paragraph>
        {login.isError && (
          <Alert
            data-testid="login-error"
            type="error"
            showIcon
            title={messageOf(login.error)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
