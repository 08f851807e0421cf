import type { QueueManager } from './queue-manager.js';
import type { QueueMember, QueueState } from './queue-model.js';

/** app_queue's member_hash_fn: up to five characters after the technology, six bits each. */
function memberHash(iface: string): number {
  const slash = iface.indexOf('/');
  const name = slash < 0 ? iface : iface.slice(slash + 1);
  let h = 0;
  for (let i = 0; i < 5 && i < name.length; i++) {
    const c = name.charCodeAt(i);
    h += (c < 32 ? 0 : c > 96 ? c - 64 : c - 32) << (i * 6);
  }
  return h;
}

/**
 * Members in the order app_queue walks its 37-bucket hash container (highest bucket first); linear
 * strategies keep a list in configuration order. QueueStatus lists members in this order.
 */
export function memberOrder(q: QueueState): QueueMember[] {
  if (q.config.strategy === 'linear') return [...q.members];
  return q.members
    .map((m, i) => ({ m, i, b: Math.abs(memberHash(m.interface) % 37) }))
    .sort((x, y) => y.b - x.b || x.i - y.i)
    .map((x) => x.m);
}

/** Picks the members to ring now, honouring penalties (lowest tier first) and the queue's strategy. */
export function selectMembers(mgr: QueueManager, q: QueueState, random: () => number = Math.random): QueueMember[] {
  const available = memberOrder(q).filter((m) => mgr.isAvailable(q, m));
  if (available.length === 0) return [];
  const minPenalty = Math.min(...available.map((m) => m.penalty));
  const tier = available.filter((m) => m.penalty === minPenalty);
  switch (q.config.strategy) {
    case 'ringall':
      // try_calling prepends each attempt to its list, so phones ring in reverse walk order.
      return [...tier].reverse();
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
