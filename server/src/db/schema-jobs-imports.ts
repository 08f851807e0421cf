import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers, users } from './schema.js';
import { optionalTenantColumn, tenantColumn } from './schema-tenancy.js';

// Background jobs and customer imports: beside schema.ts (which would pass 400 lines); drizzle.config.ts reads both.
export const jobStateEnum = pgEnum('job_state', ['queued', 'active', 'completed', 'failed', 'cancelled']);

/**
 * What the console shows of each background job; the queue itself (pg-boss, schema pgboss)
 * holds the job, this row its human-readable progress and outcome. id is the queue's job id.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid('id').primaryKey(),
    // NULL for platform jobs (the session purge, pruning): no tenant sees them.
    tenantId: optionalTenantColumn(),
    queue: text('queue').notNull(),
    label: text('label').notNull(),
    state: jobStateEnum('state').notNull().default('queued'),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    message: text('message'),
    attempts: integer('attempts').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    singletonKey: text('singleton_key'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('job_runs_created_idx').on(t.tenantId, t.createdAt.desc()),
    index('job_runs_queue_state_idx').on(t.queue, t.state, t.createdAt.desc()),
    // The port's singletonKey: at most one unfinished job per key and queue, enforced here rather than by a pg-boss queue policy.
    uniqueIndex('job_runs_singleton_unique').on(t.tenantId, t.queue, t.singletonKey).where(sql`${t.singletonKey} IS NOT NULL AND ${t.state} IN ('queued', 'active')`),
  ],
);

/** An uploaded customer import file; the bytes live in DATA_DIR/imports/<id>.csv, streamed in and out. */
export const customerImports = pgTable(
  'customer_imports',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantColumn(),
    source: text('source').notNull(),
    fileName: text('file_name').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** The last record the real run has committed (the header is record 1); a resumed run skips to after it. */
    checkpoint: integer('checkpoint').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('customer_imports_created_idx').on(t.tenantId, t.createdAt.desc())],
);

/** Which customer an imported record became, by the source's external id (or file hash and record when it has none): a rerun updates instead of duplicating. */
export const customerExternalIds = pgTable(
  'customer_external_ids',
  {
    tenantId: tenantColumn(),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.source, t.externalId] }), index('customer_external_ids_customer_idx').on(t.customerId)],
);

/** The problems of an import's real run, per record, downloadable as CSV. */
export const customerImportErrors = pgTable(
  'customer_import_errors',
  {
    tenantId: tenantColumn(),
    importId: uuid('import_id')
      .notNull()
      .references(() => customerImports.id, { onDelete: 'cascade' }),
    record: integer('record').notNull(),
    position: integer('position').notNull(),
    column: text('column'),
    code: text('code').notNull(),
    message: text('message').notNull(),
    value: text('value'),
  },
  (t) => [primaryKey({ columns: [t.importId, t.record, t.position] })],
);

/** The column mapping last used for each source, offered again with its next file. */
export const importMappings = pgTable('import_mappings', {
  tenantId: tenantColumn(),
  source: text('source').notNull(),
  mapping: jsonb('mapping').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.source] })]);
