/** The person an alert or an unreachable line is about (inside the jurisdiction). */
export interface BoardPerson {
  id: string;
  fullName: string;
  birthDate: string;
  age: number;
  phone: string | null;
}

export interface LastReading {
  recordedAt: string;
  recordedByKind: string;
  spo2: number | null;
  spo2Recheck: number | null;
  respiratoryRate: number | null;
  pulse: number | null;
  temperature: number | null;
  systolic: number | null;
  diastolic: number | null;
}

export interface BoardAlert {
  id: string;
  severity: 1 | 2 | 3;
  severityLabel: string;
  signs: string[];
  signWords: string[];
  raisedAt: string;
  episodeId: string;
  day: number;
  startOn: string;
  unit: { code: string; name: string | null };
  person: BoardPerson;
  lastEntryAt: string | null;
  last: LastReading | null;
}

export interface Unreachable {
  episodeId: string;
  day: number;
  startOn: string;
  unit: { code: string; name: string | null };
  person: BoardPerson;
  lastEntryAt: string | null;
  enrolledAt: string;
}

export interface BoardCounts {
  openAlerts: { 1: number; 2: number; 3: number; total: number };
  unreachable: number;
}

export interface Board {
  unit: { code: string; name: string } | null;
  policy: {
    spo2AtMost: number;
    unreachableAfterHours: number;
    graceHours: number;
    source: string;
    unconfirmed: boolean;
  };
  counts: BoardCounts;
  alerts: BoardAlert[];
  next?: string;
  unreachable: Unreachable[];
  unreachableNext?: string;
}

/** A treatment facility as the transfer dialog offers it (GET /facilities?kind=treatment&available=true). */
export interface FacilityOption {
  id: string;
  name: string;
  tierCode: string | null;
  tierName: string | null;
  tierNumber: number | null;
  unitName: string | null;
  beds: number;
  occupied: number;
  free: number;
}

/** Colours of the severities, the same on the board, the history and the phone. */
export const SEVERITY_COLORS: Record<number, string> = {
  0: 'green',
  1: 'gold',
  2: 'orange',
  3: 'red',
};
