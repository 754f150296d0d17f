import {
  CONTACT_QUARANTINE_POLICIES,
  orderPolicyOf,
  type PolicyRef,
  SECONDARY_CONTACT_POLICIES,
} from '@tuyendau/domain';

const POLICIES: Record<string, PolicyRef> = Object.fromEntries(
  [...CONTACT_QUARANTINE_POLICIES, ...SECONDARY_CONTACT_POLICIES].map((p) => [
    p.code,
    orderPolicyOf(p.code)!,
  ]),
);

/**
 * The citation of each quarantine policy version, by code (stored with each order), as
 * quarantineOrder gives it: with its UNCONFIRMED points (the day-0 convention at least).
 */
export function quarantinePolicies(): Record<string, PolicyRef> {
  return POLICIES;
}
