import { z } from 'zod';
import { roleSchema } from './auth.js';
import { switchPrefixSchema } from './tenancy-names.js';
import { safeText } from './validation.js';

// Tenancy: one deployment serving several companies. Every tenant-owned row carries its tenant's
// id and PostgreSQL row-level security keeps each tenant's rows to itself.

/** The tenant every install starts with (and that data from before tenancy belongs to). */
export const DEFAULT_TENANT_ID = '00000000-0000-4000-8000-000000000001';

/** Lifecycle of a tenant: a suspended tenant's users cannot sign in to it; deleting is a job. */
export const TENANT_STATUSES = ['active', 'suspended', 'deleting'] as const;
/** Lifecycle of a tenant. */
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** A tenant's URL-safe short name, also its prefix on the switch: the switch's rule, minus the default tenant's ''. */
export const tenantSlugSchema = switchPrefixSchema.refine((p) => p !== '', 'required');

/** Per-tenant limits; null means unlimited. */
export const tenantLimitsSchema = z.object({
  agents: z.number().int().min(0).max(100_000).nullable(),
  concurrentCalls: z.number().int().min(0).max(100_000).nullable(),
  storageMb: z.number().int().min(0).max(10_000_000).nullable(),
  messagesPerDay: z.number().int().min(0).max(10_000_000).nullable(),
});
/** Per-tenant limits; null means unlimited. */
export type TenantLimits = z.infer<typeof tenantLimitsSchema>;
/** No limits. */
export const UNLIMITED: TenantLimits = { agents: null, concurrentCalls: null, storageMb: null, messagesPerDay: null };

/** A tenant as the platform operator sees it. */
export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  /** '' for the default tenant (its switch names are unprefixed), else the slug. */
  switchPrefix: string;
  limits: TenantLimits;
  createdAt: string;
}

/** Body of POST /api/platform/tenants. */
export const createTenantRequestSchema = z.object({
  slug: tenantSlugSchema,
  name: safeText(120).pipe(z.string().min(1, 'required')),
  limits: tenantLimitsSchema.partial().optional(),
  /** The tenant's first admin: an existing user by username, or a new one. */
  admin: z
    .object({ username: safeText(64).pipe(z.string().min(1, 'required')), displayName: safeText(120).optional(), password: z.string().min(8).max(256).optional() })
    .optional(),
});
/** Body of POST /api/platform/tenants. */
export type CreateTenantRequest = z.infer<typeof createTenantRequestSchema>;

/** Body of PATCH /api/platform/tenants/:id. */
export const updateTenantRequestSchema = z
  .object({ name: safeText(120).pipe(z.string().min(1)).optional(), status: z.enum(['active', 'suspended']).optional(), limits: tenantLimitsSchema.partial().optional() })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
/** Body of PATCH /api/platform/tenants/:id. */
export type UpdateTenantRequest = z.infer<typeof updateTenantRequestSchema>;

/** One tenant a user belongs to, with the role they have there. */
export const membershipSchema = z.object({ tenantId: z.string().uuid(), slug: z.string(), name: z.string(), role: roleSchema });
/** One tenant a user belongs to, with the role they have there. */
export type Membership = z.infer<typeof membershipSchema>;

/** Body of POST /api/auth/tenant: switch the session to another tenant the user belongs to. */
export const switchTenantRequestSchema = z.object({ tenantId: z.string().uuid() });

/** Usage figures of one tenant, for billing and for the limits. */
export interface TenantUsage {
  tenantId: string;
  agents: number;
  customers: number;
  interactionsThisMonth: number;
  talkMinutesThisMonth: number;
  storageBytes: number;
  concurrentCalls: number;
}

/** The job queue of tenant deletions (the console follows the job's progress). */
export const TENANT_DELETE_QUEUE = 'tenants.delete';

/** Reply of DELETE /api/platform/tenants/:id: the tenant is 'deleting' and the job removes its rows and files. */
export interface TenantDeleteReply {
  tenant: TenantSummary;
  jobId: string;
}
