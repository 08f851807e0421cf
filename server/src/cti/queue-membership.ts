import type { DialPlan, QueueMembershipKind } from '@ringside/shared';
import type { LivePlanSource } from './agent-phones.js';

/** Which queues an agent belongs to, as the admin configured them; the queue commands ask it. */
export interface QueueMembership {
  /** How `extension` belongs to `queue`, or null when the agent may not join it. */
  membershipOf(extension: string, queue: string): Promise<QueueMembershipKind | null>;
}

/** The membership a dial plan gives. */
export function membershipIn(plan: DialPlan, extension: string, queue: string): QueueMembershipKind | null {
  return plan.queues.find((q) => q.name === queue)?.members.find((m) => m.extension === extension)?.membership ?? null;
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
}
