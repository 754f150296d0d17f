import type { FacilityKind, FacilityState, FacilityType } from '@tuyendau/domain';

export interface Facility {
  id: string;
  provinceCode: string;
  unitCode: string;
  unitName: string | null;
  districtCode: string | null;
  name: string;
  kind: FacilityKind;
  type: FacilityType;
  tierCode: string | null;
  tierName: string | null;
  tierNumber: number | null;
  owner: string | null;
  address: string | null;
  phone: string | null;
  state: FacilityState;
  stateOn: string | null;
  beds: number;
  icuBeds: number;
  ventilators: number;
  highFlowOxygen: number;
  ecmo: number;
  dialysis: number;
  oxygenConcentrators: number;
  oxygenSupply: string | null;
  occupied: number;
  free: number;
}

export interface FacilityStateRow {
  id: string;
  state: FacilityState;
  effectiveOn: string;
  decidedBy: string | null;
  note: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

export interface FacilityDay {
  day: string;
  beds: number | null;
  icuBeds: number | null;
  ventilators: number | null;
  highFlowOxygen: number | null;
  ecmo: number | null;
  dialysis: number | null;
  oxygenConcentrators: number | null;
  icuOccupied: number | null;
  reported: boolean;
  reportedBy: string | null;
  occupied: number;
}

export interface FacilityDetail extends Facility {
  states: FacilityStateRow[];
  days: FacilityDay[];
}

export interface Sum {
  code: string;
  name: string | null;
  tier?: number | null;
  beds: number;
  occupied: number;
  free: number;
  facilities: number;
}

export interface CapacityBoard {
  date: string;
  total: { beds: number; occupied: number; free: number; facilities: number };
  reserve: { facilities: number; beds: number };
  facilities: (Facility & { districtName: string | null })[];
  byTier: Sum[];
  byDistrict: Sum[];
  byProvince: Sum[];
  trend: { day: string; occupied: number; beds: number; admitted: number; left: number }[];
  intake: {
    admittedLast7Days: number;
    leftLast7Days: number;
    netPerDay: number;
    daysUntilFull: number | null;
    explanation: string;
  };
  nextWave: {
    weeklyGrowth: number;
    projectedCases: number;
    byTier: { tier: number; share: number; needed: number; free: number; shortfall: number }[];
    explanation: string;
  };
}
