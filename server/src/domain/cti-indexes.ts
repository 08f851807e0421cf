import type { AgentRecord } from './cti-views.js';

/**
 * The agents in each queue. Queue views are built on every call event, so scanning every agent
 * for each would cost O(agents) per event; memberships change far more rarely, so the index is
 * rebuilt only after one did (member events and agent upserts call `stale`).
 */
export class QueueMembers {
  private index: Map<string, AgentRecord[]> | null = null;

  constructor(private readonly agents: () => Iterable<AgentRecord>) {}

  /** A membership changed somewhere: rebuild on the next read. */
  stale(): void {
    this.index = null;
  }

  of(queue: string): AgentRecord[] {
    if (!this.index) {
      const index = new Map<string, AgentRecord[]>();
      for (const rec of this.agents()) {
        for (const q of rec.memberships.keys()) {
          const list = index.get(q);
          if (list) list.push(rec);
          else index.set(q, [rec]);
        }
      }
      this.index = index;
    }
    return this.index.get(queue) ?? [];
  }
}

/**
 * The tenant each call's views went to so far, kept past the call's end (bounded, oldest
 * forgotten first) so its last records are written in its tenant.
 */
export class CallTenants {
  private readonly seen = new Map<string, string>();

  constructor(private readonly memory: number) {}

  /** Records the call's tenant now; returns the tenant it had before when that differs (the call moved). */
  note(callId: string, tenantId: string): string | null {
    const before = this.seen.get(callId);
    this.seen.set(callId, tenantId);
    if (this.seen.size > this.memory) this.seen.delete(this.seen.keys().next().value as string);
    return before !== undefined && before !== tenantId ? before : null;
  }

  of(callId: string): string | undefined {
    return this.seen.get(callId);
  }
}
