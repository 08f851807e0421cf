import { RingsideError, type TenantSummary } from '@ringside/shared';
import type { UserRepository } from '../auth/user-repository.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { TenantRepository } from './tenant-repository.js';

/** Ends the sessions (and sockets) working in a tenant: AuthService.endTenantSessions. */
export interface TenantSessions {
  endTenantSessions(tenantId: string, reason: 'tenant_suspended' | 'tenant_deleted'): Promise<void>;
}

/** What the tenant commands work with, injected from main.ts. */
export interface TenantServiceDeps {
  tenants: TenantRepository;
  users: Pick<UserRepository, 'findCredentials' | 'create' | 'addMembership'>;
  sessions: TenantSessions;
  jobs: Pick<JobQueue, 'send'>;
  /** Told of the tenant list after a tenant is created (the switch's SwitchTenants.replace). */
  onTenantsChanged?: (tenants: TenantSummary[]) => void;
}

/** The tenant, or TENANT_NOT_FOUND. */
export async function getTenant(deps: Pick<TenantServiceDeps, 'tenants'>, id: string): Promise<TenantSummary> {
  return found(await deps.tenants.get(id), id);
}

/** A written tenant row, or TENANT_NOT_FOUND when it vanished meanwhile. */
export function found(tenant: TenantSummary | null, id: string): TenantSummary {
  if (!tenant) throw new RingsideError('TENANT_NOT_FOUND', `no tenant ${id}`);
  return tenant;
}

/** A tenant that may still change: one being deleted only goes on being deleted. */
export async function changeableTenant(deps: Pick<TenantServiceDeps, 'tenants'>, id: string): Promise<TenantSummary> {
  const current = await getTenant(deps, id);
  if (current.status === 'deleting') throw new RingsideError('ILLEGAL_TRANSITION', `tenant ${current.slug} is being deleted`);
  return current;
}
