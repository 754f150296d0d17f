import type {
  EpisodeEndReason,
  EpisodePlace,
  EpisodeReason,
  EpisodeStatus,
  StayReason,
} from '@tuyendau/domain';

export interface Stay {
  id: string;
  place: EpisodePlace;
  facilityId: string | null;
  facilityName: string | null;
  facilityKind: string | null;
  tierCode: string | null;
  tierName: string | null;
  fromAt: string;
  toAt: string | null;
  reason: StayReason;
  decidedBy: string | null;
  overrideReason: string | null;
  overrideBy: string | null;
  note: string | null;
}

export interface Episode {
  id: string;
  personId: string;
  personName: string;
  birthDate: string;
  sex: string;
  phone: string | null;
  unitCode: string;
  unitName: string | null;
  reason: EpisodeReason;
  caseId: string | null;
  contactId: string | null;
  status: EpisodeStatus;
  place: EpisodePlace;
  facilityId: string | null;
  facilityName: string | null;
  facilityKind: string | null;
  tierCode: string | null;
  commitmentSigner: string | null;
  commitmentOn: string | null;
  supervisingTeam: string | null;
  startOn: string;
  plannedEndOn: string | null;
  policyCode: string | null;
  endedOn: string | null;
  endReason: EpisodeEndReason | null;
  releaseCriterion: string | null;
  day: number | null;
}

export interface EpisodeDetail extends Episode {
  stays: Stay[];
}
