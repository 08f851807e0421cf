import type { RoomDelta } from '@ringside/shared';

/**
 * The agents whose queue memberships changed in these deltas, with their tenant and their queues
 * now (local names, sorted). `known` holds each agent's last reported set and is updated, so an
 * unchanged set is not reported again.
 */
export function changedQueueRooms(deltas: readonly RoomDelta[], known: Map<string, string>): Array<[string, string, string[]]> {
  const changed: Array<[string, string, string[]]> = [];
  for (const d of deltas) {
    if (d.room === 'supervisors') continue;
    for (const c of d.changes) {
      if (c.type !== 'agent') continue;
      const queues = c.agent.memberships.map((m) => m.queue).sort();
      const key = [c.agent.tenantId, ...queues].join('\u0000');
      if (known.get(c.agent.agentId) === key) continue;
      known.set(c.agent.agentId, key);
      changed.push([c.agent.agentId, c.agent.tenantId, queues]);
    }
  }
  return changed;
}
