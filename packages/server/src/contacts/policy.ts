import { CONTACT_QUARANTINE_POLICIES, SECONDARY_CONTACT_POLICIES } from '@tuyendau/domain';

const SOURCES: Record<string, string> = Object.fromEntries(
  [...CONTACT_QUARANTINE_POLICIES, ...SECONDARY_CONTACT_POLICIES].map((p) => [p.code, p.source]),
);

/** The source document of each quarantine policy version, by code (stored with each order). */
export function quarantineSources(): Record<string, string> {
  return SOURCES;
}
