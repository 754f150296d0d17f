import { App as AntApp, Button, Result, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { AccountContext, useMe } from './account.ts';
import { messageOf } from './api.ts';

// The shell (menu, drawer, header) is not part of the login page's download.
const AppLayout = lazy(() => import('./app-layout.tsx').then((m) => ({ default: m.AppLayout })));

/** The shell for signed-in accounts; sends everyone else to the login page, back here afterwards. */
export function SignedIn() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spin fullscreen />;
  if (me.isError) {
    return (
      <Result
        status="error"
        title={t('errors.accountLoad')}
        subTitle={messageOf(me.error)}
        extra={<Button onClick={() => me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me.data) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return (
    <AccountContext value={me.data}>
      {/* Messages and modals of the signed-in pages (App.useApp): the login page needs none. */}
      <AntApp>
        <Suspense fallback={<Spin fullscreen />}>
          <AppLayout />
        </Suspense>
      </AntApp>
    </AccountContext>
  );
}
