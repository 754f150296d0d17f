import type { Role } from '@tuyendau/domain';

export interface User {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  /** Whole-country scope (the system admin). */
  national: boolean;
  unitCode: string | null;
  unitName: string | null;
  /** False when the account's unit is not in the active unit list: it cannot sign in until fixed. */
  jurisdictionResolved: boolean;
  agencyCode?: string | null;
  agencyName?: string | null;
  disabled: boolean;
  createdAt: string;
  lastLoginAt?: string | null;
}

export interface Agency {
  code: string;
  name: string;
  unitCode: string;
}
