import type { AgeGroup } from '@tuyendau/domain';
import type { AppliedTarget, CoverageRow } from '../../vaccination/coverage/types.ts';

interface AreaUnit {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
}

/** GET /situation/vaccination-coverage: the area's own rows per group and dose. */
export interface VaccinationCoveragePanelData {
  date: string;
  unit: AreaUnit | null;
  items: Omit<CoverageRow, 'unitCode' | 'unitName' | 'registryPopulation' | 'populationIsTarget'>[];
}

/** GET /situation/vaccination-lagging: per group and dose a conclusion names, the units below target. */
export interface VaccinationLaggingPanelData {
  date: string;
  unit: AreaUnit | null;
  items: {
    ageGroup: AgeGroup;
    dose: number;
    rate: number | null;
    target: AppliedTarget | null;
    /** Child units with people in the group. */
    children: number;
    /** How many are below their target; null when none has one (then `units` are the lowest three). */
    lagging: number | null;
    units: {
      code: string;
      name: string;
      rate: number;
      target: AppliedTarget | null;
      shortfall: number | null;
    }[];
  }[];
}

/** GET /situation/vaccination-backlog: unsynced doses and people to verify, per child unit. */
export interface VaccinationBacklogPanelData {
  unit: AreaUnit | null;
  total: { unsyncedDoses: number; oldestOn: string | null; personsToVerify: number };
  children: {
    code: string;
    name: string | null;
    unsyncedDoses: number;
    oldestOn: string | null;
    personsToVerify: number;
  }[];
}
