import { sql } from 'drizzle-orm';
import { index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TenantLimits } from '@ringside/shared';
import { users } from './schema.js';

/** A member's role in one tenant. */
export const roleEnum = pgEnum('role', ['agent', 'supervisor', 'admin']);

export const tenantStatusEnum = pgEnum('tenant_status', ['active', 'suspended', 'deleting']);

/**
 * The companies one deployment serves. Not tenant-owned itself (no RLS): sign-in lists a user's
 * tenants before any tenant is chosen, and the platform operator manages them all.
 */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    status: tenantStatusEnum('status').notNull().default('active'),
    // '' for the default tenant, whose switch names stay unprefixed; unique so two tenants never share names on the switch.
    switchPrefix: text('switch_prefix').notNull(),
    limits: jsonb('limits').$type<TenantLimits>().notNull().default({ agents: null, concurrentCalls: null, storageMb: null, messagesPerDay: null }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tenants_slug_unique').on(t.slug), uniqueIndex('tenants_switch_prefix_unique').on(t.switchPrefix)],
);

/**
 * The tenant a row belongs to. The default reads the transaction's tenant (set by the database
 * layer for every tenant-scoped query), so inserts need not name it and the policy's WITH CHECK
 * refuses any other; with no tenant set the default is NULL and the insert fails NOT NULL.
 * A function declaration, so the other schema files can call it while the modules load in a cycle.
 * Policies, grants and the foreign keys between tenant tables (which include tenant_id, so a row
 * can point only at its own tenant's rows) are SQL in migrations 0010 and 0013, as drizzle cannot
 * express them; rls-policies.test.ts checks all of it in the catalog.
 */
export function tenantColumn() {
  return uuid('tenant_id')
    .notNull()
    .default(sql`nullif(current_setting('app.tenant_id', true), '')::uuid`)
    .references(() => tenants.id);
}

/** The tenant of a row that may also be the platform's own (NULL: seen by system work only). */
export function optionalTenantColumn() {
  return uuid('tenant_id')
    .default(sql`nullif(current_setting('app.tenant_id', true), '')::uuid`)
    .references(() => tenants.id);
}

/** Who belongs to which tenant with which role; tenant-owned (a tenant admin sees only their members). */
export const tenantMemberships = pgTable(
  'tenant_memberships',
  {
    tenantId: tenantColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index('tenant_memberships_user_idx').on(t.userId)],
);
