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
