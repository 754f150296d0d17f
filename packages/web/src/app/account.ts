import { useQuery } from '@tanstack/react-query';
import type { Permission, Role } from '@tuyendau/domain';
import { createContext, useContext } from 'react';
import { ApiError, api } from './api.ts';

export type UnitLevel = 'province' | 'district' | 'commune';

/** The unit an account answers for. */
export interface Jurisdiction {
  code: string;
  name: string;
  level: UnitLevel;
  provinceCode: string;
}

/** The signed-in account, as GET /auth/me answers it. */
export interface Me {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  /** Null for an account that answers for the whole country. */
  unit: Jurisdiction | null;
  agency?: { code: string; name: string };
  permissions: Permission[];
}

export const ME_KEY = ['me'] as const;

/** How the session's account is fetched: null when nobody is signed in. */
export const meQuery = {
  queryKey: ME_KEY,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api.get<Me>('/auth/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
};

/** The session's account, or null when nobody is signed in. */
export function useMe() {
  return useQuery(meQuery);
}

export const AccountContext = createContext<Me | null>(null);

/** The signed-in account; only inside the signed-in shell. */
export function useAccount(): Me {
  const me = useContext(AccountContext);
  if (!me) throw new Error('useAccount outside the signed-in shell');
  return me;
}

export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}
