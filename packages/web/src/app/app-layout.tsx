import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Flex, Grid, Layout, Spin, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { ME_KEY } from './account.ts';
import { api, messageOf } from './api.ts';
import { LanguageSwitcher } from './language-switcher.tsx';
import { NavMenu } from './nav-menu.tsx';
import { UserInfo } from './user-info.tsx';

function LogoutButton({ block }: { block?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
      navigate('/login', { replace: true });
    },
    onError: (error) => message.error(messageOf(error)),
  });
  return (
    <Button
      data-testid="logout"
      icon={<LogoutOutlined />}
      block={block}
      loading={logout.isPending}
      onClick={() => logout.mutate()}
    >
      {t('shell.logout')}
    </Button>
  );
}

/** The signed-in shell: header, side menu (a drawer on phones) and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: '#fff',
          borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
          paddingInline: phone ? 12 : 24,
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {phone && (
          <Button
            data-testid="menu-toggle"
            type="text"
            aria-label={t('shell.openMenu')}
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        {!phone && (
          <Link to="/" style={{ flex: 'none' }}>
            <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Typography.Title>
          </Link>
        )}
        <Flex flex={1} justify="flex-end" align="center" gap={phone ? 8 : 16} style={{ minWidth: 0 }}>
          <UserInfo />
          <LanguageSwitcher />
          {!phone && <LogoutButton />}
        </Flex>
      </Layout.Header>
      <Layout>
        {!phone && (
          <Layout.Sider
            theme="light"
            width={232}
            breakpoint="lg"
            collapsible
            style={{ position: 'sticky', top: 64, height: 'calc(100vh - 64px)', overflow: 'auto' }}
          >
            <NavMenu />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {phone && (
        <Drawer
          placement="left"
          size={280}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('app.name')}
          styles={{ body: { padding: 0 } }}
          footer={<LogoutButton block />}
        >
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
