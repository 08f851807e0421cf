import { RingsideError, type TenantUsage } from '@ringside/shared';
import { inTenant } from '../db/tenant-scope.js';
import type { TenantRepository } from './tenant-repository.js';

/** Where the figures come from: each owner's own count, asked in the tenant's scope. */
export interface UsageSources {
  /** Members with the agent role (auth). */
  countAgents(): Promise<number>;
  /** Customers (customers context). */
  countCustomers(): Promise<number>;
  /** Interactions offered since a date and their talk time (customers context). */
  interactionsSince(since: Date): Promise<{ interactions: number; talkSeconds: number }>;
  /** Bytes the tenant's files take on disk. */
  storageBytes(tenantId: string): Promise<number>;
  /** Calls of the tenant up on the switch now; the CTI provides it (0 until it is wired). */
  liveCalls?(tenantId: string): number;
}

/** Midnight UTC of the first day of `now`'s month: billing months are UTC months. */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** Usage figures per tenant, for billing and the operator's page. */
export class TenantUsageService {
  constructor(
    private readonly tenants: Pick<TenantRepository, 'get'>,
    private readonly sources: UsageSources,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async usage(tenantId: string): Promise<TenantUsage> {
    if (!(await this.tenants.get(tenantId))) throw new RingsideError('TENANT_NOT_FOUND', `no tenant ${tenantId}`);
    // Each count runs in the tenant's scope: row-level security keeps it to that tenant's rows.
    return inTenant(tenantId, async () => {
      const [agents, customers, month, storageBytes] = await Promise.all([
        this.sources.countAgents(),
        this.sources.countCustomers(),
        this.sources.interactionsSince(monthStart(this.now())),
        this.sources.storageBytes(tenantId),
      ]);
      return {
        tenantId,
        agents,
        customers,
        interactionsThisMonth: month.interactions,
        talkMinutesThisMonth: Math.round(month.talkSeconds / 60),
        storageBytes,
        concurrentCalls: this.sources.liveCalls?.(tenantId) ?? 0,
      };
    });
  }
}
