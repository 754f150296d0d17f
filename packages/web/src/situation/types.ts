/** The answers of GET /situation/* and /work/today (packages/server/src/situation). */

export interface AreaUnit {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
}

export interface Window {
  from: string;
  to: string;
}

export interface Freshness {
  today: string;
  unit: AreaUnit | null;
  latest: { cases: string | null; tests: string | null; contacts: string | null };
  latestOn: string | null;
  stale: boolean;
}

export interface NewCaseCounts {
  today: number;
  last7: number;
  previous7: number;
  change: number | null;
}

export interface NewCasesPanelData {
  date: string;
  unit: AreaUnit | null;
  windows: { last7: Window; previous7: Window };
  total: NewCaseCounts;
  children: (NewCaseCounts & { code: string; name: string | null })[];
}

export interface ActiveCasesPanelData {
  date: string;
  unit: AreaUnit | null;
  total: number;
  places: { place: string; name: string | null; cases: number }[];
}

export interface QuarantinePanelData {
  date: string;
  unit: AreaUnit | null;
  total: number;
  started: number;
  ending: number;
  places: { place: string | null; contacts: number }[];
}

export interface ClustersPanelData {
  date: string;
  unit: AreaUnit | null;
  total: number;
  items: {
    id: string;
    name: string;
    unitName: string | null;
    openedOn: string;
    cases: number;
    last7: number;
    lastCaseOn: string | null;
  }[];
}

export interface TestFigures {
  tests: number;
  positive: number;
  positivity: number | null;
}

export interface TestsPanelData {
  date: string;
  unit: AreaUnit | null;
  windows: { last7: Window; previous7: Window };
  last7: TestFigures;
  previous7: TestFigures;
  kinds: (TestFigures & { kind: string })[];
}

export interface WorkSection<T> {
  count: number;
  items: T[];
}

export interface WorkOfDay {
  date: string;
  unit: AreaUnit | null;
  newCaseDays: number;
  pendingResults: WorkSection<{
    id: string;
    kind: string;
    personId: string | null;
    personName: string | null;
    sampledAt: string;
  }>;
  retests: WorkSection<{
    poolId: string;
    personId: string;
    personName: string;
    poolResultedAt: string | null;
  }>;
  quarantine: WorkSection<{
    id: string;
    personId: string;
    personName: string;
    caseId: string;
    place: string | null;
    quarantineStart: string;
    quarantineEnd: string;
    day: number;
    testDue: boolean;
    endsIn: 0 | 1 | null;
  }>;
  newCases: WorkSection<{
    id: string;
    personId: string;
    personName: string;
    detectedOn: string;
    severity: string;
    carePlace: string;
    carePlaceName: string | null;
  }>;
  untraced: WorkSection<{
    id: string;
    personId: string;
    personName: string;
    detectedOn: string;
    createdAt: string;
  }>;
}

/** GET /situation/care: isolation and home care on the day (issue 10 §6). */
export interface CarePanelData {
  date: string;
  unit: AreaUnit | null;
  places: {
    place: 'home' | 'isolation' | 'treatment';
    tierCode: string | null;
    tierName: string | null;
    cases: number;
    others: number;
  }[];
  alerts: { open: number; emergency: number; urgent: number; watch: number };
  unreachable: number;
  beds: { total: number; occupied: number; free: number; facilities: number; reported: boolean };
  requests: { open: number; overdue: number };
}
