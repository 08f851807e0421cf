import { parseInput, updateTenantRequestSchema, type TenantDeleteReply, type TenantSummary } from '@ringside/shared';
import { createTenant } from './create-tenant.js';
import { deleteTenant } from './delete-tenant.js';
import { reactivateTenant, suspendTenant } from './suspend-tenant.js';
import { changeableTenant, found, getTenant, type TenantServiceDeps } from './tenant-deps.js';

export type { TenantServiceDeps, TenantSessions } from './tenant-deps.js';

/**
 * The platform operator's tenant lifecycle: create (with a first admin), change name and limits,
 * suspend and reactivate, delete (a job). One file per command; this is their one entry point.
 */
export class TenantService {
  constructor(private readonly deps: TenantServiceDeps) {}

  list(): Promise<TenantSummary[]> {
    return this.deps.tenants.list();
  }

  get(id: string): Promise<TenantSummary> {
    return getTenant(this.deps, id);
  }

  async create(body: unknown): Promise<TenantSummary> {
    const tenant = await createTenant(this.deps, body);
    await this.announce();
    return tenant;
  }

  /** Name and limits (merged into the current ones); a status in the body suspends or reactivates. */
  async update(id: string, body: unknown): Promise<TenantSummary> {
    const patch = parseInput(updateTenantRequestSchema, body);
    const current = await changeableTenant(this.deps, id);
    if (patch.status === 'suspended' && current.status !== 'suspended') await suspendTenant(this.deps, id);
    if (patch.status === 'active' && current.status !== 'active') await reactivateTenant(this.deps, id);
    if (patch.name === undefined && patch.limits === undefined) return this.get(id);
    const change = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.limits ? { limits: { ...current.limits, ...patch.limits } } : {}) };
    return found(await this.deps.tenants.update(id, change), id);
  }

  suspend(id: string): Promise<TenantSummary> {
    return suspendTenant(this.deps, id);
  }

  reactivate(id: string): Promise<TenantSummary> {
    return reactivateTenant(this.deps, id);
  }

  delete(id: string, actorId: string | null): Promise<TenantDeleteReply> {
    return deleteTenant(this.deps, id, actorId);
  }

  /** Tells the listener the current tenant list (after a create here, after the purge job deleted one). */
  async announce(): Promise<void> {
    if (this.deps.onTenantsChanged) this.deps.onTenantsChanged(await this.deps.tenants.list());
  }
}
