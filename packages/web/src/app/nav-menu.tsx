import {
  ApartmentOutlined,
  AuditOutlined,
  DeploymentUnitOutlined,
  ExperimentOutlined,
  IdcardOutlined,
  MedicineBoxOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@tuyendau/domain';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { can, useAccount } from './account.ts';

interface NavEntry {
  path: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
}

const ENTRIES: NavEntry[] = [
  { path: '/persons', label: 'nav.persons', icon: <TeamOutlined />, permission: 'person.read' },
  { path: '/cases', label: 'cases.nav', icon: <MedicineBoxOutlined />, permission: 'case.read' },
  { path: '/clusters', label: 'clusters.nav', icon: <DeploymentUnitOutlined />, permission: 'case.read' },
  { path: '/tests', label: 'tests.nav', icon: <ExperimentOutlined />, permission: 'case.read' },
  { path: '/units', label: 'nav.units', icon: <ApartmentOutlined />, permission: 'unit.read' },
  { path: '/accounts', label: 'nav.accounts', icon: <IdcardOutlined />, permission: 'user.admin' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/profile', label: 'nav.profile', icon: <UserOutlined /> },
];

/** The pages this account may open. */
export function navEntries(permissions: (permission: Permission) => boolean): NavEntry[] {
  return ENTRIES.filter((entry) => !entry.permission || permissions(entry.permission));
}

interface NavMenuProps {
  onNavigate?: () => void;
}

export function NavMenu({ onNavigate }: NavMenuProps) {
  const { t } = useTranslation();
  const me = useAccount();
  const { pathname } = useLocation();
  const entries = navEntries((permission) => can(me, permission));
  const selected = entries.find((entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`));
  return (
    <Menu
      data-testid="nav-menu"
      mode="inline"
      selectedKeys={selected ? [selected.path] : []}
      items={entries.map((entry) => ({
        key: entry.path,
        icon: entry.icon,
        label: <Link to={entry.path}>{t(entry.label)}</Link>,
      }))}
      onClick={onNavigate}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
