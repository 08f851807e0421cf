import type { AgentQueue, DialPlan, QueueMembershipKind } from '@ringside/shared';
import type { LivePlanSource } from './agent-phones.js';

/** Which queues an agent belongs to, as the admin configured them; the queue commands and the console ask it. */
export interface QueueMembership {
  /** How `extension` belongs to `queue`, or null when the agent may not join it. */
  membershipOf(extension: string, queue: string): Promise<QueueMembershipKind | null>;
  /** Every queue `extension` may take calls from, by name: exactly those membershipOf does not refuse. */
  queuesOf(extension: string): Promise<AgentQueue[]>;
}

/** The queues a dial plan lists `extension` in, by name. */
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
 * From the dial plan the switch runs, read at each queue login or logout (a rare command, so no
 * cache to go stale when another node publishes): its queue members are exactly who may join.
 */
export class LivePlanQueueMembership implements QueueMembership {
  constructor(private readonly livePlan: LivePlanSource) {}

  async membershipOf(extension: string, queue: string): Promise<QueueMembershipKind | null> {
    const { plan } = await this.livePlan();
    return membershipIn(plan, extension, queue);
  }

  async queuesOf(extension: string): Promise<AgentQueue[]> {
    const { plan } = await this.livePlan();
    return queuesIn(plan, extension);
  }
}
