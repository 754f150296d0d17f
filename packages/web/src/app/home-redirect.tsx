import { Navigate } from 'react-router';
import { can, useAccount } from './account.ts';
import { navEntries } from './nav-menu.tsx';

/** "/" opens the first page this account may use. */
export function HomeRedirect() {
  const me = useAccount();
  const [first] = navEntries((permission) => can(me, permission));
  return <Navigate to={first?.path ?? '/profile'} replace />;
}
