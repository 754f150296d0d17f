/**
 * Where every table lives when the schema runs on Citus (distributed PostgreSQL), declared once.
 * One province fits one PostgreSQL; the whole country is Citus, distributed by `province_code`.
 * The same schema runs on both, so every table keeps the Citus rules now:
 *
 * - distributed: its distribution column is NOT NULL, part of the primary key and of every unique
 *   index, never updated (a trigger refuses it here; Citus refuses it there); a foreign key to
 *   another distributed table maps that column to the other table's distribution column.
 * - reference: small, copied to every node; any keys; no foreign key to a distributed table.
 * - local: coordinator-only bookkeeping; foreign keys only to reference or local tables.
 *
 * `distribution.int.test.ts` reads the PostgreSQL catalog and fails when a table breaks a rule or
 * is missing here. `docs/scale.md` turns this list into `create_distributed_table` calls.
 */
export type TableClass =
  | {
      kind: 'distributed';
      column: string;
      /** Tables distributed by the same column share shards: joins and foreign keys stay local. */
      colocation: 'province' | 'identity_number';
      /**
       * Columns that point at rows of another distributed table without a foreign key, because the
       * row pointed at may live in another province (so on another shard). The service checks them.
       */
      softReferences?: Record<string, string>;
    }
  | { kind: 'reference' }
  | { kind: 'local' };

const byProvince = (softReferences?: Record<string, string>): TableClass => ({
  kind: 'distributed',
  column: 'province_code',
  colocation: 'province',
  softReferences,
});
const REFERENCE: TableClass = { kind: 'reference' };
const LOCAL: TableClass = { kind: 'local' };

export const TABLES: Record<string, TableClass> = {
  // Reference: small, read everywhere, changed rarely.
  units: REFERENCE,
  settings: REFERENCE,
  agencies: REFERENCE,
  accounts: REFERENCE,
  care_tiers: REFERENCE,
  // Local: sessions and tokens are looked up by their hash on the coordinator only.
  sessions: LOCAL,
  api_tokens: LOCAL,
  // Local too: a request's answer kept per account and key, read and written only by the server
  // that received the request (on the coordinator); short-lived, written on every keyed create, so
  // not a reference table copied to every node; it has no province of its own to be distributed by.
  idempotency_keys: LOCAL,
  // Distributed by province.
  households: byProvince(),
  persons: byProvince(),
  person_moves: byProvince(),
  clusters: byProvince(),
  lockdown_zones: byProvince(),
  lab_tests: byProvince({ pool_id: 'lab_tests (the pool a retest resolved)' }),
  lab_test_pool_members: byProvince({
    person_id: 'persons (the member stays with the pool when the person moves province)',
    retest_id: 'lab_tests',
  }),
  cases: byProvince({
    cluster_id: 'clusters',
    source_case_id: 'cases',
    source_contact_id: 'contacts',
    confirm_test_id: 'lab_tests',
  }),
  case_events: byProvince(),
  contacts: byProvince({
    case_id: 'cases (with case_province_code)',
    via_contact_id: 'contacts',
    resulting_case_id: 'cases',
  }),
  audit_events: byProvince(),
  // Vaccination (issue 9). A dose points at its person without a foreign key (a million-row import
  // would pay a per-row check); both always live in the same province.
  vaccine_doses: byProvince({ superseded_by: 'vaccine_doses (same person)', merged_from: 'persons' }),
  vaccination_status: byProvince({ person_id: 'persons (derived, kept by triggers)' }),
  dose_cells: byProvince(),
  vaccination_targets: byProvince(),
  population_targets: byProvince(),
  door_marks: byProvince({ dose_id: 'vaccine_doses' }),
  dose_match_reviews: byProvince({ person_id: 'persons', dose_id: 'vaccine_doses' }),
  person_reviews: byProvince({ person_id: 'persons', other_person_id: 'persons' }),
  person_merges: byProvince({ survivor_id: 'persons', merged_id: 'persons' }),
  // The coverage cache's counter per province and the provinces queued to move it at commit.
  vaccination_generations: byProvince(),
  vaccination_pending: byProvince(),
  // An imported file and its refused rows (the error report), in the importing account's province.
  import_batches: byProvince(),
  import_rejections: byProvince(),
  // Isolation, home care and treatment capacity (issue 10).
  facilities: byProvince(),
  facility_states: byProvince(),
  facility_days: byProvince(),
  care_episodes: byProvince({
    case_id: 'cases',
    contact_id: 'contacts',
    facility_id: "facilities (a moved person's past episodes name their old province's)",
  }),
  care_stays: byProvince({
    alert_id: 'care_alerts',
    facility_id: "facilities (a moved person's past stays name their old province's)",
  }),
  monitoring_entries: byProvince(),
  care_alerts: byProvince({ person_id: 'persons', entry_id: 'monitoring_entries' }),
  recovery_certificates: byProvince({ person_id: 'persons' }),
  hotline_requests: byProvince({ episode_id: 'care_episodes' }),
  hotline_numbers: byProvince(),
  // Distributed by the number itself: national uniqueness of an identity number.
  identity_numbers: { kind: 'distributed', column: 'id_number', colocation: 'identity_number' },
};

/** Distributed tables of one province, in the order their rows can be inserted (parents first). */
export function distributedTables(): string[] {
  return Object.entries(TABLES)
    .filter(([, c]) => c.kind === 'distributed' && c.colocation === 'province')
    .map(([name]) => name);
}
