/**
 * The database schema (Drizzle). Migrations in ../../migrations are generated from it with
 * `npm run db:generate` and committed. Queries are plain SQL next to each capability.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
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
    /** Jurisdiction: the account sees the subtree of this unit; null = the whole country. */
    unitCode: text('unit_code'),
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

export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceCode: text('province_code').notNull(),
    unitCode: text('unit_code').notNull(),
    address: text('address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('households_unit_idx').on(t.unitCode)],
);

/** The registry of people every module uses (F0, F1, vaccinated, arrivals, callers). */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
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
    householdId: uuid('household_id').references(() => households.id),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    // One person per identity number, whatever the card type (a CMND12 keeps its number as CCCD).
    uniqueIndex('persons_id_number_idx').on(t.idNumber),
    index('persons_name_trgm_idx').using('gin', t.nameFolded.op('gin_trgm_ops')),
    index('persons_unit_name_idx').on(t.unitCode, t.nameFolded, t.id),
    index('persons_province_name_idx').on(t.provinceCode, t.nameFolded, t.id),
    index('persons_phone_idx').on(t.phone),
    index('persons_household_idx').on(t.householdId),
  ],
);

/** Who did or saw what. Append-only: a trigger refuses UPDATE and DELETE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    ip: text('ip'),
    detail: jsonb('detail'),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId, t.id),
    index('audit_actor_idx').on(t.actorUsername, t.id),
    index('audit_action_idx').on(t.action, t.id),
  ],
);
