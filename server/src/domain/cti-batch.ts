import type { DeltaChange, Room, RoomDelta } from '@ringside/shared';
import { agentsOf, callView, type Call } from './call.js';
import { SUPERVISORS_ROOM, agentRoom, agentTenant, agentView, queueRoom, type AgentRecord } from './cti-views.js';
import type { SwitchNaming } from './switch-naming.js';
import type { AgentStateChanged } from './events.js';
import type { InteractionRecord, OpenInteraction } from './ports/interaction-log.js';
import type { ScreenPopContext } from './screen-pop.js';
import type { QueueView } from '@ringside/shared';

/** Work the domain decided on; the composition root carries it out (send, write, schedule). */
export type CtiEffect =
  /** The caller's number is known: start the CRM lookup now, so it is ready when a phone rings. */
  | { kind: 'callerKnown'; callId: string; e164: string }
  /** The call is over: its caller lookup is no longer needed. */
  | { kind: 'callGone'; callId: string }
  /** Look the caller up and send the pop to `room` (the ringing agent's, and only theirs). */
  | { kind: 'screenPop'; room: Room; context: ScreenPopContext }
  /** Write this leg to the interaction log (exactly once per legId). */
  | { kind: 'interaction'; record: InteractionRecord }
  /** An agent answered: write the leg open now, so a crash before it ends leaves a record to close. */
  | { kind: 'interactionOpened'; record: OpenInteraction }
  /** Add a disposition to a leg already written. */
  | { kind: 'disposition'; legId: string; code: string; notes: string | null }
  /** Call `wrapUpExpired(agentId)` (or `tick`) at `at`. */
  | { kind: 'wrapUpTimer'; agentId: string; callId: string; at: number }
  | { kind: 'agentStateChanged'; event: AgentStateChanged }
  /** A fact the agent state machine refused; state was kept. Worth a log line, not an error. */
  | { kind: 'anomaly'; message: string };

/** What applying an event or a command produced: deltas per room, in order, and effects. */
export interface CtiOutcome {
  deltas: RoomDelta[];
  effects: CtiEffect[];
}

/** What one event or command touched, collected so each room gets one delta with final views. */
export interface Batch {
  agents: Set<string>;
  calls: Map<string, Call>;
  removed: Set<string>;
  queues: Set<string>;
  /** Calls whose tenant changed (a call from an unprefixed trunk joined a tenant's queue), with the tenant that saw them so far. */
  moved: Map<string, string>;
  effects: CtiEffect[];
}

/** An empty batch. */
export function newBatch(): Batch {
  return { agents: new Set(), calls: new Map(), removed: new Set(), queues: new Set(), moved: new Map(), effects: [] };
}

/** Per-room sequence numbers of each tenant: each delta to a room carries the previous number plus one. */
export class RoomSequencer {
  private readonly seqs = new Map<string, number>();

  /** The last number sent to a tenant's room (0 before any). */
  current(tenantId: string, room: Room): number {
    return this.seqs.get(`${tenantId} ${room}`) ?? 0;
  }

  /** Takes the next number of a tenant's room. */
  next(tenantId: string, room: Room): number {
    const seq = this.current(tenantId, room) + 1;
    this.seqs.set(`${tenantId} ${room}`, seq);
    return seq;
  }
}

/** What `deltasOf` reads from the state holder. */
export interface BatchSource {
  agent(agentId: string): AgentRecord | undefined;
  queueView(queue: string, at: number): QueueView;
  naming: SwitchNaming;
}

/**
 * Routes what changed to the rooms allowed to see it, all of the tenant owning it: an agent's
 * state to their room and their tenant's supervisors; a call to its tenant's supervisors and the
 * rooms of the agents on it; a queue to its tenant's supervisors and its watchers. Nothing of one
 * tenant reaches a room of another. One delta per room, numbered by `sequencer`.
 */
export function deltasOf(batch: Batch, at: number, source: BatchSource, sequencer: RoomSequencer): RoomDelta[] {
  const { naming } = source;
  const byRoom = new Map<string, { tenantId: string; room: Room; changes: DeltaChange[] }>();
  const push = (tenantId: string, room: Room, change: DeltaChange) => {
    const key = `${tenantId} ${room}`;
    let entry = byRoom.get(key);
    if (!entry) byRoom.set(key, (entry = { tenantId, room, changes: [] }));
    entry.changes.push(change);
  };
  for (const agentId of batch.agents) {
    const rec = source.agent(agentId);
    if (!rec) continue;
    const change: DeltaChange = { type: 'agent', agent: agentView(rec, naming) };
    push(change.agent.tenantId, agentRoom(agentId), change);
    push(change.agent.tenantId, SUPERVISORS_ROOM, change);
  }
  for (const [callId, before] of batch.moved) push(before, SUPERVISORS_ROOM, { type: 'call_removed', callId });
  for (const call of batch.calls.values()) {
    const view = callView(call, at, naming);
    const change: DeltaChange = { type: 'call', call: view };
    const removed = batch.removed.has(call.linkedid);
    const rooms: Array<[string, Room]> = [[view.tenantId, SUPERVISORS_ROOM]];
    for (const agentId of agentsOf(call)) {
      const rec = source.agent(agentId);
      rooms.push([rec ? agentTenant(rec, naming) : view.tenantId, agentRoom(agentId)]);
    }
    for (const [tenantId, room] of rooms) {
      push(tenantId, room, change);
      if (removed) push(tenantId, room, { type: 'call_removed', callId: call.linkedid });
    }
  }
  for (const queue of batch.queues) {
    const view = source.queueView(queue, at);
    const change: DeltaChange = { type: 'queue', queue: view };
    push(view.tenantId, SUPERVISORS_ROOM, change);
    push(view.tenantId, queueRoom(view.name), change);
  }
  return [...byRoom.values()].map(({ tenantId, room, changes }) => ({ room, tenantId, seq: sequencer.next(tenantId, room), at, changes }));
}
