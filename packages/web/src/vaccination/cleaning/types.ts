/** What the data-cleaning routes answer (server vaccination/cleaning). */

export const PROBLEM_KINDS = [
  'invalid_id',
  'missing_id',
  'impossible_date',
  'dose_sequence',
  'duplicate_name',
  'duplicate_phone',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export type ProblemStatus = 'open' | 'corrected' | 'merged' | 'confirmed';

export const isPair = (kind: ProblemKind) => kind === 'duplicate_name' || kind === 'duplicate_phone';

export interface CountRow {
  unitCode: string;
  unitName: string;
  toVerify: number;
  verified: number;
  /** verified / (verified + to verify); null when nothing was ever found. */
  progress: number | null;
  kinds: Partial<Record<ProblemKind, number>>;
}

export interface CleaningCounts {
  unit: { code: string; name: string; level: string };
  total: CountRow;
  units: CountRow[];
}

export interface ProblemPerson {
  id: string;
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  unitCode: string;
  unitName: string | null;
  mergedInto: string | null;
  doses: number;
}

export interface ProblemDose {
  id: string;
  doseNumber: number;
  product: string;
  productName: string;
  givenOn: string;
  site: string | null;
  synced: boolean;
  current: boolean;
  reviewStatus: string;
  mergedFrom: string | null;
}

export interface Problem {
  id: string;
  kind: ProblemKind;
  detail: string | null;
  status: ProblemStatus;
  unitCode: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  person: ProblemPerson;
  other: ProblemPerson | null;
}

export interface ProblemDetail extends Problem {
  person: ProblemPerson & { doseList: ProblemDose[] };
  other: (ProblemPerson & { doseList: ProblemDose[] }) | null;
  merge: { id: string; survivorId: string; mergedAt: string } | null;
}

export const COUNTS = '/vaccination/cleaning/counts';
export const PROBLEMS = '/vaccination/cleaning/problems';
