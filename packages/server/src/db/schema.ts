/**
 * The database schema (Drizzle). Migrations in ../../migrations are generated from it with
 * `npm run db:generate` and committed. Queries are plain SQL next to each capability.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Administrative units. A unit is stored under (tree, code): codes were reused by the 2025
 * reorganisation, so the code alone is not a key. `tree` names one published list
 * ('2021': three tiers, GSO list of 01/11/2021; '2025': two tiers from 01/07/2025).
 */
export const units = pgTable(
  'units',
  {
    tree: text('tree').notNull(),
    code: text('code').notNull(),
    level: text('level').notNull(), // province | district | commune
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    type: text('type').notNull(),
    parentCode: text('parent_code'),
    provinceCode: text('province_code').notNull(),
    districtCode: text('district_code'),
    population: integer('population'),
    nameFolded: text('name_folded').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
  },
  (t) => [
    primaryKey({ columns: [t.tree, t.code] }),
    index('units_parent_idx').on(t.tree, t.parentCode),
    index('units_district_idx').on(t.tree, t.districtCode),
    index('units_name_trgm_idx').using('gin', t.nameFolded.op('gin_trgm_ops')),
  ],
);

/** Which tree is in force for new records, and other one-row settings. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Bodies that are given tasks and report on them (Sở Y tế, Công an tỉnh, UBND huyện ...). */
export const agencies = pgTable('agencies', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  unitCode: text('unit_code').notNull(),
  provinceCode: text('province_code').notNull(),
});

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    /** Jurisdiction: the account sees the subtree of this unit. Without a unit that resolves, nothing. */
    unitCode: text('unit_code'),
    /** Whole-country scope, an explicit property (the system admin), never the absence of a unit. */
    national: boolean('national').notNull().default(false),
    /**
     * Bumped by every change that alters what the account may do or see (password, role, unit,
     * disabling): cached principals of an older generation are not served.
     */
    generation: integer('generation').notNull().default(0),
    agencyCode: text('agency_code').references(() => agencies.code),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('accounts_username_idx').on(t.username)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value; the value itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** Personal API tokens (Authorization: Bearer) for scripts and integrations. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_idx').on(t.tokenHash),
    index('api_tokens_account_idx').on(t.accountId),
  ],
);

/**
 * The answer to a create sent with an `Idempotency-Key` header, kept per account for 24 hours
 * (http/idempotency.ts): a retry with the same key gets this answer instead of a second record.
 * `status` is null while the first request is still being served.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    method: text('method').notNull(),
    url: text('url').notNull(),
    /** SHA-256 of the request body: the same key with another body is refused. */
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    /** The response body exactly as it was sent. */
    body: text('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

export const households = pgTable(
  'households',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    address: text('address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.id, t.provinceCode] }), index('households_unit_idx').on(t.unitCode)],
);

/** The registry of people every module uses (F0, F1, vaccinated, arrivals, callers). */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    /** Residence: the smallest unit (commune; district for island districts without communes). */
    unitCode: text('unit_code').notNull(),
    fullName: text('full_name').notNull(),
    /** lower(unaccent(full_name)): what name search matches. */
    nameFolded: text('name_folded').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex').notNull(),
    idType: text('id_type'),
    idNumber: text('id_number'),
    phone: text('phone'),
    address: text('address'),
    householdId: uuid('household_id'),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    /** Died on (a door-to-door mark or a correction): no longer a resident from that day. */
    deceasedOn: date('deceased_on'),
    /** Left the area for an unknown place (a door-to-door mark): no longer a resident from that day. */
    leftOn: date('left_on'),
    /**
     * A duplicate merged into another person (data cleaning): kept, so the merge can be undone,
     * but no longer counted anywhere; its doses moved to the person it was merged into.
     */
    mergedInto: uuid('merged_into'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({
      columns: [t.householdId, t.provinceCode],
      foreignColumns: [households.id, households.provinceCode],
    }),
    // National uniqueness lives in identity_numbers; this index serves look-ups by number.
    index('persons_id_number_idx').on(t.idNumber),
    index('persons_name_trgm_idx').using('gin', t.nameFolded.op('gin_trgm_ops')),
    index('persons_unit_name_idx').on(t.unitCode, t.nameFolded, t.id),
    index('persons_province_name_idx').on(t.provinceCode, t.nameFolded, t.id),
    index('persons_phone_idx').on(t.phone),
    index('persons_household_idx').on(t.householdId),
  ],
);

/**
 * One row per identity number in the country (CCCD, CMND, passport), keyed by the number, written in
 * the same transaction as the person: on Citus it is distributed by the number itself, so the
 * uniqueness of a CCCD holds across provinces without a unique index on persons.
 */
export const identityNumbers = pgTable('identity_numbers', {
  idNumber: text('id_number').primaryKey(),
  personId: uuid('person_id').notNull(),
  /** Where the person lives now (not the distribution column: it follows a move). */
  provinceCode: text('province_code').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A person who moved to another province: their row (and the records that are theirs) was deleted
 * in the old province and inserted with the same id in the new one; this row keeps the history.
 */
export const personMoves = pgTable(
  'person_moves',
  {
    id: uuid('id').notNull().defaultRandom(),
    /** The province moved to. */
    provinceCode: text('province_code').notNull(),
    personId: uuid('person_id').notNull(),
    unitCode: text('unit_code').notNull(),
    fromProvinceCode: text('from_province_code').notNull(),
    fromUnitCode: text('from_unit_code').notNull(),
    movedOn: date('moved_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    index('person_moves_person_idx').on(t.personId),
    index('person_moves_from_idx').on(t.fromProvinceCode, t.fromUnitCode),
  ],
);

/** Who did or saw what. Append-only: a trigger refuses UPDATE and DELETE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    /**
     * The province of the record's place, else of the actor's unit; '00' for events of no
     * province (a national account acting on nothing place-bound).
     */
    provinceCode: text('province_code').notNull(),
    /** The record's place (its smallest unit), when the record belongs to one. */
    unitCode: text('unit_code'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    /** The actor's jurisdiction when it acted (null: national). */
    actorUnitCode: text('actor_unit_code'),
    actorProvinceCode: text('actor_province_code'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    ip: text('ip'),
    detail: jsonb('detail'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    index('audit_entity_idx').on(t.entity, t.entityId, t.id),
    index('audit_place_idx').on(t.provinceCode, t.unitCode, t.id),
    index('audit_actor_place_idx').on(t.actorProvinceCode, t.actorUnitCode, t.id),
    index('audit_actor_idx').on(t.actorUsername, t.id),
    index('audit_action_idx').on(t.action, t.id),
  ],
);

/* ---------------------------------------------------------------- case surveillance */

/**
 * Outbreaks (ổ dịch). A cluster belongs to the unit it was opened in; it may reach over
 * several units and villages (cluster_places) and have lockdown zones.
 */
export const clusters = pgTable(
  'clusters',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    name: text('name').notNull(),
    openedOn: date('opened_on').notNull(),
    closedOn: date('closed_on'),
    villages: text('villages').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    index('clusters_unit_idx').on(t.provinceCode, t.unitCode, t.openedOn),
  ],
);

/** Phong tỏa: units and villages locked down from a date to a date. */
export const lockdownZones = pgTable(
  'lockdown_zones',
  {
    id: uuid('id').notNull().defaultRandom(),
    clusterId: uuid('cluster_id').notNull(),
    provinceCode: text('province_code').notNull(),
    unitCodes: text('unit_codes').array().notNull(),
    villages: text('villages').array().notNull().default(sql`'{}'::text[]`),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({
      columns: [t.clusterId, t.provinceCode],
      foreignColumns: [clusters.id, clusters.provinceCode],
    }),
    index('lockdown_cluster_idx').on(t.clusterId),
  ],
);

/**
 * A sample and its result. A pooled sample (gộp mẫu) is one row of kind rt_pcr_pool without a
 * person; its members are lab_test_pool_members. The row belongs to the residence of its person
 * (for a pool: the unit where it was sampled).
 */
export const labTests = pgTable(
  'lab_tests',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    personId: uuid('person_id'),
    kind: text('kind').notNull(),
    performer: text('performer').notNull(),
    site: text('site'),
    sampledAt: timestamp('sampled_at', { withTimezone: true }).notNull(),
    resultedAt: timestamp('resulted_at', { withTimezone: true }),
    result: text('result').notNull(),
    /** The individual retest that resolves a pool member. */
    poolId: uuid('pool_id'),
    /** Idempotency key of imported rows (source system's id, or a hash of the row). */
    externalRef: text('external_ref'),
    /**
     * Whose numbering `external_ref` belongs to: the unit that recorded or imported it ('00' for a
     * national account). Refs are unique per source and province, never across the country.
     */
    refSource: text('ref_source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({ columns: [t.personId, t.provinceCode], foreignColumns: [persons.id, persons.provinceCode] }),
    index('lab_tests_person_idx').on(t.personId, t.sampledAt),
    index('lab_tests_unit_idx').on(t.provinceCode, t.unitCode, t.sampledAt),
    index('lab_tests_province_idx').on(t.provinceCode, t.sampledAt, t.id),
    uniqueIndex('lab_tests_external_ref_idx').on(t.refSource, t.externalRef, t.provinceCode),
  ],
);

export const labTestPoolMembers = pgTable(
  'lab_test_pool_members',
  {
    poolId: uuid('pool_id').notNull(),
    /** A reference without a foreign key: the member stays with the pool if the person moves province. */
    personId: uuid('person_id').notNull(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    /** pending until the pool resolves; after a positive pool, pending until the member's retest. */
    status: text('status').notNull(),
    retestId: uuid('retest_id'),
  },
  (t) => [
    primaryKey({ columns: [t.poolId, t.personId, t.provinceCode] }),
    foreignKey({ columns: [t.poolId, t.provinceCode], foreignColumns: [labTests.id, labTests.provinceCode] }),
    index('pool_members_person_idx').on(t.personId),
    index('pool_members_worklist_idx').on(t.provinceCode, t.unitCode, t.status),
  ],
);

/** An F0 episode of a person. At most one active case per person (partial unique index). */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    /** The residence commune of the person when the case was detected. */
    unitCode: text('unit_code').notNull(),
    personId: uuid('person_id').notNull(),
    detectedOn: date('detected_on').notNull(),
    foundBy: text('found_by').notNull(),
    /** References without foreign keys (cluster, source case and contact, test) may cross provinces. */
    clusterId: uuid('cluster_id'),
    /** The contact record this case grew out of (F1 who tested positive), and its source case. */
    sourceContactId: uuid('source_contact_id'),
    sourceCaseId: uuid('source_case_id'),
    confirmTestId: uuid('confirm_test_id'),
    status: text('status').notNull().default('active'),
    severity: text('severity').notNull().default('asymptomatic'),
    carePlace: text('care_place').notNull().default('home'),
    outcomeOn: date('outcome_on'),
    outcomeCriterion: text('outcome_criterion'),
    reinfection: boolean('reinfection').notNull().default(false),
    externalRef: text('external_ref'),
    /** Whose numbering `external_ref` belongs to (see lab_tests.ref_source). */
    refSource: text('ref_source'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({ columns: [t.personId, t.provinceCode], foreignColumns: [persons.id, persons.provinceCode] }),
    uniqueIndex('cases_one_active_idx').on(t.personId, t.provinceCode).where(sql`status = 'active'`),
    uniqueIndex('cases_external_ref_idx').on(t.refSource, t.externalRef, t.provinceCode),
    index('cases_unit_detected_idx').on(t.provinceCode, t.unitCode, t.detectedOn, t.id),
    index('cases_province_detected_idx').on(t.provinceCode, t.detectedOn, t.id),
    index('cases_cluster_idx').on(t.clusterId, t.detectedOn),
    index('cases_source_case_idx').on(t.sourceCaseId),
    index('cases_person_idx').on(t.personId),
  ],
);

/** Severity and place of care over time: one row per change. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    provinceCode: text('province_code').notNull(),
    caseId: uuid('case_id').notNull(),
    occurredOn: date('occurred_on').notNull(),
    kind: text('kind').notNull(), // severity | care | outcome
    value: text('value').notNull(),
    detail: text('detail'),
    /** Why a clinician set a date the policy in force would not allow yet (e.g. an early recovery). */
    overrideReason: text('override_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({ columns: [t.caseId, t.provinceCode], foreignColumns: [cases.id, cases.provinceCode] }),
    index('case_events_case_idx').on(t.caseId, t.occurredOn),
  ],
);

/**
 * An exposure of a person to a case (F1; F2 when exposed to an F1). Visible to the contact's
 * own commune (unit_code) and to the case's commune (case_unit_code).
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    caseProvinceCode: text('case_province_code').notNull(),
    caseUnitCode: text('case_unit_code').notNull(),
    /** The case may live in another province: a reference without a foreign key. */
    caseId: uuid('case_id').notNull(),
    /** For an F2: the F1 contact through whom the exposure happened. */
    viaContactId: uuid('via_contact_id'),
    personId: uuid('person_id').notNull(),
    degree: integer('degree').notNull().default(1),
    exposureDate: date('exposure_date').notNull(),
    setting: text('setting').notNull(),
    vaccination: text('vaccination').notNull().default('unknown'),
    /** Doses received before the exposure and the date of the last one (CV 10696, CV 762 depend on them). */
    doses: integer('doses'),
    lastDoseOn: date('last_dose_on'),
    quarantinePlace: text('quarantine_place'),
    quarantineStart: date('quarantine_start'),
    quarantineEnd: date('quarantine_end'),
    policyCode: text('policy_code'),
    /** The case this contact became when they tested positive. */
    resultingCaseId: uuid('resulting_case_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({ columns: [t.personId, t.provinceCode], foreignColumns: [persons.id, persons.provinceCode] }),
    uniqueIndex('contacts_case_person_idx').on(t.caseId, t.personId, t.provinceCode),
    index('contacts_via_idx').on(t.viaContactId),
    // Contact lists read these in order (keyset on exposure_date, id) for each scope level: the
    // contact's own place, and (partial, small) the contacts living elsewhere than their case.
    index('contacts_unit_idx').on(t.provinceCode, t.unitCode, t.exposureDate, t.id),
    index('contacts_province_idx').on(t.provinceCode, t.exposureDate, t.id),
    index('contacts_cross_case_idx')
      .on(t.caseProvinceCode, t.exposureDate, t.id)
      .where(sql`case_unit_code <> unit_code OR case_province_code <> province_code`),
    index('contacts_cross_case_unit_idx')
      .on(t.caseProvinceCode, t.caseUnitCode, t.exposureDate, t.id)
      .where(sql`case_unit_code <> unit_code OR case_province_code <> province_code`),
    // Contacts who became cases: a few per hundred, listed by themselves.
    index('contacts_positive_idx')
      .on(t.provinceCode, t.exposureDate, t.id)
      .where(sql`resulting_case_id IS NOT NULL`),
    index('contacts_person_idx').on(t.personId),
    index('contacts_resulting_case_idx').on(t.resultingCaseId),
  ],
);

/**
 * Treatment tiers (tầng điều trị) a case can be cared in, besides home and facility isolation.
 * Data, not code: '00' rows are the national default (QĐ 4111/QĐ-BYT three tiers); a province adds
 * its own rows (its code) to rename, add or retire tiers.
 */
export const careTiers = pgTable(
  'care_tiers',
  {
    provinceCode: text('province_code').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** 1, 2, 3 … : higher is more intensive care. */
    tier: integer('tier').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.code] })],
);

/**
 * One vaccine dose given to a person (issue 9). Soft reference to the person (same province, no
 * foreign key: a million-row import would pay a per-row check; the import and the person move keep
 * the pair whole). A correction never edits a dose: it records the right one and points the wrong
 * one at it (`superseded_by`). A dose that breaks the rules is recorded with `flags` and
 * `review_status = 'pending'`; it counts until a reviewer rejects it.
 * Unique (person_id, dose_number, superseded_by) NULLS NOT DISTINCT and the national id's partial
 * unique index are written in the migration (Drizzle cannot declare them).
 */
export const vaccineDoses = pgTable(
  'vaccine_doses',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    personId: uuid('person_id').notNull(),
    /** The residence unit of the person when the dose was recorded (backlog counts per unit). */
    unitCode: text('unit_code').notNull(),
    /** Mũi 1, 2, 3 (first booster), 4 …: the number of doses the person has had counting this one. */
    doseNumber: integer('dose_number').notNull(),
    /** primary | additional | booster */
    kind: text('kind').notNull(),
    /** Product code (packages/domain vaccination/products.ts). */
    product: text('product').notNull(),
    lot: text('lot'),
    givenOn: date('given_on').notNull(),
    /** Cơ sở tiêm: the site as written by its records. */
    site: text('site'),
    /** Mã mũi tiêm of the national platform; null until the dose is synced. */
    nationalId: text('national_id'),
    /** Rule checks that failed (codes of DoseFlag). */
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    /** none | pending | accepted | rejected */
    reviewStatus: text('review_status').notNull().default('none'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    /** The dose that corrects this one. */
    supersededBy: uuid('superseded_by'),
    /** entry | import | door | elsewhere | platform */
    source: text('source').notNull(),
    /** The person the dose was recorded for before a merge moved it (null: never moved). */
    mergedFrom: uuid('merged_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    index('vaccine_doses_backlog_idx')
      .on(t.provinceCode, t.unitCode, t.givenOn)
      .where(sql`national_id IS NULL AND superseded_by IS NULL AND review_status <> 'rejected'`),
    index('vaccine_doses_review_idx')
      .on(t.provinceCode, t.unitCode, t.createdAt)
      .where(sql`review_status = 'pending' AND superseded_by IS NULL`),
  ],
);

/**
 * Derived, one row per person, kept by triggers on persons and vaccine_doses: where the person
 * counts (residence, district), the birth month, whether they count at all (not merged), the day
 * they stopped being a resident, and the day they reached dose 1..4 (the earliest dose numbered N
 * or more that is not superseded or rejected). Coverage reads it through dose_cells.
 */
export const vaccinationStatus = pgTable(
  'vaccination_status',
  {
    personId: uuid('person_id').notNull(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    districtCode: text('district_code'),
    birthDate: date('birth_date').notNull(),
    birthMonth: date('birth_month').notNull(),
    counted: boolean('counted').notNull(),
    goneOn: date('gone_on'),
    d1: date('d1'),
    d2: date('d2'),
    d3: date('d3'),
    d4: date('d4'),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.provinceCode] }),
    index('vaccination_status_month_idx').on(t.provinceCode, t.birthMonth, t.unitCode),
    index('vaccination_status_gone_idx').on(t.provinceCode, t.goneOn).where(sql`gone_on IS NOT NULL`),
  ],
);

/**
 * Derived rollup of vaccination_status for coverage: per unit (commune, and district for the
 * 2021 tree) and birth month, the living residents (n) and the sorted days each reached dose 1..4.
 * `width_bucket(asOf, r3)` is then the number who had dose 3 by asOf: exact for any day, read in
 * about a millisecond per unit. Persons no longer resident and the birth months an age limit cuts
 * through are read from vaccination_status (see vaccination/coverage.ts).
 */
export const doseCells = pgTable(
  'dose_cells',
  {
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    birthMonth: date('birth_month').notNull(),
    n: integer('n').notNull(),
    r1: date('r1').array().notNull(),
    r2: date('r2').array().notNull(),
    r3: date('r3').array().notNull(),
    r4: date('r4').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.birthMonth, t.provinceCode] })],
);

/**
 * Counters that move, in the same commit, with every change of what coverage reads (status rows
 * and cells, targets, official populations). Per province: scope '' moves with every change in
 * the province, scope '<district code>' with a change of a person or dose of that district, scope
 * 'targets' with a target or official population anywhere in it. A coverage result computed after
 * reading its counters is valid while they stand still (vaccination/coverage-cache.ts).
 */
export const vaccinationGenerations = pgTable(
  'vaccination_generations',
  {
    provinceCode: text('province_code').notNull(),
    scope: text('scope').notNull(),
    generation: bigint('generation', { mode: 'number' }).notNull().default(0),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.scope] })],
);

/**
 * Counters to move at commit: a deferred trigger moves each (so the counter's row is locked for an
 * instant, never across the statements of a long import) and deletes the row.
 */
export const vaccinationPending = pgTable(
  'vaccination_pending',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    provinceCode: text('province_code').notNull(),
    scope: text('scope').notNull(),
  },
  (t) => [primaryKey({ columns: [t.id, t.provinceCode] })],
);

/** Coverage targets given to a unit: age group, dose, rate and deadline (dose 3 for 18+ at 90% by 30/09/2022). */
export const vaccinationTargets = pgTable(
  'vaccination_targets',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    ageGroup: text('age_group').notNull(),
    dose: integer('dose').notNull(),
    /** The rate to reach, in tenths of a percent: 900 is 90%. */
    targetPermille: integer('target_permille').notNull(),
    deadline: date('deadline').notNull(),
    note: text('note'),
    setBy: uuid('set_by'),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    uniqueIndex('vaccination_targets_key_idx').on(t.unitCode, t.ageGroup, t.dose, t.deadline, t.provinceCode),
  ],
);

/** The official target population of a unit and age group; when set, coverage divides by it. */
export const populationTargets = pgTable(
  'population_targets',
  {
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    ageGroup: text('age_group').notNull(),
    population: integer('population').notNull(),
    /** The document or list the figure comes from. */
    source: text('source'),
    setBy: uuid('set_by'),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.ageGroup, t.provinceCode] })],
);

/**
 * A mark by a door-to-door team on a person of its list: vaccinated here (the dose recorded),
 * vaccinated elsewhere (date, dose), refused, deferred (reason, until), moved away, deceased.
 */
export const doorMarks = pgTable(
  'door_marks',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    personId: uuid('person_id').notNull(),
    /** vaccinated_here | vaccinated_elsewhere | refused | deferred | moved_away | deceased */
    mark: text('mark').notNull(),
    /** The dose recorded by the mark (vaccinated here or elsewhere). */
    doseId: uuid('dose_id'),
    reason: text('reason'),
    until: date('until'),
    /** The day the mark is about (vaccinated on, died on, left on); the mark's own time is marked_at. */
    onDate: date('on_date'),
    markedBy: uuid('marked_by'),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({ columns: [t.personId, t.provinceCode], foreignColumns: [persons.id, persons.provinceCode] }),
    index('door_marks_person_idx').on(t.personId, t.markedAt),
    index('door_marks_unit_idx').on(t.provinceCode, t.unitCode, t.markedAt),
  ],
);

/**
 * An import row whose person could not be told for sure (a close name, the same name and birth
 * date with another phone …): held here, never merged automatically, until a person decides.
 */
export const doseMatchReviews = pgTable(
  'dose_match_reviews',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    /** The file row, as read (column name to text). */
    row: jsonb('row').notNull(),
    /** Key of the row's content: importing the same file again adds nothing. */
    rowHash: text('row_hash').notNull(),
    candidateIds: uuid('candidate_ids').array().notNull(),
    reason: text('reason').notNull(),
    /** pending | matched | created | dismissed */
    status: text('status').notNull().default('pending'),
    personId: uuid('person_id'),
    doseId: uuid('dose_id'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    uniqueIndex('dose_match_reviews_row_idx').on(t.rowHash, t.provinceCode),
    index('dose_match_reviews_pending_idx')
      .on(t.provinceCode, t.unitCode, t.createdAt)
      .where(sql`status = 'pending'`),
  ],
);

/**
 * Something to verify about a person (data cleaning): invalid or missing CCCD, an impossible date,
 * a dose sequence error, a likely duplicate (folded name + birth date + commune, or phone).
 * Found by SQL after every import and on demand; closed by a correction, a merge or a confirmation.
 */
export const personReviews = pgTable(
  'person_reviews',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    personId: uuid('person_id').notNull(),
    /** invalid_id | missing_id | impossible_date | dose_sequence | duplicate_name | duplicate_phone */
    kind: text('kind').notNull(),
    /** The other person of a likely duplicate (the lower id of the pair is person_id). */
    otherPersonId: uuid('other_person_id'),
    detail: text('detail'),
    /** open | corrected | merged | confirmed */
    status: text('status').notNull().default('open'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    index('person_reviews_open_idx').on(t.provinceCode, t.unitCode, t.kind).where(sql`status = 'open'`),
    index('person_reviews_person_idx').on(t.personId),
  ],
);

/** A merge of a duplicate into a person: which doses moved, so it can be undone. */
export const personMerges = pgTable(
  'person_merges',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    survivorId: uuid('survivor_id').notNull(),
    mergedId: uuid('merged_id').notNull(),
    doseIds: uuid('dose_ids').array().notNull(),
    reason: text('reason'),
    mergedBy: uuid('merged_by'),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
    undoneBy: uuid('undone_by'),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    index('person_merges_survivor_idx').on(t.survivorId),
    index('person_merges_merged_idx').on(t.mergedId),
  ],
);

/**
 * One file imported (vaccination doses so far): who, what file, and what became of its rows. The
 * rows refused are kept in import_rejections, so the error report can be downloaded afterwards.
 * Its place is the importing account's unit (the province '00' for a national account).
 */
export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code'),
    /** What was imported: 'vaccine_dose'. */
    entity: text('entity').notNull(),
    accountId: uuid('account_id').notNull(),
    fileName: text('file_name').notNull(),
    rowsRead: integer('rows_read').notNull(),
    imported: integer('imported').notNull(),
    unchanged: integer('unchanged').notNull(),
    /** Rows held for a person to decide which person they are about (dose_match_reviews). */
    review: integer('review').notNull(),
    rejected: integer('rejected').notNull(),
    personsCreated: integer('persons_created').notNull(),
    ms: integer('ms').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    index('import_batches_account_idx').on(t.accountId, t.createdAt),
  ],
);

/** A row of an imported file that was refused: its row number, the column at fault, the value and why. */
export const importRejections = pgTable(
  'import_rejections',
  {
    batchId: uuid('batch_id').notNull(),
    provinceCode: text('province_code').notNull(),
    rowNo: integer('row_no').notNull(),
    /** The canonical column at fault (ma_xa, ngay_tiem …). */
    field: text('field').notNull(),
    value: text('value'),
    message: text('message').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.rowNo, t.provinceCode] }),
    foreignKey({
      columns: [t.batchId, t.provinceCode],
      foreignColumns: [importBatches.id, importBatches.provinceCode],
    }).onDelete('cascade'),
  ],
);

// ---------------------------------------------------------------------------------------------
// Isolation, home care and treatment capacity (issue 10)
// ---------------------------------------------------------------------------------------------

/**
 * A centralized isolation site (hotel, guesthouse, dormitory, old office, military site …) or a
 * treatment facility of a care tier, with its current capacity. `occupied` is the number of open
 * stays in it (care_stays with to_at null), kept in the transaction that opens or closes a stay,
 * under the facility row's lock: two admissions to the last bed cannot both win.
 */
export const facilities = pgTable(
  'facilities',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    /** Where it is: its commune (or district). */
    unitCode: text('unit_code').notNull(),
    name: text('name').notNull(),
    /** isolation | treatment */
    kind: text('kind').notNull(),
    /** hotel, guesthouse, dormitory, office, military, school, field_hospital, district_hospital … */
    type: text('type').notNull(),
    /** The province's care tier (care_tiers.code) of a treatment facility. */
    tierCode: text('tier_code'),
    owner: text('owner'),
    address: text('address'),
    phone: text('phone'),
    /** planned → ready → active → closed (facility_states keeps each change, its day and who decided). */
    state: text('state').notNull().default('planned'),
    stateOn: date('state_on'),
    beds: integer('beds').notNull().default(0),
    icuBeds: integer('icu_beds').notNull().default(0),
    ventilators: integer('ventilators').notNull().default(0),
    highFlowOxygen: integer('high_flow_oxygen').notNull().default(0),
    ecmo: integer('ecmo').notNull().default(0),
    dialysis: integer('dialysis').notNull().default(0),
    oxygenConcentrators: integer('oxygen_concentrators').notNull().default(0),
    /** Free text: liquid oxygen tank, cylinders, piped oxygen. */
    oxygenSupply: text('oxygen_supply'),
    occupied: integer('occupied').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    index('facilities_unit_idx').on(t.provinceCode, t.unitCode, t.name, t.id),
    index('facilities_kind_idx').on(t.provinceCode, t.kind, t.state),
  ],
);

/** Each state change of a facility: the day it takes effect, who decided (decision number, body). */
export const facilityStates = pgTable(
  'facility_states',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    facilityId: uuid('facility_id').notNull(),
    state: text('state').notNull(),
    effectiveOn: date('effective_on').notNull(),
    /** Who decided: the decision's number and body ("QĐ 123/QĐ-UBND của UBND huyện"). */
    decidedBy: text('decided_by'),
    note: text('note'),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({
      columns: [t.facilityId, t.provinceCode],
      foreignColumns: [facilities.id, facilities.provinceCode],
    }),
    index('facility_states_facility_idx').on(t.facilityId, t.recordedAt),
  ],
);

/**
 * A facility's capacity and occupancy on a day, as reported (the daily update) or as the system
 * counted it (occupied: its open stays that day). One row per facility and day; history is kept.
 */
export const facilityDays = pgTable(
  'facility_days',
  {
    provinceCode: text('province_code').notNull(),
    facilityId: uuid('facility_id').notNull(),
    day: date('day').notNull(),
    beds: integer('beds').notNull(),
    icuBeds: integer('icu_beds').notNull().default(0),
    ventilators: integer('ventilators').notNull().default(0),
    highFlowOxygen: integer('high_flow_oxygen').notNull().default(0),
    ecmo: integer('ecmo').notNull().default(0),
    dialysis: integer('dialysis').notNull().default(0),
    oxygenConcentrators: integer('oxygen_concentrators').notNull().default(0),
    occupied: integer('occupied').notNull().default(0),
    icuOccupied: integer('icu_occupied'),
    reportedBy: uuid('reported_by'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.facilityId, t.day, t.provinceCode] }),
    foreignKey({
      columns: [t.facilityId, t.provinceCode],
      foreignColumns: [facilities.id, facilities.provinceCode],
    }),
    index('facility_days_day_idx').on(t.provinceCode, t.day),
  ],
);

/**
 * An isolation or quarantine episode of a person: F0 isolation (reason case), F1 quarantine
 * (contact), arrival quarantine (arrival) or other. One active episode per person. Where the
 * person is now is `place` (+ `facility_id`); care_stays keeps every place with its times.
 */
export const careEpisodes = pgTable(
  'care_episodes',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    personId: uuid('person_id').notNull(),
    /** The person's residence when the episode began: the health station and team in charge. */
    unitCode: text('unit_code').notNull(),
    /** case | contact | arrival | other */
    reason: text('reason').notNull(),
    caseId: uuid('case_id'),
    contactId: uuid('contact_id'),
    /** active | ended */
    status: text('status').notNull().default('active'),
    /** home | facility */
    place: text('place').notNull(),
    facilityId: uuid('facility_id'),
    /** Home care: the household's commitment (who signed, when) and the supervising team. */
    commitmentSigner: text('commitment_signer'),
    commitmentOn: date('commitment_on'),
    supervisingTeam: text('supervising_team'),
    /** Day 1 of isolation (not the day of enrolment). */
    startOn: date('start_on').notNull(),
    plannedEndOn: date('planned_end_on'),
    /** The isolation or quarantine policy the planned end follows. */
    policyCode: text('policy_code'),
    endedOn: date('ended_on'),
    /** completed | became_case | transferred | died | absconded | other */
    endReason: text('end_reason'),
    releaseCriterion: text('release_criterion'),
    /** Home care eligibility as checked at enrolment (the policy, the answers, the outcome). */
    eligibility: jsonb('eligibility'),
    /** sha256 of the secret of the phone monitoring link; null: no link (or revoked). */
    linkHash: text('link_hash'),
    lastEntryAt: timestamp('last_entry_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    // facility_id: no foreign key — a person who moves province takes their past episodes along,
    // still naming the facilities of the province they were in (the service checks a new one).
    foreignKey({ columns: [t.personId, t.provinceCode], foreignColumns: [persons.id, persons.provinceCode] }),
    uniqueIndex('care_episodes_one_active_idx').on(t.personId, t.provinceCode).where(sql`status = 'active'`),
    uniqueIndex('care_episodes_link_idx').on(t.linkHash, t.provinceCode),
    index('care_episodes_unit_idx').on(t.provinceCode, t.unitCode, t.status, t.startOn, t.id),
    index('care_episodes_person_idx').on(t.personId),
    // The episode list by facility (and who a facility's staff may see), and by place and reason.
    index('care_episodes_facility_idx').on(t.facilityId, t.startOn, t.id).where(sql`facility_id IS NOT NULL`),
    index('care_episodes_unit_place_idx').on(t.provinceCode, t.unitCode, t.status, t.place, t.startOn, t.id),
    index('care_episodes_case_idx').on(t.caseId),
    index('care_episodes_contact_idx').on(t.contactId),
    // The unreachable list: active home episodes by their last monitoring entry.
    index('care_episodes_silent_idx')
      .on(t.provinceCode, t.unitCode, t.lastEntryAt)
      .where(sql`status = 'active' AND place = 'home'`),
  ],
);

/**
 * Each place an episode was in, with its times: home, or a facility bed. An admission, a transfer
 * after an alert, a return home and a discharge each close one stay and (but a discharge) open the
 * next. A stay above the facility's capacity names who overrode and why.
 */
export const careStays = pgTable(
  'care_stays',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    episodeId: uuid('episode_id').notNull(),
    place: text('place').notNull(),
    facilityId: uuid('facility_id'),
    /** The care tier of the facility when the stay began. */
    tierCode: text('tier_code'),
    fromAt: timestamp('from_at', { withTimezone: true }).notNull(),
    toAt: timestamp('to_at', { withTimezone: true }),
    /** enrolment | admission | transfer | return_home */
    reason: text('reason').notNull(),
    /** The alert the transfer answered. */
    alertId: uuid('alert_id'),
    decidedBy: uuid('decided_by'),
    overrideBy: uuid('override_by'),
    overrideReason: text('override_reason'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    // facility_id: no foreign key, as for care_episodes (a moved person's past stays).
    foreignKey({
      columns: [t.episodeId, t.provinceCode],
      foreignColumns: [careEpisodes.id, careEpisodes.provinceCode],
    }),
    index('care_stays_episode_idx').on(t.episodeId, t.fromAt),
    index('care_stays_open_idx').on(t.provinceCode, t.facilityId).where(sql`to_at IS NULL`),
    index('care_stays_facility_idx').on(t.provinceCode, t.facilityId, t.fromAt),
  ],
);

/**
 * A monitoring entry (phiếu theo dõi sức khỏe): measurements and symptoms, by the health station,
 * the community team, or the person or a caregiver through the episode's link. `signs` are the
 * warning signs the policy in force found in it.
 */
export const monitoringEntries = pgTable(
  'monitoring_entries',
  {
    id: bigint('id', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    provinceCode: text('province_code').notNull(),
    episodeId: uuid('episode_id').notNull(),
    unitCode: text('unit_code').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** station | team | self | caregiver */
    recordedByKind: text('recorded_by_kind').notNull(),
    recordedBy: uuid('recorded_by'),
    spo2: integer('spo2'),
    /** SpO2 measured again after a low reading (the rule asks for a re-measurement). */
    spo2Recheck: integer('spo2_recheck'),
    respiratoryRate: integer('respiratory_rate'),
    pulse: integer('pulse'),
    /** Tenths of a degree Celsius: 375 is 37.5 °C. */
    temperatureTenths: integer('temperature_tenths'),
    systolic: integer('systolic'),
    diastolic: integer('diastolic'),
    symptoms: text('symptoms').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    signs: text('signs').array().notNull().default(sql`'{}'::text[]`),
    /** 0 none, 1 watch, 2 urgent, 3 emergency. */
    severity: integer('severity').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({
      columns: [t.episodeId, t.provinceCode],
      foreignColumns: [careEpisodes.id, careEpisodes.provinceCode],
    }),
    index('monitoring_entries_episode_idx').on(t.episodeId, t.recordedAt),
  ],
);

/**
 * A warning raised by a monitoring entry, on the health station's board until handled. One open
 * alert per episode: a worse entry raises its severity and adds its signs.
 */
export const careAlerts = pgTable(
  'care_alerts',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    episodeId: uuid('episode_id').notNull(),
    personId: uuid('person_id').notNull(),
    entryId: bigint('entry_id', { mode: 'number' }),
    severity: integer('severity').notNull(),
    signs: text('signs').array().notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    /** open | transferred | dismissed | resolved */
    status: text('status').notNull().default('open'),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    handledBy: uuid('handled_by'),
    handlingNote: text('handling_note'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({
      columns: [t.episodeId, t.provinceCode],
      foreignColumns: [careEpisodes.id, careEpisodes.provinceCode],
    }),
    uniqueIndex('care_alerts_one_open_idx').on(t.episodeId, t.provinceCode).where(sql`status = 'open'`),
    index('care_alerts_board_idx')
      .on(t.provinceCode, t.unitCode, t.severity, t.raisedAt)
      .where(sql`status = 'open'`),
    index('care_alerts_episode_idx').on(t.episodeId, t.raisedAt),
  ],
);

/**
 * A recovery certificate (giấy xác nhận khỏi bệnh) issued by the health station. It shows only
 * what is printed on it; the public verification page finds it by `verify_code` and shows the same.
 */
export const recoveryCertificates = pgTable(
  'recovery_certificates',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    /** The issuing health station's commune. */
    unitCode: text('unit_code').notNull(),
    episodeId: uuid('episode_id').notNull(),
    personId: uuid('person_id').notNull(),
    number: text('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    issuedBy: uuid('issued_by'),
    signerName: text('signer_name'),
    holderName: text('holder_name').notNull(),
    holderBirthYear: integer('holder_birth_year').notNull(),
    isolationFrom: date('isolation_from').notNull(),
    isolationTo: date('isolation_to').notNull(),
    criterion: text('criterion').notNull(),
    /** Random, unguessable: the QR's address. */
    verifyCode: text('verify_code').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({
      columns: [t.episodeId, t.provinceCode],
      foreignColumns: [careEpisodes.id, careEpisodes.provinceCode],
    }),
    uniqueIndex('recovery_certificates_verify_idx').on(t.verifyCode, t.provinceCode),
    // Numbers restart each year: unique per station and year.
    uniqueIndex('recovery_certificates_number_idx').on(
      t.unitCode,
      t.number,
      sql`date_part('year', ${t.issuedOn})`,
      t.provinceCode,
    ),
    uniqueIndex('recovery_certificates_episode_idx')
      .on(t.episodeId, t.provinceCode)
      .where(sql`revoked_at IS NULL`),
  ],
);

/**
 * A request to the hotline: from the public page or recorded by an operator. Routed to the commune
 * of the person's residence; received → assigned → resolved, with a due time from the policy's
 * response target for its kind; raised to the district when overdue.
 */
export const hotlineRequests = pgTable(
  'hotline_requests',
  {
    id: uuid('id').notNull().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    personId: uuid('person_id'),
    episodeId: uuid('episode_id'),
    /** public | hotline */
    channel: text('channel').notNull(),
    /** medical | medicine | food | test_kit | transport | other */
    kind: text('kind').notNull(),
    callerName: text('caller_name').notNull(),
    phone: text('phone').notNull(),
    address: text('address'),
    detail: text('detail'),
    /** 1 (first) … 4: warning signs, then poor households and policy families, then the rest. */
    priority: integer('priority').notNull(),
    priorityReasons: text('priority_reasons').array().notNull().default(sql`'{}'::text[]`),
    /** open | assigned | resolved | cancelled */
    status: text('status').notNull().default('open'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    assignedTo: text('assigned_to'),
    assignedBy: uuid('assigned_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by'),
    resolution: text('resolution'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.provinceCode] }),
    foreignKey({ columns: [t.personId, t.provinceCode], foreignColumns: [persons.id, persons.provinceCode] }),
    // The board filtered by kind, and the resolved and cancelled lists in board order.
    index('hotline_requests_board_kind_idx')
      .on(t.provinceCode, t.unitCode, t.kind, t.priority, t.receivedAt)
      .where(sql`status IN ('open', 'assigned')`),
    index('hotline_requests_closed_idx')
      .on(t.provinceCode, t.unitCode, t.status, t.priority, t.receivedAt, t.id)
      .where(sql`status IN ('resolved', 'cancelled')`),
    index('hotline_requests_board_idx')
      .on(t.provinceCode, t.unitCode, t.priority, t.receivedAt)
      .where(sql`status IN ('open', 'assigned')`),
    index('hotline_requests_due_idx').on(t.provinceCode, t.dueAt).where(sql`status IN ('open', 'assigned')`),
    index('hotline_requests_unit_idx').on(t.provinceCode, t.unitCode, t.receivedAt, t.id),
    index('hotline_requests_person_idx').on(t.personId),
  ],
);

/** The hotline numbers a commune or district publishes on the public page. */
export const hotlineNumbers = pgTable(
  'hotline_numbers',
  {
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    phone: text('phone').notNull(),
    label: text('label').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unitCode, t.phone, t.provinceCode] })],
);
