import { RingsideError, UNLIMITED, createTenantRequestSchema, isRingsideError, parseInput, type CreateTenantRequest, type TenantSummary } from '@ringside/shared';
import { hashPassword } from '../auth/password.js';
import { inTenant } from '../db/tenant-scope.js';
import type { TenantServiceDeps } from './tenant-deps.js';

/**
 * Creates a tenant (its slug is its prefix on the switch) with its limits and, when asked, its
 * first admin: an existing user by username gets an admin membership, a new one is created.
 * TENANT_EXISTS for a taken slug; the admin is checked first, so a refusal leaves no tenant behind.
 */
export async function createTenant(deps: TenantServiceDeps, body: unknown): Promise<TenantSummary> {
  const input = parseInput(createTenantRequestSchema, body);
  if ((await deps.tenants.list()).some((t) => t.slug === input.slug)) throw tenantExists(input.slug);
  const admin = input.admin ? await adminPlan(deps, input.admin) : null;
  const tenant = await deps.tenants.create({ slug: input.slug, name: input.name, limits: { ...UNLIMITED, ...input.limits } }).catch((err: unknown) => {
    // Two operators creating the same slug at once: the unique index decides.
    throw isRingsideError(err) && err.code === 'CONFLICT' ? tenantExists(input.slug) : err;
  });
  if (admin) await inTenant(tenant.id, async () => deps.users.addMembership(await admin(), 'admin'));
  return tenant;
}

/** The existing user named, or a function creating the new one; a new user needs a password. */
async function adminPlan(deps: TenantServiceDeps, admin: NonNullable<CreateTenantRequest['admin']>): Promise<() => Promise<string>> {
  const existing = await deps.users.findCredentials(admin.username);
  if (existing) return async () => existing.id;
  if (!admin.password) throw new RingsideError('INVALID_INPUT', `there is no user ${admin.username}: give a password to create them`, [{ path: 'admin.password', message: 'required for a new user' }]);
  const passwordHash = await hashPassword(admin.password);
  return async () => (await deps.users.create({ username: admin.username, displayName: admin.displayName ?? admin.username, passwordHash })).id;
}

function tenantExists(slug: string): RingsideError {
  return new RingsideError('TENANT_EXISTS', `a tenant with the slug ${slug} exists already`, [{ path: 'slug', message: 'taken' }]);
}
