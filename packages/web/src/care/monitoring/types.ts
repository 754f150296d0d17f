import type { ReadingValues } from './reading-line.tsx';

export interface Entry extends ReadingValues {
  id: number;
  recordedAt: string;
  recordedByKind: 'station' | 'team' | 'self' | 'caregiver';
  recordedByName: string | null;
  symptoms: string[];
  note: string | null;
  signs: string[];
  signWords: string[];
  severity: number;
}

export interface EntryPage {
  episode: {
    id: string;
    personId: string;
    personName: string;
    birthDate: string;
    status: 'active' | 'ended';
    place: 'home' | 'facility';
    startOn: string;
    day: number;
    lastEntryAt: string | null;
    hasLink: boolean;
  };
  items: Entry[];
  next?: string;
}

/** The answer to a recorded entry: its warning signs and whether the SpO2 must be measured again. */
export interface EntryResult {
  warning: {
    signs: string[];
    signWords: string[];
    severity: number;
    severityLabel: string;
    recheckSpo2: boolean;
    spo2AtMost: number;
    reasons: string[];
  };
  alert: { id: string; severity: number; raised: boolean; escalated: boolean } | null;
}

/** The fields of the form, as typed (empty fields are not sent). */
export interface EntryForm {
  spo2?: number | null;
  spo2Recheck?: number | null;
  respiratoryRate?: number | null;
  pulse?: number | null;
  temperature?: number | null;
  systolic?: number | null;
  diastolic?: number | null;
  symptoms?: string[];
  note?: string;
}

/** The body of an entry: only what was filled in. */
export function entryBody(values: EntryForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    body[key] = typeof value === 'string' ? value.trim() : value;
  }
  return body;
}
