import { DEFAULT_TENANT_ID, RingsideError, TENANT_DELETE_QUEUE, type TenantDeleteReply } from '@ringside/shared';
import { asSystem } from '../db/tenant-scope.js';
import { found, getTenant, type TenantServiceDeps } from './tenant-deps.js';
import type { TenantDeleteData } from './tenant-purge.js';

/**
 * Marks the tenant 'deleting' (nobody can use it from now on), ends its sessions and queues the
 * job that removes its rows and files (tenant-purge.ts). Asking again while it runs answers the
 * same job. The default tenant holds the data from before tenancy: it cannot be deleted.
 */
export async function deleteTenant(deps: TenantServiceDeps, id: string, actorId: string | null): Promise<TenantDeleteReply> {
  if (id === DEFAULT_TENANT_ID) throw new RingsideError('FORBIDDEN', 'the default tenant cannot be deleted');
  const current = await getTenant(deps, id);
  const tenant = current.status === 'deleting' ? current : found(await deps.tenants.update(id, { status: 'deleting' }), id);
  await deps.sessions.endTenantSessions(id, 'tenant_deleted');
  // Platform work: the job is nobody's tenant's (it removes one), so it is queued as system.
  const data: TenantDeleteData = { tenantId: id };
  const jobId = await asSystem(() => deps.jobs.send(TENANT_DELETE_QUEUE, data, { singletonKey: id, label: `Deletion of tenant ${current.slug}`, createdBy: actorId, retryLimit: 5 }));
  return { tenant, jobId };
}
