import type { QueueManager } from './queue-manager.js';
import type { QueueMember, QueueState } from './queue-model.js';

/** Picks the members to ring now, honouring penalties (lowest tier first) and the queue's strategy. */
export function selectMembers(mgr: QueueManager, q: QueueState, random: () => number = Math.random): QueueMember[] {
  const available = q.members.filter((m) => mgr.isAvailable(q, m));
  if (available.length === 0) return [];
  const minPenalty = Math.min(...available.map((m) => m.penalty));
  const tier = available.filter((m) => m.penalty === minPenalty);
  switch (q.config.strategy) {
    case 'ringall':
      return tier;
    case 'linear':
      return [tier[0]!];
    case 'rrmemory': {
      const n = q.members.length;
      for (let i = 0; i < n; i++) {
        const idx = (q.rrNext + i) % n;
        const m = q.members[idx]!;
        if (tier.includes(m)) {
          q.rrNext = (idx + 1) % n;
          return [m];
        }
      }
      return [tier[0]!];
    }
    case 'leastrecent':
      return [tier.reduce((a, b) => (b.lastCall < a.lastCall ? b : a))];
    case 'fewestcalls':
      return [tier.reduce((a, b) => (b.callsTaken < a.callsTaken ? b : a))];
    case 'random':
    case 'wrandom':
      return [tier[Math.floor(random() * tier.length)]!];
  }
}
