import type { Role } from '@tuyendau/domain';

export interface User {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  unitCode: string;
  unitName: string;
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
