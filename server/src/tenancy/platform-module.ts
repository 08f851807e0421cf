import { TENANT_DELETE_QUEUE, type TenantSummary } from '@ringside/shared';
import type { Router } from 'express';
import type { AuthService } from '../auth/auth-service.js';
import type { UserRepository } from '../auth/user-repository.js';
import { ImportFiles, type StorageQuota } from '../crm/customers/import/import-files.js';
import type { CustomerRepository } from '../crm/customers/customer-repository.js';
import type { InteractionRepository } from '../crm/customers/interaction-repository.js';
import type { Database } from '../db/database.js';
import type { JobsModule } from '../jobs/jobs-module.js';
import { platformRouter } from '../http/platform-router.js';
import { TenantLimitChecks } from './tenant-limits.js';
import { TenantPurge, tenantDeleteJob } from './tenant-purge.js';
import { TenantRepository } from './tenant-repository.js';
import { TenantService } from './tenant-service.js';
import { TenantUsageService } from './tenant-usage.js';

/** The storage limit as the import files ask it. */
export function storageQuota(limits: TenantLimitChecks): StorageQuota {
  return { remainingBytes: (t) => limits.storageRemaining(t), exceeded: (t) => limits.storageExceeded(t) };
}

/**
 * The tenants, their limits and the import files (stored per tenant): the storage limit reads the
 * files' size and the files ask the limit before taking an upload. Files kept from before tenancy
 * move into the default tenant's folder.
 */
export async function openTenantStorage(database: Database, importsDir: string, maxUploadBytes: number): Promise<{ tenants: TenantRepository; limits: TenantLimitChecks; importFiles: ImportFiles }> {
  const tenants = new TenantRepository(database);
  const limits: TenantLimitChecks = new TenantLimitChecks(tenants, (tenantId) => importFiles.bytesUsed(tenantId));
  const importFiles = new ImportFiles(importsDir, maxUploadBytes, storageQuota(limits));
  await importFiles.adoptUnscopedFiles();
  return { tenants, limits, importFiles };
}

/** What the platform operator's part needs from the rest of the server. */
export interface PlatformDeps {
  database: Database;
  tenants: TenantRepository;
  users: UserRepository;
  auth: AuthService;
  jobs: JobsModule;
  importFiles: ImportFiles;
  customers: Pick<CustomerRepository, 'count'>;
  interactions: Pick<InteractionRepository, 'totalsSince'>;
  /** Live calls of a tenant on the switch (the CTI's figure); 0 until it is wired. */
  liveCalls?: (tenantId: string) => number;
  /** Told of the tenant list after a tenant is created or deleted (the switch's SwitchTenants.replace). */
  onTenantsChanged?: (tenants: TenantSummary[]) => void;
}

/** Builds the tenant lifecycle, registers the deletion job's worker and returns the /api/platform router. */
export async function startPlatform(deps: PlatformDeps): Promise<{ service: TenantService; usage: TenantUsageService; router: Router }> {
  const service = new TenantService({ tenants: deps.tenants, users: deps.users, sessions: deps.auth, jobs: deps.jobs.queue, ...(deps.onTenantsChanged ? { onTenantsChanged: deps.onTenantsChanged } : {}) });
  const purge = new TenantPurge(deps.database, deps.tenants, deps.importFiles, () => void service.announce());
  await deps.jobs.queue.work(TENANT_DELETE_QUEUE, tenantDeleteJob(purge));
  const usage = new TenantUsageService(deps.tenants, {
    countAgents: () => deps.users.countAgents(),
    countCustomers: () => deps.customers.count(),
    interactionsSince: (since) => deps.interactions.totalsSince(since),
    storageBytes: (t) => deps.importFiles.bytesUsed(t),
    ...(deps.liveCalls ? { liveCalls: deps.liveCalls } : {}),
  });
  return { service, usage, router: platformRouter({ tenants: service, usage, jobs: deps.jobs.service }) };
}
