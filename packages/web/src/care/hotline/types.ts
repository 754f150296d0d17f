import type { HotlineKind, HotlinePriorityReason, HotlineStatus } from '@tuyendau/domain';

/** A request as the board shows it. */
export interface HotlineItem {
  id: string;
  reference: string;
  unitCode: string;
  unitName: string | null;
  districtCode: string | null;
  personId: string | null;
  episodeId: string | null;
  channel: 'public' | 'hotline';
  kind: HotlineKind;
  callerName: string;
  phone: string;
  address: string | null;
  detail: string | null;
  priority: 1 | 2 | 3 | 4;
  priorityReasons: HotlinePriorityReason[];
  status: HotlineStatus;
  receivedAt: string;
  dueAt: string;
  assignedAt: string | null;
  assignedTo: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  escalatedAt: string | null;
  overdue: boolean;
}

export interface PublicUnit {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
}

export interface PublishedNumbers {
  unit: PublicUnit;
  units: (PublicUnit & { numbers: { phone: string; label: string }[] })[];
}

/** Minutes between two instants, for "received 25 minutes ago" and "overdue by 10 minutes". */
export function minutesBetween(from: string | Date, to: Date): number {
  return Math.floor((to.getTime() - new Date(from).getTime()) / 60_000);
}
