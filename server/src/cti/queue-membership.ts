import { type AgentQueue, type DialPlan, type QueueMembershipKind } from '@ringside/shared';

/** Which queues an agent belongs to, as the admin configured them; the queue commands and the console ask it. */
export interface QueueMembership {
  /** How `extension` (the agent's local extension) belongs to `queue` (its tenant-local name, as the console shows it), or null when the agent may not join it. */
  membershipOf(extension: string, queue: string): Promise<QueueMembershipKind | null>;
  /** Every queue `extension` may take calls from, by tenant-local name: exactly those membershipOf does not refuse. */
  queuesOf(extension: string): Promise<AgentQueue[]>;
}

/** The live plan of the tenant of the running work and its switch prefix; plan null: nothing of the tenant is on the switch yet. */
export type TenantPlanSource = () => Promise<{ prefix: string; plan: DialPlan | null }>;

/** The queues a dial plan lists `extension` in, by their names in that plan. */
export function queuesIn(plan: DialPlan, extension: string): AgentQueue[] {
  return plan.queues
    .flatMap((q) => q.members.filter((m) => m.extension === extension).map((m) => ({ queue: q.name, membership: m.membership })))
    .sort((a, b) => a.queue.localeCompare(b.queue));
}

/** The membership a dial plan gives; one rule with queuesIn, so the console offers what the commands allow. */
export function membershipIn(plan: DialPlan, extension: string, queue: string): QueueMembershipKind | null {
  return queuesIn(plan, extension).find((q) => q.queue === queue)?.membership ?? null;
}

/**
 * From the dial plan the switch runs for the agent's tenant, read at each queue login or logout
 * (a rare command, so no cache to go stale when another node publishes): its queue members are
 * exactly who may join. Queues carry their tenant-local names (`support`), as the console shows them
 * and the commands take them (the CTI adds the tenant's switch prefix); the plan read is the
 * tenant's own, so another tenant's queue of the same name is never one of them.
 */
export class LivePlanQueueMembership implements QueueMembership {
  constructor(private readonly livePlan: TenantPlanSource) {}

  async membershipOf(extension: string, queue: string): Promise<QueueMembershipKind | null> {
    const { plan } = await this.livePlan();
    return plan ? membershipIn(plan, extension, queue) : null;
  }

  async queuesOf(extension: string): Promise<AgentQueue[]> {
    const { plan } = await this.livePlan();
    return plan ? queuesIn(plan, extension) : [];
  }
}
