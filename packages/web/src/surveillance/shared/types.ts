import type { Sex } from '@tuyendau/domain';
import type {
  CarePlace,
  CaseStatus,
  ContactSetting,
  FoundBy,
  QuarantinePlace,
  Severity,
  TestKind,
  TestPerformer,
  TestResult,
  VaccinationStatus,
} from './labels.ts';

/** A version of a rule, as the API cites it. */
export interface PolicyRef {
  code: string;
  source: string;
  effectiveFrom?: string;
  unconfirmed?: boolean;
  /** What exactly the rules file does not confirm, in Vietnamese. */
  unconfirmedPoints?: string[];
}

/** An F0 episode, as GET /cases lists it. */
export interface Case {
  id: string;
  personId: string;
  personName: string;
  birthDate: string;
  sex: Sex;
  unitCode: string;
  unitName: string;
  detectedOn: string;
  foundBy: FoundBy;
  clusterId?: string | null;
  clusterName?: string | null;
  status: CaseStatus;
  severity: Severity;
  carePlace: CarePlace;
  /** The name of the care tier (tiers are data); null for home and facility. */
  carePlaceName?: string | null;
  outcomeOn?: string | null;
  outcomeCriterion?: string | null;
  sourceCaseId?: string | null;
  reinfection: boolean;
}

export type CaseEventKind = 'severity' | 'care' | 'outcome';

export interface CaseEvent {
  on: string;
  kind: CaseEventKind | string;
  value: string;
  /** The name of a care tier the event moved to. */
  valueName?: string | null;
  detail?: string | null;
  /** A clinician's reason for a recovery earlier than the policy allows. */
  overrideReason?: string | null;
}

export interface IsolationPlan {
  earliestEnd: string | null;
  extendedEnd?: string | null;
  criterion: string;
  policy: PolicyRef;
  reasons?: string[];
}

/** The earliest day an active case may be recorded as recovered, and why. */
export interface EarliestRelease {
  /** Null while the policy waits for a negative test. */
  earliestOn: string | null;
  policy: PolicyRef;
  reasons: string[];
}

export interface CaseDetail extends Case {
  events: CaseEvent[];
  contacts: Contact[];
  isolation: IsolationPlan;
  /** Null once the case is closed. */
  release: EarliestRelease | null;
}

export interface Quarantine {
  place: QuarantinePlace;
  start: string;
  end: string;
  days: number;
  policy: PolicyRef | { code: string | null; source: null };
}

/** An exposure of a person to a case (F1, or F2 under the policies that tracked them). */
export interface Contact {
  id: string;
  caseId: string;
  personId: string;
  personName: string;
  unitCode: string;
  degree: number;
  exposureDate: string;
  setting: ContactSetting;
  vaccination: VaccinationStatus;
  /** Doses before the exposure, when known (they decide CV 10696 and CV 762). */
  doses?: number | null;
  lastDoseOn?: string | null;
  quarantine: Quarantine | null;
  resultingCaseId?: string | null;
}

export interface ClusterClosing {
  canClose: boolean;
  closableFrom: string;
  reasons: string[];
}

export interface Cluster {
  id: string;
  name: string;
  unitCode: string;
  unitName: string;
  openedOn: string;
  closedOn?: string | null;
  villages: string[];
  cases: number;
  lastCaseOn?: string | null;
  /** Null once the cluster is closed. */
  closing: ClusterClosing | null;
}

export interface Lockdown {
  id: string | number;
  unitCodes: string[];
  villages: string[] | null;
  startsOn: string;
  endsOn?: string | null;
}

export interface ClusterDetail extends Cluster {
  lockdowns: Lockdown[];
  curve: { on: string; cases: number }[];
  tracing: { contacts: number; tested: number; negative: number; positive: number };
}

export interface Test {
  id: string;
  personId?: string | null;
  personName?: string | null;
  kind: TestKind;
  performer: TestPerformer;
  site?: string | null;
  sampledAt: string;
  resultedAt?: string | null;
  result: TestResult;
  poolId?: string | null;
  unitCode: string;
}

export interface Confirmation {
  outcome: 'confirmed' | 'suspected' | 'none';
  policy: PolicyRef;
  reasons: string[];
}

/** POST /tests and PATCH /tests/{id}: the test, whether it confirms a case, and that case. */
export interface TestOutcome extends Test {
  confirmation: Confirmation;
  case?: Case | null;
}

export interface PoolMember {
  personId: string;
  fullName: string;
  status: string;
}

export interface Pool {
  id: string;
  sampledAt: string;
  resultedAt?: string | null;
  result: TestResult;
  site?: string | null;
  members: PoolMember[];
}

/** A member of a positive pool still waiting for an individual retest. */
export interface WorklistItem {
  poolId: string;
  personId: string;
  fullName: string;
  birthDate: string;
  unitCode: string;
  unitName?: string | null;
  poolSampledAt: string;
  poolResultedAt: string;
}

/** How an import read the header row of a file (see imports/pipeline.ts). */
export interface ImportColumns {
  recognised: { header: string; column: string; label: string }[];
  ignored: string[];
  /** Columns the file lacks: the required ones, or those that name the person of a row. */
  missing: { column: string; label: string }[];
}

export interface ImportReport {
  inserted: number;
  unchanged: number;
  /** `label`: the column at fault as people call it. */
  rejected: { row: number; field?: string | null; label?: string | null; message: string }[];
  columns?: ImportColumns;
  /** All rejected rows, when the list above was cut short. */
  rejectedTotal?: number;
  /** Cases opened by confirming results (test imports). */
  casesCreated?: number;
  /** Set when nothing was written because of the rejected rows. */
  message?: string;
}

export type ChainNodeType = 'case' | 'contact';

export interface ChainNode {
  id: string;
  type: ChainNodeType;
  label: string;
  generation: number;
  status?: string | null;
  on?: string | null;
  /** People outside the viewer's jurisdiction: one anonymous node per unit, with how many. */
  hidden?: { count: number; unitName: string };
}

export interface ChainEdge {
  source: string;
  target: string;
  kind: 'exposed' | 'became';
}

export interface Chain {
  nodes: ChainNode[];
  edges: ChainEdge[];
  origin: string | null;
  generations: number;
}
