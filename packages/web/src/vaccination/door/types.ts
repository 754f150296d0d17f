/** What a mobile team records for a person (POST /persons/{id}/door-marks). */
export const MARK_KINDS = [
  'vaccinated_here',
  'vaccinated_elsewhere',
  'refused',
  'deferred',
  'moved_away',
  'deceased',
] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

export interface DoorMark {
  id: string;
  mark: MarkKind;
  onDate: string | null;
  until: string | null;
  reason: string | null;
  markedAt: string;
  markedBy: string | null;
}

export interface DoorDose {
  doseNumber: number;
  kind: string;
  product: string;
  productName: string;
  givenOn: string;
}

export type DueStatus = 'overdue' | 'due' | 'soon';

/** A person of a door-to-door list as GET /vaccination/door answers. */
export interface DoorPerson {
  id: string;
  fullName: string;
  birthDate: string;
  age: number;
  sex: 'male' | 'female' | string;
  phone: string | null;
  doses: DoorDose[];
  next: {
    doseNumber: number;
    kind: 'primary' | 'additional' | 'booster';
    dueOn: string;
    status: DueStatus;
    overdueDays: number;
    deferredUntil: string | null;
  } | null;
  lastMark: DoorMark | null;
}

export interface DoorHousehold {
  key: string;
  householdId: string | null;
  address: string;
  village: string;
  persons: DoorPerson[];
}

/** GET /vaccination/door */
export interface DoorList {
  unit: { code: string; name: string };
  village: string | null;
  asOf: string;
  within: number;
  households: DoorHousehold[];
  next: string | null;
}

/** GET /vaccination/door/villages */
export interface DoorVillages {
  unit: { code: string; name: string };
  villages: { village: string; persons: number }[];
}

/** POST /persons/{id}/door-marks */
export interface MarkResult {
  mark: { id: string; mark: MarkKind; onDate: string | null; until: string | null; reason: string | null };
  dose: { id: string; doseNumber: number; givenOn: string } | null;
  /** The person as the list now shows them; null once they no longer live here. */
  person: DoorPerson | null;
}

/** A card's person after a mark made on this page: the answer of the mark, kept until the list reloads. */
export interface Marked {
  kind: MarkKind;
  person: DoorPerson | null;
}
