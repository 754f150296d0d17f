import { Navigate } from 'react-router';
import { can, useAccount } from './account.ts';
import { navEntries } from './nav-menu.tsx';

/**
 * "/" opens where the account's work is: "Việc hôm nay" for a commune health station and community
 * team, the situation for command centers and health officers (the first menu entry of their role),
 * else the first page the account may use.
 */
export function HomeRedirect() {
  const me = useAccount();
  const [first] = navEntries((permission) => can(me, permission), me.role);
  return <Navigate to={first?.path ?? '/profile'} replace />;
}
