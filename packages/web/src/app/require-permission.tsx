import type { Permission } from '@tuyendau/domain';
import { lazy } from 'react';
import { Outlet } from 'react-router';
import { can, useAccount } from './account.ts';

// Only a refused page needs it: kept out of the first download.
const Forbidden = lazy(() => import('./forbidden.tsx').then((m) => ({ default: m.Forbidden })));

/** Renders the nested routes only for accounts holding `permission`. */
export function RequirePermission({ permission }: { permission: Permission }) {
  const me = useAccount();
  if (!can(me, permission)) return <Forbidden />;
  return <Outlet />;
}
