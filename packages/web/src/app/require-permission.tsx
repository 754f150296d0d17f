import type { Permission } from '@tuyendau/domain';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { can, useAccount } from './account.ts';

/** Renders the nested routes only for accounts holding `permission`. */
export function RequirePermission({ permission }: { permission: Permission }) {
  const { t } = useTranslation();
  const me = useAccount();
  if (!can(me, permission)) {
    return <Result data-testid="forbidden" status="403" title="403" subTitle={t('errors.forbidden')} />;
  }
  return <Outlet />;
}
