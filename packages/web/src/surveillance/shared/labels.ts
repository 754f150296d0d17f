export {
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  type CarePlace,
  type CaseStatus,
  CONTACT_SETTING_LABELS,
  CONTACT_SETTINGS,
  type ContactSetting,
  FIXED_CARE_PLACES,
  type FixedCarePlace,
  FOUND_BY,
  FOUND_BY_LABELS,
  type FoundBy,
  isFixedCarePlace,
  MAX_DOSES,
  OUTCOME_LABELS,
  OUTCOMES,
  type Outcome,
  QUARANTINE_PLACE_LABELS,
  type QuarantinePlace,
  SEVERITIES,
  SEVERITY_LABELS,
  type Severity,
  TEST_KIND_LABELS,
  TEST_KINDS,
  TEST_PERFORMER_LABELS,
  TEST_PERFORMERS,
  TEST_RESULT_LABELS,
  TEST_RESULTS,
  type TestKind,
  type TestPerformer,
  type TestResult,
  VACCINATION_STATUS,
  VACCINATION_STATUS_LABELS,
  type VaccinationStatus,
} from '@tuyendau/domain';

/** Select options of a vocabulary, in its own order, labelled in Vietnamese (the source of truth). */
export function optionsOf<K extends string>(
  ids: readonly K[],
  labels: Record<K, string>,
): { value: K; label: string }[] {
  return ids.map((id) => ({ value: id, label: labels[id] }));
}

/** The label of an id read from the API; an id this build does not know shows as itself. */
export function labelOf<K extends string>(labels: Record<K, string>, id: string | null | undefined): string {
  if (!id) return '';
  return (labels as Record<string, string>)[id] ?? id;
}
