import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { tenantColumn } from './schema-tenancy.js';

export const customerKindEnum = pgEnum('customer_kind', ['person', 'organisation']);
export const lifecycleEnum = pgEnum('lifecycle', ['lead', 'prospect', 'customer', 'churned']);
export const contactKindEnum = pgEnum('contact_kind', ['phone', 'email', 'sms', 'address']);
export const contactPurposeEnum = pgEnum('contact_purpose', ['home', 'work', 'billing', 'shipping']);
export const contactSourceEnum = pgEnum('contact_source', ['agent', 'import', 'api', 'web', 'sms']);
export const phoneTypeEnum = pgEnum('phone_type', ['mobile', 'landline', 'unknown']);
export const orgSizeBandEnum = pgEnum('org_size_band', ['1-9', '10-49', '50-249', '250-999', '1000+']);
export const directionEnum = pgEnum('direction', ['inbound', 'outbound', 'internal']);
export const channelEnum = pgEnum('channel', ['voice', 'email', 'sms', 'chat']);
export const attributeTypeEnum = pgEnum('attribute_type', ['text', 'number', 'date', 'choice']);

/** created_at/updated_at as every table has them (also the other schema files'). */
export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  // The role is per tenant (tenant_memberships); this flag is the platform operator's, above all tenants.
  platformOperator: boolean('platform_operator').notNull().default(false),
  // scrypt$N$r$p$salt$hash: the parameters travel with the hash so they can be raised later.
  passwordHash: text('password_hash').notNull(),
  active: boolean('active').notNull().default(true),
  ...timestamps,
});

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    // The tenant the session works in (switchable among the user's memberships).
    tenantId: uuid('tenant_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const agents = pgTable('agents', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: tenantColumn(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  // The endpoint's name on the switch carries the tenant's prefix, so it is unique across tenants.
  endpoint: text('endpoint').notNull().unique(),
  extension: text('extension').notNull(),
  /** When a console of the agent last connected, and when one last closed after that (away sign-out). */
  consoleOpenedAt: timestamp('console_opened_at', { withTimezone: true }),
  consoleClosedAt: timestamp('console_closed_at', { withTimezone: true }),
  ...timestamps,
}, (t) => [uniqueIndex('agents_tenant_user_unique').on(t.tenantId, t.userId), uniqueIndex('agents_tenant_extension_unique').on(t.tenantId, t.extension)]);

// Search runs prefix LIKE on lower(...); text_pattern_ops lets a btree serve LIKE 'abc%' under any collation.
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn(),
    kind: customerKindEnum('kind').notNull().default('person'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    salutation: text('salutation'),
    birthDate: date('birth_date', { mode: 'string' }),
    language: text('language'),
    timeZone: text('time_zone'),
    // organisation_name is the organisation's legal name (the name the screen pop shows).
    organisationName: text('organisation_name'),
    tradingName: text('trading_name'),
    registrationNumber: text('registration_number'),
    industry: text('industry'),
    sizeBand: orgSizeBandEnum('size_band'),
    company: text('company'),
    email: text('email'),
    lifecycle: lifecycleEnum('lifecycle').notNull().default('lead'),
    valueScore: integer('value_score').notNull().default(0),
    notes: text('notes'),
    // Admin-defined attributes by key; what a write may hold is checked against attribute_definitions.
    attributes: jsonb('attributes').$type<Record<string, string | number>>().notNull().default({}),
    // Set when identity resolution merged this record away: reads resolve it to the survivor, search and pop skip it.
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => customers.id),
    // Raised by every write: a merge compares it with what the reviewer saw (optimistic check).
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    index('customers_merged_into_idx').on(t.mergedIntoId).where(sql`${t.mergedIntoId} IS NOT NULL`),
    check('customers_value_score_range', sql`${t.valueScore} BETWEEN 0 AND 100`),
    // jsonb_path_ops serves `attributes @> '{"key": value}'` (the search filter) and is smaller than the default opclass.
    index('customers_attributes_idx').using('gin', sql`${t.attributes} jsonb_path_ops`),
    // Blocking keys of the duplicate check: family and given name by sound (fuzzystrmatch), both orders for swapped names.
    index('customers_name_sound_idx').using('btree', t.tenantId, sql`dmetaphone(${t.lastName})`, sql`dmetaphone(${t.firstName})`),
    index('customers_name_sound_swapped_idx').using('btree', t.tenantId, sql`dmetaphone(${t.firstName})`, sql`dmetaphone(${t.lastName})`),
    index('customers_first_name_lower_idx').using('btree', t.tenantId, sql`lower(${t.firstName}) text_pattern_ops`),
    index('customers_last_name_lower_idx').using('btree', t.tenantId, sql`lower(${t.lastName}) text_pattern_ops`),
    index('customers_org_name_lower_idx').using('btree', t.tenantId, sql`lower(${t.organisationName}) text_pattern_ops`),
    index('customers_company_lower_idx').using('btree', t.tenantId, sql`lower(${t.company}) text_pattern_ops`),
    index('customers_email_lower_idx').using('btree', t.tenantId, sql`lower(${t.email}) text_pattern_ops`),
    // "james ga" and "garcia ja": the second word is checked inside the index, so no heap row is read for non-matches.
    index('customers_first_last_lower_idx').using('btree', t.tenantId, sql`lower(${t.firstName}) text_pattern_ops`, sql`lower(${t.lastName}) text_pattern_ops`),
    index('customers_last_first_lower_idx').using('btree', t.tenantId, sql`lower(${t.lastName}) text_pattern_ops`, sql`lower(${t.firstName}) text_pattern_ops`),
    index('customers_created_idx').on(t.tenantId, t.createdAt.desc(), t.id.desc()),
  ],
);

export const contactPoints = pgTable(
  'contact_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: contactKindEnum('kind').notNull(),
    value: text('value').notNull(),
    e164: text('e164'),
    label: text('label'),
    // Lower-cased email: what matching compares, while value keeps what was typed.
    emailLower: text('email_lower'),
    phoneType: phoneTypeEnum('phone_type'),
    addressLines: jsonb('address_lines').$type<string[]>(),
    city: text('city'),
    region: text('region'),
    postalCode: text('postal_code'),
    country: text('country'),
    purpose: contactPurposeEnum('purpose').notNull().default('home'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    isPrimary: boolean('is_primary').notNull().default(false),
    source: contactSourceEnum('source').notNull().default('agent'),
    // The order the contact points were entered in: the first phone is the one an agent dials.
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contact_points_customer_idx').on(t.customerId),
    index('contact_points_e164_idx').on(t.tenantId, t.e164),
    index('contact_points_value_lower_idx').using('btree', t.tenantId, sql`lower(${t.value}) text_pattern_ops`),
    index('contact_points_email_lower_idx').on(t.tenantId, t.emailLower),
    // At most one primary phone, one primary email, ... per customer.
    uniqueIndex('contact_points_one_primary_per_kind').on(t.customerId, t.kind).where(sql`${t.isPrimary}`),
  ],
);

export const interactionStatusEnum = pgEnum('interaction_status', ['open', 'completed']);
/** Who closed an interaction: its call ending, or recovery after the server missed the end. */
export const interactionClosedByEnum = pgEnum('interaction_closed_by', ['call', 'recovery']);

/**
 * Append-only change history of parties, contact points (and later consent): one row per changed
 * field, written in the transaction of the change. A trigger refuses UPDATE and DELETE. No foreign
 * key on customer_id: the history must outlive merges and deletions of what it describes.
 */
export const customerChanges = pgTable(
  'customer_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: tenantColumn(),
    customerId: uuid('customer_id').notNull(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id'),
    action: text('action').notNull(),
    field: text('field'),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    changedBy: uuid('changed_by'),
    changedByName: text('changed_by_name'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('customer_changes_customer_idx').on(t.customerId, t.changedAt.desc(), t.id.desc())],
);

export const interactions = pgTable(
  'interactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    queue: text('queue'),
    direction: directionEnum('direction').notNull(),
    channel: channelEnum('channel').notNull().default('voice'),
    linkedid: text('linkedid'),
    legId: text('leg_id').notNull(),
    callerNumber: text('caller_number'),
    offeredAt: timestamp('offered_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    waitSeconds: integer('wait_seconds').notNull().default(0),
    talkSeconds: integer('talk_seconds').notNull().default(0),
    holdSeconds: integer('hold_seconds').notNull().default(0),
    disposition: text('disposition'),
    notes: text('notes'),
    recording: text('recording'),
    abandoned: boolean('abandoned').notNull().default(false),
    // Written open when the agent answers, completed when the leg ends: a crash in between leaves
    // an open row that the next switch owner closes from what the switch reports.
    status: interactionStatusEnum('status').notNull().default('completed'),
    closedBy: interactionClosedByEnum('closed_by'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('interactions_open_idx').on(t.tenantId, t.status).where(sql`${t.status} = 'open'`),
    // A retried write of the same call leg must be a no-op, never a second row.
    uniqueIndex('interactions_leg_id_unique').on(t.legId),
    index('interactions_customer_offered_idx').on(t.customerId, t.offeredAt.desc()),
    index('interactions_agent_offered_idx').on(t.agentId, t.offeredAt.desc()),
    index('interactions_linkedid_idx').on(t.linkedid),
  ],
);

export const dialplanApplyStatusEnum = pgEnum('dialplan_apply_status', ['pending', 'applied', 'failed']);

// The one draft every admin of a tenant edits: one row per tenant.
export const dialplanDraft = pgTable(
  'dialplan_draft',
  {
    tenantId: tenantColumn().primaryKey(),
    id: integer('id').notNull().default(1),
    plan: jsonb('plan').notNull(),
    basedOnVersion: integer('based_on_version'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [check('dialplan_draft_single_row', sql`${t.id} = 1`)],
);

// Published versions. Content columns are immutable (a trigger in the migration refuses
// changes and deletes); only the apply outcome is written after the insert.
export const dialplanVersions = pgTable(
  'dialplan_versions',
  {
    tenantId: tenantColumn(),
    number: integer('number').notNull(),
    plan: jsonb('plan').notNull(),
    /** Rendered files by name, secrets left out. */
    files: jsonb('files').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** Kept so history still names the author after the user is deleted. */
    authorName: text('author_name').notNull(),
    comment: text('comment').notNull().default(''),
    rollbackOf: integer('rollback_of'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    applyStatus: dialplanApplyStatusEnum('apply_status').notNull().default('pending'),
    applyError: text('apply_error'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.number] }),
    check('dialplan_versions_number_positive', sql`${t.number} >= 1`),
    index('dialplan_versions_status_idx').on(t.tenantId, t.applyStatus, t.number),
  ],
);

/** Every table, for drizzle's typed client. */
export const schema = { users, sessions, agents, customers, contactPoints, customerChanges, interactions, dialplanDraft, dialplanVersions };
export type Schema = typeof schema;

export const consentChannelEnum = pgEnum('consent_channel', ['voice', 'sms', 'email']);
export const consentPurposeEnum = pgEnum('consent_purpose', ['service', 'marketing']);
export const consentStateEnum = pgEnum('consent_state', ['granted', 'withdrawn']);
export const consentMethodEnum = pgEnum('consent_method', ['agent', 'inbound_sms_keyword', 'import', 'web_form', 'api', 'dnc_list']);
export const addressKindEnum = pgEnum('address_kind', ['phone', 'email']);

/**
 * The consent ledger: append-only (a trigger refuses UPDATE and DELETE). Events are keyed by the
 * address itself (E.164 or lower-cased email), not by a contact point row: contact points are
 * replaced on edit and a do-not-call entry has no customer at all, yet both must keep applying.
 * contact_point_id and customer_id say where the event was recorded, so they carry no FK.
 */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn(),
    addressKind: addressKindEnum('address_kind').notNull(),
    address: text('address').notNull(),
    contactPointId: uuid('contact_point_id'),
    customerId: uuid('customer_id'),
    channel: consentChannelEnum('channel').notNull(),
    purpose: consentPurposeEnum('purpose').notNull(),
    state: consentStateEnum('state').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    method: consentMethodEnum('method').notNull(),
    actor: text('actor').notNull(),
    evidence: jsonb('evidence').notNull().default({}),
    // Set by imports so the same file row (or DNC number) imported twice is one event, not two.
    sourceKey: text('source_key'),
  },
  (t) => [
    index('consent_events_address_idx').on(t.tenantId, t.address, t.channel, t.purpose, t.occurredAt.desc()),
    index('consent_events_customer_idx').on(t.customerId),
    uniqueIndex('consent_events_source_key_unique').on(t.tenantId, t.sourceKey),
  ],
);

export const relationshipTypeEnum = pgEnum('relationship_type', ['employee_of', 'contact_of', 'household_member', 'subsidiary_of', 'referred_by']);

/** Typed, dated relationships between parties; valid_to NULL means current. */
export const partyRelationships = pgTable(
  'party_relationships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn(),
    type: relationshipTypeEnum('type').notNull(),
    fromPartyId: uuid('from_party_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    toPartyId: uuid('to_party_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    jobTitle: text('job_title'),
    isPrimary: boolean('is_primary').notNull().default(false),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('party_relationships_not_self', sql`${t.fromPartyId} <> ${t.toPartyId}`),
    check('party_relationships_dates', sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
    index('party_relationships_from_idx').on(t.fromPartyId),
    index('party_relationships_to_idx').on(t.toPartyId),
    uniqueIndex('party_relationships_current_unique').on(t.type, t.fromPartyId, t.toPartyId).where(sql`${t.validTo} IS NULL`),
    // At most one current primary contact per organisation, whichever type names it.
    uniqueIndex('party_relationships_one_primary').on(t.toPartyId).where(sql`${t.isPrimary} AND ${t.validTo} IS NULL`),
  ],
);

/**
 * Customer attributes admins define. key and type are fixed once created; a definition whose
 * values are in use is deactivated rather than deleted, so the values stay readable.
 */
export const attributeDefinitions = pgTable('attribute_definitions', {
  tenantId: tenantColumn(),
  key: text('key').notNull(),
  label: text('label').notNull(),
  type: attributeTypeEnum('type').notNull(),
  options: jsonb('options').$type<string[]>().notNull().default([]),
  required: boolean('required').notNull().default(false),
  active: boolean('active').notNull().default(true),
  position: integer('position').notNull().default(0),
  ...timestamps,
}, (t) => [primaryKey({ columns: [t.tenantId, t.key] })]);
