/** Roles of Tuyến Đầu accounts. Ids are a contract (API, database, CLI). */
export const ROLES = [
  'admin',
  'command_center',
  'health_officer',
  'health_station',
  'community_team',
  'checkpoint',
  'agency_reporter',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'person.read',
  'person.write',
  /** See CCCD/CMND and phone numbers unmasked. */
  'person.identity',
  'unit.read',
  'user.admin',
  'audit.read',
  /** Tests, F0 cases, F1 contacts, clusters and chains: read, and register or update. */
  'case.read',
  'case.write',
  /** Open and close clusters, draw lockdown zones. */
  'cluster.write',
  /** Vaccination: coverage, door-to-door lists, a person's doses. */
  'vaccination.read',
  /** Record doses and door-to-door marks. */
  'vaccination.write',
  /** Import dose files, set targets and official populations, review, clean, merge, sync backlog. */
  'vaccination.manage',
  /** Isolation and home care: episodes, monitoring, alerts, boards, facilities and their capacity. */
  'care.read',
  /** Enrol and end episodes, record monitoring, handle alerts, admit, transfer, discharge, certify recovery. */
  'care.write',
  /** Register facilities, change their state, report their daily capacity. */
  'facility.manage',
  /** Hotline requests: record calls, assign, resolve; the unit's published hotline numbers. */
  'hotline.handle',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'person.read',
    'person.write',
    'person.identity',
    'unit.read',
    'user.admin',
    'audit.read',
    'case.read',
    'case.write',
    'cluster.write',
    'vaccination.read',
    'vaccination.write',
    'vaccination.manage',
    'care.read',
    'care.write',
    'facility.manage',
    'hotline.handle',
  ],
  command_center: [
    'person.read',
    'unit.read',
    'case.read',
    'cluster.write',
    'vaccination.read',
    'vaccination.manage',
    'care.read',
    'facility.manage',
    'hotline.handle',
  ],
  health_officer: [
    'person.read',
    'person.write',
    'person.identity',
    'unit.read',
    'case.read',
    'case.write',
    'cluster.write',
    'vaccination.read',
    'vaccination.write',
    'vaccination.manage',
    'care.read',
    'care.write',
    'facility.manage',
    'hotline.handle',
  ],
  health_station: [
    'person.read',
    'person.write',
    'person.identity',
    'unit.read',
    'case.read',
    'case.write',
    'vaccination.read',
    'vaccination.write',
    'vaccination.manage',
    'care.read',
    'care.write',
    'hotline.handle',
  ],
  community_team: [
    'person.read',
    'person.write',
    'person.identity',
    'unit.read',
    'case.read',
    'case.write',
    'vaccination.read',
    'vaccination.write',
    'care.read',
    'care.write',
    'hotline.handle',
  ],
  checkpoint: ['person.read', 'person.write', 'person.identity', 'unit.read'],
  agency_reporter: ['unit.read'],
  viewer: ['person.read', 'unit.read', 'case.read', 'vaccination.read', 'care.read'],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Whether an account of role `granter` may give role `role` (create, change or manage an account
 * that has it): only a role whose permissions are all the granter's own. Nobody grants above
 * themselves.
 */
export function canGrantRole(granter: Role, role: Role): boolean {
  const own = ROLE_PERMISSIONS[granter];
  return ROLE_PERMISSIONS[role].every((p) => own.includes(p));
}
