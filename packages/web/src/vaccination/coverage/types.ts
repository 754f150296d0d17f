import type { AgeGroup } from '@tuyendau/domain';

export const DOSES = [1, 2, 3, 4] as const;

export interface CoverageUnit {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  sentenceName: string;
}

export interface AppliedTarget {
  id: string;
  rate: number;
  permille: number;
  deadline: string;
  unitCode: string;
}

/** A row of GET /vaccination/coverage. */
export interface CoverageRow {
  unitCode: string;
  unitName: string;
  ageGroup: AgeGroup;
  dose: number;
  vaccinated: number;
  population: number;
  rate: number | null;
  registryPopulation: number;
  populationIsTarget: boolean;
  populationSource: 'registry' | 'official';
  dropOut: number | null;
  target: AppliedTarget | null;
  shortfall: number | null;
  lagging: boolean | null;
}

export interface CoverageReport {
  asOf: string;
  unit: CoverageUnit;
  parents: CoverageUnit[];
  children: CoverageUnit[];
  items: CoverageRow[];
}

export interface SentenceReport {
  asOf: string;
  unit: CoverageUnit;
  items: { ageGroup: AgeGroup; dose: number; text: string; lagging: string | null }[];
  backlog: string;
  text: string;
}

export interface Target {
  id: string;
  unitCode: string;
  unitName: string;
  ageGroup: AgeGroup;
  dose: number;
  targetRate: number;
  deadline: string;
  note: string | null;
  setAt: string;
}

export interface PopulationTarget {
  unitCode: string;
  unitName: string;
  ageGroup: AgeGroup;
  population: number;
  source: string | null;
  setAt: string;
}

/** How a unit stands against its target: met, within 5 points, below, no target, no population. */
export type Standing = 'met' | 'near' | 'below' | 'noTarget' | 'noData';

export const NEAR_POINTS = 0.05;

export function standingOf(row: Pick<CoverageRow, 'rate' | 'target' | 'lagging'>): Standing {
  if (row.rate === null) return 'noData';
  if (!row.target) return 'noTarget';
  if (!row.lagging) return 'met';
  // In tenths of a percent, as rates are shown: 85,0% against 90% is within 5 points (no float drift).
  const gap = Math.round(row.target.rate * 1000) - Math.round(row.rate * 1000);
  return gap <= Math.round(NEAR_POINTS * 1000) ? 'near' : 'below';
}

/** The i18n key of each age group's words (a key may not hold '+'). */
export const GROUP_KEYS: Record<AgeGroup, string> = {
  '18+': 'adults',
  '12-17': 'teens',
  '5-11': 'children',
  '50+': 'over50',
  '65+': 'over65',
};
