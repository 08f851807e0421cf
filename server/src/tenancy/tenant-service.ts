import {
  DEFAULT_TENANT_ID,
  RingsideError,
  TENANT_DELETE_QUEUE,
  UNLIMITED,
  createTenantRequestSchema,
  isRingsideError,
  parseInput,
  updateTenantRequestSchema,
  type CreateTenantRequest,
  type TenantDeleteReply,
  type TenantSummary,
} from '@ringside/shared';
import { hashPassword } from '../auth/password.js';
import type { UserRepository } from '../auth/user-repository.js';
import { asSystem, inTenant } from '../db/tenant-scope.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { TenantDeleteData } from './tenant-purge.js';
import type { TenantRepository } from './tenant-repository.js';

/** Ends the sessions (and sockets) working in a tenant: AuthService.endTenantSessions. */
export interface TenantSessions {
  endTenantSessions(tenantId: string, reason: 'tenant_suspended' | 'tenant_deleted'): Promise<void>;
}

export interface TenantServiceDeps {
  tenants: TenantRepository;
  users: Pick<UserRepository, 'findCredentials' | 'create' | 'addMembership'>;
  sessions: TenantSessions;
  jobs: Pick<JobQueue, 'send'>;
  /** Told of the tenant list after a tenant is created (the switch's SwitchTenants.replace). */
  onTenantsChanged?: (tenants: TenantSummary[]) => void;
}

/**
 * The platform operator's tenant lifecycle: create (with a first admin), change name and limits,
 * suspend and reactivate, delete (a job). The default tenant holds the data from before tenancy
 * and the operator's own membership, so it is neither suspended nor deleted.
 */
export class TenantService {
  constructor(private readonly deps: TenantServiceDeps) {}

  list(): Promise<TenantSummary[]> {
    return this.deps.tenants.list();
  }

  async get(id: string): Promise<TenantSummary> {
    const tenant = await this.deps.tenants.get(id);
    if (!tenant) throw new RingsideError('TENANT_NOT_FOUND', `no tenant ${id}`);
    return tenant;
  }

  async create(body: unknown): Promise<TenantSummary> {
    const input = parseInput(createTenantRequestSchema, body);
    if ((await this.deps.tenants.list()).some((t) => t.slug === input.slug)) throw tenantExists(input.slug);
    // Decided before the tenant exists, so a refused admin leaves no tenant behind.
    const admin = input.admin ? await this.adminPlan(input.admin) : null;
    const tenant = await this.deps.tenants.create({ slug: input.slug, name: input.name, limits: { ...UNLIMITED, ...input.limits } }).catch((err: unknown) => {
      // Two operators creating the same slug at once: the unique index decides.
      throw isRingsideError(err) && err.code === 'CONFLICT' ? tenantExists(input.slug) : err;
    });
    if (admin) await inTenant(tenant.id, async () => this.deps.users.addMembership(await admin(), 'admin'));
    await this.announce();
    return tenant;
  }

  /** Name and limits (merged into the current ones); a status in the body suspends or reactivates. */
  async update(id: string, body: unknown): Promise<TenantSummary> {
    const patch = parseInput(updateTenantRequestSchema, body);
    const current = await this.changeable(id);
    if (patch.status === 'suspended' && current.status !== 'suspended') await this.suspend(id);
    if (patch.status === 'active' && current.status !== 'active') await this.reactivate(id);
    if (patch.name === undefined && patch.limits === undefined) return this.get(id);
    return this.saved(await this.deps.tenants.update(id, { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.limits ? { limits: { ...current.limits, ...patch.limits } } : {}) }), id);
  }

  /** Its users cannot sign in or switch to it, and every session working in it ends now, sockets included. */
  async suspend(id: string): Promise<TenantSummary> {
    const current = await this.changeable(id);
    if (id === DEFAULT_TENANT_ID) throw new RingsideError('FORBIDDEN', 'the default tenant cannot be suspended');
    const tenant = current.status === 'suspended' ? current : this.saved(await this.deps.tenants.update(id, { status: 'suspended' }), id);
    await this.deps.sessions.endTenantSessions(id, 'tenant_suspended');
    return tenant;
  }

  async reactivate(id: string): Promise<TenantSummary> {
    const current = await this.changeable(id);
    return current.status === 'active' ? current : this.saved(await this.deps.tenants.update(id, { status: 'active' }), id);
  }

  /**
   * Marks the tenant 'deleting' (nobody can use it from now on), ends its sessions and queues the
   * job that removes its rows and files. Asking again while it runs answers the same job.
   */
  async delete(id: string, actorId: string | null): Promise<TenantDeleteReply> {
    if (id === DEFAULT_TENANT_ID) throw new RingsideError('FORBIDDEN', 'the default tenant cannot be deleted');
    const current = await this.get(id);
    const tenant = current.status === 'deleting' ? current : this.saved(await this.deps.tenants.update(id, { status: 'deleting' }), id);
    await this.deps.sessions.endTenantSessions(id, 'tenant_deleted');
    // Platform work: the job is nobody's tenant's (it removes one), so it is queued as system.
    const data: TenantDeleteData = { tenantId: id };
    const jobId = await asSystem(() => this.deps.jobs.send(TENANT_DELETE_QUEUE, data, { singletonKey: id, label: `Deletion of tenant ${current.slug}`, createdBy: actorId, retryLimit: 5 }));
    return { tenant, jobId };
  }

  /** The existing user named, or a function creating the new one; a new user needs a password. */
  private async adminPlan(admin: NonNullable<CreateTenantRequest['admin']>): Promise<() => Promise<string>> {
    const existing = await this.deps.users.findCredentials(admin.username);
    if (existing) return async () => existing.id;
    if (!admin.password) throw new RingsideError('INVALID_INPUT', `there is no user ${admin.username}: give a password to create them`, [{ path: 'admin.password', message: 'required for a new user' }]);
    const passwordHash = await hashPassword(admin.password);
    return async () => (await this.deps.users.create({ username: admin.username, displayName: admin.displayName ?? admin.username, passwordHash })).id;
  }

  /** A tenant that may still change: one being deleted only goes on being deleted. */
  private async changeable(id: string): Promise<TenantSummary> {
    const current = await this.get(id);
    if (current.status === 'deleting') throw new RingsideError('ILLEGAL_TRANSITION', `tenant ${current.slug} is being deleted`);
    return current;
  }

  private saved(tenant: TenantSummary | null, id: string): TenantSummary {
    if (!tenant) throw new RingsideError('TENANT_NOT_FOUND', `no tenant ${id}`);
    return tenant;
  }

  /** Tells the listener the current tenant list (after a create here, after the purge job deleted one). */
  async announce(): Promise<void> {
    if (this.deps.onTenantsChanged) this.deps.onTenantsChanged(await this.deps.tenants.list());
  }
}

function tenantExists(slug: string): RingsideError {
  return new RingsideError('TENANT_EXISTS', `a tenant with the slug ${slug} exists already`, [{ path: 'slug', message: 'taken' }]);
}
