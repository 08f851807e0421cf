import type { DeltaChange, Room, RoomDelta } from '@ringside/shared';
import { agentsOf, callView, type Call } from './call.js';
import { SUPERVISORS_ROOM, agentRoom, agentView, queueRoom, type AgentRecord } from './cti-views.js';
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
  effects: CtiEffect[];
}

/** An empty batch. */
export function newBatch(): Batch {
  return { agents: new Set(), calls: new Map(), removed: new Set(), queues: new Set(), effects: [] };
}

/** Per-room sequence numbers: each delta to a room carries the previous number plus one. */
export class RoomSequencer {
  private readonly seqs = new Map<string, number>();

  /** The last number sent to a room (0 before any). */
  current(room: Room): number {
    return this.seqs.get(room) ?? 0;
  }

  /** Takes the next number of a room. */
  next(room: Room): number {
    const seq = this.current(room) + 1;
    this.seqs.set(room, seq);
    return seq;
  }
}

/** What `deltasOf` reads from the state holder. */
export interface BatchSource {
  agent(agentId: string): AgentRecord | undefined;
  queueView(queue: string, at: number): QueueView;
}

/**
 * Routes what changed to the rooms allowed to see it: an agent's state to their room and the
 * supervisors; a call to the supervisors and the rooms of the agents on it; a queue to the
 * supervisors and its watchers. One delta per room, numbered by `sequencer`.
 */
export function deltasOf(batch: Batch, at: number, source: BatchSource, sequencer: RoomSequencer): RoomDelta[] {
  const byRoom = new Map<Room, DeltaChange[]>();
  const push = (room: Room, change: DeltaChange) => {
    let list = byRoom.get(room);
    if (!list) byRoom.set(room, (list = []));
    list.push(change);
  };
  for (const agentId of batch.agents) {
    const rec = source.agent(agentId);
    if (!rec) continue;
    const change: DeltaChange = { type: 'agent', agent: agentView(rec) };
    push(agentRoom(agentId), change);
    push(SUPERVISORS_ROOM, change);
  }
  for (const call of batch.calls.values()) {
    const change: DeltaChange = { type: 'call', call: callView(call, at) };
    const removed = batch.removed.has(call.linkedid);
    for (const room of [SUPERVISORS_ROOM, ...agentsOf(call).map(agentRoom)]) {
      push(room, change);
      if (removed) push(room, { type: 'call_removed', callId: call.linkedid });
    }
  }
  for (const queue of batch.queues) {
    const change: DeltaChange = { type: 'queue', queue: source.queueView(queue, at) };
    push(SUPERVISORS_ROOM, change);
    push(queueRoom(queue), change);
  }
  return [...byRoom].map(([room, changes]) => ({ room, seq: sequencer.next(room), at, changes }));
}
