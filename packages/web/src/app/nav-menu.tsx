import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClearOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DeploymentUnitOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  HomeOutlined,
  IdcardOutlined,
  MedicineBoxOutlined,
  PhoneOutlined,
  PieChartOutlined,
  SafetyCertificateOutlined,
  SyncOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission, Role } from '@tuyendau/domain';
import { Menu, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { can, useAccount } from './account.ts';

interface NavEntry {
  path: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
  /** Only for these roles: the start pages (STYLE: each role starts where its work is). */
  roles?: readonly Role[];
  /** Shown inside a titled group of the menu (its i18n key), e.g. 'Tiêm chủng'. */
  group?: string;
}

/** The vaccination pages' group in the menu: each vaccination page adds its entry with this group. */
const VACCINATION = 'nav.vaccination';

/** The commune's start page: its work of the day. */
const TODAY_ROLES: readonly Role[] = ['health_station', 'community_team'];
/** The district's and province's start page: the situation. */
const SITUATION_ROLES: readonly Role[] = ['command_center', 'health_officer', 'admin'];

const ENTRIES: NavEntry[] = [
  {
    path: '/today',
    label: 'today.nav',
    icon: <CheckSquareOutlined />,
    permission: 'case.read',
    roles: TODAY_ROLES,
  },
  {
    path: '/situation',
    label: 'situation.nav',
    icon: <DashboardOutlined />,
    permission: 'case.read',
    roles: SITUATION_ROLES,
  },
  { path: '/persons', label: 'nav.persons', icon: <TeamOutlined />, permission: 'person.read' },
  { path: '/cases', label: 'cases.nav', icon: <MedicineBoxOutlined />, permission: 'case.read' },
  { path: '/clusters', label: 'clusters.nav', icon: <DeploymentUnitOutlined />, permission: 'case.read' },
  { path: '/tests', label: 'tests.nav', icon: <ExperimentOutlined />, permission: 'case.read' },
  { path: '/care/hotline', label: 'hotline.nav', icon: <PhoneOutlined />, permission: 'hotline.handle' },
  { path: '/care/board', label: 'careBoard.nav', icon: <AlertOutlined />, permission: 'care.read' },
  { path: '/care/episodes', label: 'places.navEpisodes', icon: <HomeOutlined />, permission: 'care.read' },
  {
    path: '/care/facilities',
    label: 'places.navFacilities',
    icon: <BankOutlined />,
    permission: 'care.read',
  },
  {
    path: '/care/capacity',
    label: 'places.navCapacity',
    icon: <BarChartOutlined />,
    permission: 'care.read',
  },
  {
    path: '/vaccination/coverage',
    label: 'vaccinationCoverage.nav',
    icon: <PieChartOutlined />,
    permission: 'vaccination.read',
    group: VACCINATION,
  },
  {
    path: '/vaccination/door',
    label: 'vaccinationDoor.nav',
    icon: <EnvironmentOutlined />,
    permission: 'vaccination.write',
    group: VACCINATION,
  },
  {
    path: '/vaccination/import',
    label: 'vaccinationImport.nav',
    icon: <CloudUploadOutlined />,
    permission: 'vaccination.manage',
    group: VACCINATION,
  },
  {
    path: '/vaccination/backlog',
    label: 'vaccinationBacklog.nav',
    icon: <SyncOutlined />,
    permission: 'vaccination.read',
    group: VACCINATION,
  },
  {
    path: '/vaccination/reviews',
    label: 'vaccinationDoses.nav',
    icon: <SafetyCertificateOutlined />,
    permission: 'vaccination.manage',
    group: VACCINATION,
  },
  {
    path: '/vaccination/cleaning',
    label: 'vaccinationCleaning.nav',
    icon: <ClearOutlined />,
    permission: 'vaccination.manage',
    group: VACCINATION,
  },
  { path: '/units', label: 'nav.units', icon: <ApartmentOutlined />, permission: 'unit.read' },
  { path: '/accounts', label: 'nav.accounts', icon: <IdcardOutlined />, permission: 'user.admin' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/profile', label: 'nav.profile', icon: <UserOutlined /> },
];

/** The pages this account may open; an account's role picks its start page among them. */
export function navEntries(permissions: (permission: Permission) => boolean, role?: Role): NavEntry[] {
  return ENTRIES.filter(
    (entry) =>
      (!entry.permission || permissions(entry.permission)) &&
      (!entry.roles || (role !== undefined && entry.roles.includes(role))),
  );
}

interface NavMenuProps {
  onNavigate?: () => void;
}

export function NavMenu({ onNavigate }: NavMenuProps) {
  const { t } = useTranslation();
  const me = useAccount();
  const { pathname } = useLocation();
  const entries = navEntries((permission) => can(me, permission), me.role);
  const selected = entries.find((entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`));
  const item = (entry: NavEntry) => ({
    key: entry.path,
    icon: entry.icon,
    label: <Link to={entry.path}>{t(entry.label)}</Link>,
  });
  // Entries of a group sit together under its title, where the group's first entry would be.
  const items: NonNullable<MenuProps['items']> = [];
  for (const entry of entries) {
    if (!entry.group) {
      items.push(item(entry));
      continue;
    }
    if (items.some((i) => i?.key === entry.group)) continue;
    items.push({
      key: entry.group,
      type: 'group',
      label: t(entry.group),
      children: entries.filter((e) => e.group === entry.group).map(item),
    });
  }
  return (
    <Menu
      data-testid="nav-menu"
      mode="inline"
      selectedKeys={selected ? [selected.path] : []}
      items={items}
      onClick={onNavigate}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
