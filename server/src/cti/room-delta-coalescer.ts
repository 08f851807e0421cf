import type { DeltaChange, Room, RoomDelta } from '@ringside/shared';

interface Pending {
  tenantId: string;
  room: Room;
  at: number;
  /** Keyed by entity, so a later change of the same queue, agent or call replaces the earlier one. */
  changes: Map<string, DeltaChange>;
  timer: NodeJS.Timeout;
}

/** True for the rooms whose deltas may wait: a queue's watchers, who only see its summary. */
export const isCoalescedRoom = (room: string): boolean => room.startsWith('queue:');

function entityKey(change: DeltaChange): string {
  switch (change.type) {
    case 'agent':
      return `agent:${change.agent.agentId}`;
    case 'queue':
      return `queue:${change.queue.tenantId}:${change.queue.name}`;
    // A removal and the call's last view share a key: once removed, only the removal is sent.
    case 'call':
      return `call:${change.call.callId}`;
    case 'call_removed':
      return `call:${change.callId}`;
  }
}

/** One tenant's room: two tenants' `queue:support` are two rooms. */
const keyOf = (tenantId: string, room: string) => `${tenantId} ${room}`;

/**
 * Holds the deltas of queue rooms and sends each room at most one delta per `intervalMs`, with
 * the latest view of every entity that changed in the window and its own sequence numbers
 * (one per flush). Every other room passes straight through with the domain's numbers.
 * With `intervalMs` 0 everything passes through unchanged.
 */
export class RoomDeltaCoalescer {
  private readonly pending = new Map<string, Pending>();
  private readonly seqs = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (deltas: RoomDelta[]) => void,
  ) {}

  /** Whether this room's deltas are held and renumbered here. */
  holds(room: string): boolean {
    return this.intervalMs > 0 && isCoalescedRoom(room);
  }

  /** Sends the deltas that may not wait now, in order, and holds the others. */
  route(deltas: RoomDelta[]): void {
    const now: RoomDelta[] = [];
    for (const d of deltas) {
      if (this.holds(d.room)) this.hold(d);
      else now.push(d);
    }
    if (now.length > 0) this.send(now);
  }

  /**
   * The seq a snapshot must report for a held room: what is pending is sent first, so the socket
   * continues from the last delta sent and the snapshot's state is at least as new as it.
   */
  settle(tenantId: string, room: Room): number {
    this.flush(tenantId, room);
    return this.seqs.get(keyOf(tenantId, room)) ?? 0;
  }

  /** Sends what is pending for one tenant's room now. */
  flush(tenantId: string, room: Room): void {
    const key = keyOf(tenantId, room);
    const p = this.pending.get(key);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(key);
    const seq = (this.seqs.get(key) ?? 0) + 1;
    this.seqs.set(key, seq);
    this.send([{ room, tenantId, seq, at: p.at, changes: [...p.changes.values()] }]);
  }

  /** Forgets everything held and every number: the state it described is gone (rebuild, hand-over). */
  reset(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.seqs.clear();
  }

  private hold(delta: RoomDelta): void {
    const key = keyOf(delta.tenantId, delta.room);
    let p = this.pending.get(key);
    if (!p) {
      // One timer per room, armed by the room's first change after a flush: rooms flush at
      // different moments instead of all sockets being written in one burst.
      const timer = setTimeout(() => this.flush(delta.tenantId, delta.room), this.intervalMs);
      timer.unref();
      p = { tenantId: delta.tenantId, room: delta.room, at: delta.at, changes: new Map(), timer };
      this.pending.set(key, p);
    }
    p.at = Math.max(p.at, delta.at);
    for (const c of delta.changes) {
      const key = entityKey(c);
      // Delete first so the entity moves to where its latest change happened.
      p.changes.delete(key);
      p.changes.set(key, c);
    }
  }
}
