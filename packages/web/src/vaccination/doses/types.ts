/** Why a dose waits for a reviewer: a code for the data, a sentence for people (worded by the server). */
export interface DoseFlag {
  code: string;
  message: string;
}

export type DoseKind = 'primary' | 'additional' | 'booster';
export type ReviewStatus = 'none' | 'pending' | 'accepted' | 'rejected';

/** A dose as GET /persons/{id}/doses and the dose routes answer it. */
export interface Dose {
  id: string;
  personId: string;
  doseNumber: number;
  kind: DoseKind;
  product: string;
  productName: string;
  lot: string | null;
  givenOn: string;
  site: string | null;
  nationalId: string | null;
  /** On the national platform (it has a mã mũi tiêm). */
  synced: boolean;
  flags: DoseFlag[];
  reviewStatus: ReviewStatus;
  reviewNote: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  source: string;
  unitCode: string;
  createdAt: string;
  createdBy: string | null;
}

/** A dose replaced by a correction, with what replaced it and why. */
export interface SupersededDose extends Dose {
  supersededBy: { id: string; doseNumber: number | null; givenOn: string | null; reason: string | null };
}

/** GET /persons/{id}/doses */
export interface PersonDoses {
  personId: string;
  doses: Dose[];
  superseded: SupersededDose[];
  /** The next dose by the rules in force today, or null (series complete, or not eligible). */
  next: { doseNumber: number; kind: DoseKind; dueOn: string; overdue: boolean } | null;
  /** Today in Vietnam, as the server counts it. */
  today: string;
}

/** An item of GET /vaccination/reviews: a flagged dose waiting for review, with its person. */
export interface ReviewItem extends Dose {
  person: { id: string; fullName: string; birthDate: string };
}
