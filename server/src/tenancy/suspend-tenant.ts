import { DEFAULT_TENANT_ID, RingsideError, type TenantSummary } from '@ringside/shared';
import { changeableTenant, found, type TenantServiceDeps } from './tenant-deps.js';

/**
 * Suspends a tenant: its users cannot sign in or switch to it, and every session working in it
 * ends now, sockets included. The default tenant holds the operator's own membership, so it stays.
 */
export async function suspendTenant(deps: TenantServiceDeps, id: string): Promise<TenantSummary> {
  const current = await changeableTenant(deps, id);
  if (id === DEFAULT_TENANT_ID) throw new RingsideError('FORBIDDEN', 'the default tenant cannot be suspended');
  const tenant = current.status === 'suspended' ? current : found(await deps.tenants.update(id, { status: 'suspended' }), id);
  await deps.sessions.endTenantSessions(id, 'tenant_suspended');
  return tenant;
}

/** Lets a suspended tenant's users in again. */
export async function reactivateTenant(deps: TenantServiceDeps, id: string): Promise<TenantSummary> {
  const current = await changeableTenant(deps, id);
  return current.status === 'active' ? current : found(await deps.tenants.update(id, { status: 'active' }), id);
}
