import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers, timestamps } from './schema.js';
import { tenantColumn } from './schema-tenancy.js';

// Identity resolution (review queue, merges, matching rules): beside schema.ts, which would pass
// 400 lines; drizzle.config.ts reads every schema file.

export const candidateStatusEnum = pgEnum('identity_candidate_status', ['open', 'merged', 'not_duplicate', 'skipped']);

/**
 * The review queue: one row per candidate pair the duplicate scan found (left_id < right_id, so a
 * pair has one row however often it is found). A "not_duplicate" row is what keeps the pair from
 * being proposed again. cluster_key groups pairs of one cluster (the smallest member id).
 */
export const identityCandidates = pgTable(
  'identity_candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn(),
    leftId: uuid('left_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    rightId: uuid('right_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    clusterKey: uuid('cluster_key').notNull(),
    score: doublePrecision('score').notNull(),
    decision: text('decision').notNull(),
    evidence: jsonb('evidence').notNull(),
    status: candidateStatusEnum('status').notNull().default('open'),
    reviewedBy: uuid('reviewed_by'),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    check('identity_candidates_ordered', sql`${t.leftId} < ${t.rightId}`),
    uniqueIndex('identity_candidates_pair_unique').on(t.leftId, t.rightId),
    index('identity_candidates_queue_idx').on(t.tenantId, t.status, t.score.desc(), t.id),
  ],
);

export const mergeStatusEnum = pgEnum('customer_merge_status', ['merged', 'undone']);

/**
 * One merge: both records as they were before it (snapshot), the fields it wrote on the survivor,
 * and the ids of every row it moved, collapsed or altered, so an undo restores exactly that.
 * No foreign keys: the record of a merge outlives what it describes.
 */
export const customerMerges = pgTable(
  'customer_merges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantColumn(),
    survivorId: uuid('survivor_id').notNull(),
    mergedId: uuid('merged_id').notNull(),
    status: mergeStatusEnum('status').notNull().default('merged'),
    snapshot: jsonb('snapshot').notNull(),
    moved: jsonb('moved').notNull(),
    mergedBy: uuid('merged_by'),
    mergedByName: text('merged_by_name'),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
    undoneBy: uuid('undone_by'),
    undoneByName: text('undone_by_name'),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('customer_merges_survivor_idx').on(t.survivorId, t.mergedAt.desc()), index('customer_merges_merged_idx').on(t.mergedId)],
);

/** The matching rules and thresholds a tenant's admins edit: one row per tenant (absent: the shipped defaults). */
export const identityMatchSettings = pgTable(
  'identity_match_settings',
  {
    tenantId: tenantColumn().primaryKey(),
    id: integer('id').notNull().default(1),
    settings: jsonb('settings').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
    updatedByName: text('updated_by_name'),
  },
  (t) => [check('identity_match_settings_single_row', sql`${t.id} = 1`)],
);
