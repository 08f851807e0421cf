import type { AgentView, CallView, Colleague, QueuePeriodStats, QueueView, RoomDelta, Snapshot } from '@ringside/shared';
import { readExtras, type SnapshotExtras } from './snapshot-extras.js';

/** The live picture built from one snapshot and the deltas after it. */
export interface LiveData {
  view: Snapshot['view'];
  /** Server time of the newest snapshot or delta applied. */
  at: number;
  /** Server clock minus this browser's clock, so ticking timers agree with the server. */
  clockOffsetMs: number;
  /** The signed-in agent (agent view only). */
  me: AgentView | null;
  agents: Record<string, AgentView>;
  /** The other agents as an agent may see them (agent view only), for the transfer directory. */
  colleagues: Colleague[];
  calls: Record<string, CallView>;
  queues: Record<string, QueueView>;
  /** Last applied sequence number per room. */
  seqs: Record<string, number>;
  extras: SnapshotExtras;
}

/** Interval figures per queue and period (`YYYY-MM-DDTHH:MM`), kept across snapshots for today's charts. */
export type IntervalHistory = Record<string, Record<string, QueuePeriodStats>>;

function byKey<T>(items: T[], key: (item: T) => string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) out[key(item)] = item;
  return out;
}

/** A fresh picture: everything before it is discarded. */
export function fromSnapshot(snapshot: Snapshot, receivedAt: number): LiveData {
  const agents = snapshot.view === 'agent' ? [snapshot.agent] : snapshot.agents;
  return {
    view: snapshot.view,
    at: snapshot.at,
    clockOffsetMs: snapshot.at - receivedAt,
    me: snapshot.view === 'agent' ? snapshot.agent : null,
    agents: byKey(agents, (a) => a.agentId),
    colleagues: snapshot.view === 'agent' ? (snapshot.colleagues ?? []) : [],
    calls: byKey(snapshot.calls, (c) => c.callId),
    queues: byKey(snapshot.queues, (q) => q.name),
    seqs: { ...snapshot.seqs },
    extras: readExtras(snapshot),
  };
}

/** What one delta does to the picture. */
export type DeltaOutcome =
  | { kind: 'applied'; live: LiveData }
  /** Already contained in the picture (a duplicate or an older delta). */
  | { kind: 'ignored' }
  /** A delta is missing before this one, or its room is unknown: the picture can no longer be trusted. */
  | { kind: 'gap'; room: string; expected: number | null; got: number };

/** Applies a delta when its seq is exactly the room's last + 1. */
export function applyDelta(live: LiveData, delta: RoomDelta): DeltaOutcome {
  const last = live.seqs[delta.room];
  if (last === undefined) return { kind: 'gap', room: delta.room, expected: null, got: delta.seq };
  if (delta.seq <= last) return { kind: 'ignored' };
  if (delta.seq !== last + 1) return { kind: 'gap', room: delta.room, expected: last + 1, got: delta.seq };

  let { me } = live;
  const agents = { ...live.agents };
  const calls = { ...live.calls };
  const queues = { ...live.queues };
  for (const change of delta.changes) {
    switch (change.type) {
      case 'agent':
        agents[change.agent.agentId] = change.agent;
        if (me && me.agentId === change.agent.agentId) me = change.agent;
        break;
      case 'call':
        calls[change.call.callId] = change.call;
        break;
      case 'call_removed':
        delete calls[change.callId];
        break;
      case 'queue':
        queues[change.queue.name] = change.queue;
        break;
    }
  }
  return {
    kind: 'applied',
    live: { ...live, at: Math.max(live.at, delta.at), me, agents, calls, queues, seqs: { ...live.seqs, [delta.room]: delta.seq } },
  };
}

/** Records each queue's current interval (and any history the snapshot carried), keeping only today's. */
export function recordIntervals(history: IntervalHistory, queues: QueueView[], extra: Record<string, QueuePeriodStats[]> = {}): IntervalHistory {
  let next = history;
  const touch = (queue: string, stats: QueuePeriodStats, today: string) => {
    const current = next[queue] ?? {};
    if (current[stats.period] === stats) return;
    const kept: Record<string, QueuePeriodStats> = {};
    for (const [period, s] of Object.entries(current)) if (period.startsWith(today)) kept[period] = s;
    if (stats.period.startsWith(today)) kept[stats.period] = stats;
    next = { ...next, [queue]: kept };
  };
  for (const q of queues) {
    const today = q.today.period.slice(0, 10);
    for (const s of extra[q.name] ?? []) touch(q.name, s, today);
    touch(q.name, q.interval, today);
  }
  return next;
}
