import type { Person, Sex } from '@tuyendau/domain';

export interface HouseholdMember {
  id: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
}

/** GET /persons/{id}: the person, where they live and who lives with them. */
export interface PersonDetail extends Person {
  /** `path` runs from the province down to the residence unit itself. */
  unit: { code: string; name: string; path: { code: string; name: string }[] };
  household?: { id: string; address?: string | null; members: HouseholdMember[] } | null;
}

/** Why a registered person may be the one being registered again. */
export type DuplicateReason = 'name_birth_unit' | 'phone';

/** A person the server found who may be the one being registered (409 possible_duplicate). */
export interface PersonCandidate extends Person {
  reasons: DuplicateReason[];
}

/** A pool a person was sampled in, with where they stand in it. */
export interface PoolMembership {
  poolId: string;
  sampledAt: string;
  resultedAt?: string | null;
  result: string;
  memberStatus: string;
  retestId?: string | null;
}

/** A household of a commune, with the members the account may see. */
export interface Household {
  id: string;
  address: string | null;
  members: { id: string; fullName: string; birthDate: string }[];
}
