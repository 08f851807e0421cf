import { switchName, type AgentQueue, type DialPlan, type QueueMembershipKind } from '@ringside/shared';

/** Which queues an agent belongs to, as the admin configured them; the queue commands and the console ask it. */
export interface QueueMembership {
  /** How `extension` (the agent's local extension) belongs to `queue` (its name on the switch), or null when the agent may not join it. */
  membershipOf(extension: string, queue: string): Promise<QueueMembershipKind | null>;
  /** Every queue `extension` may take calls from, by switch name: exactly those membershipOf does not refuse. */
  queuesOf(extension: string): Promise<AgentQueue[]>;
}

/** The live plan of the tenant of the running work and its switch prefix; plan null: nothing of the tenant is on the switch yet. */
export type TenantPlanSource = () => Promise<{ prefix: string; plan: DialPlan | null }>;

/** The queues a dial plan lists `extension` in, by their switch names (`prefix` '' leaves them bare). */
export function queuesIn(plan: DialPlan, extension: string, prefix = ''): AgentQueue[] {
  return plan.queues
    .flatMap((q) => q.members.filter((m) => m.extension === extension).map((m) => ({ queue: switchName(prefix, q.name), membership: m.membership })))
    .sort((a, b) => a.queue.localeCompare(b.queue));
}

/** The membership a dial plan gives; one rule with queuesIn, so the console offers what the commands allow. */
export function membershipIn(plan: DialPlan, extension: string, queue: string, prefix = ''): QueueMembershipKind | null {
  return queuesIn(plan, extension, prefix).find((q) => q.queue === queue)?.membership ?? null;
}

/**
 * From the dial plan the switch runs for the agent's tenant, read at each queue login or logout
 * (a rare command, so no cache to go stale when another node publishes): its queue members are
 * exactly who may join. Queues are named as the switch has them (`acme-support`), so another
 * tenant's queue of the same local name is never one of them.
 */
export class LivePlanQueueMembership implements QueueMembership {
  constructor(private readonly livePlan: TenantPlanSource) {}

  async membershipOf(extension: string, queue: string): Promise<QueueMembershipKind | null> {
    const { prefix, plan } = await this.livePlan();
    return plan ? membershipIn(plan, extension, queue, prefix) : null;
  }

  async queuesOf(extension: string): Promise<AgentQueue[]> {
    const { prefix, plan } = await this.livePlan();
    return plan ? queuesIn(plan, extension, prefix) : [];
  }
}
