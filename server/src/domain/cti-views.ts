import { AGENT_STATUS_KINDS, type AgentStatusKind, type AgentView, type LastCallView, type QueueView, type Room } from '@ringside/shared';
import type { AgentState } from './agent-state.js';
import type { AgentDirectoryEntry, QueueSettings } from './cti-config.js';
import type { QueueStatsBook } from './queue-stats.js';
import { SINGLE_TENANT, endpointTenant, localQueue, type SwitchNaming } from './switch-naming.js';

/** An agent's membership of one queue, as the switch reports it. */
export interface Membership {
  paused: boolean;
  pausedReason: string | null;
}

/** An answered queue call whose handle time is complete once wrap-up ends. */
export interface PendingHandle {
  queue: string;
  joinedAt: number;
  talkMs: number;
  holdMs: number;
  wrapStartedAt: number;
}

/** Everything the state holder keeps per agent. */
export interface AgentRecord {
  entry: AgentDirectoryEntry;
  status: AgentState;
  memberships: Map<string, Membership>;
  lastCall: LastCallView | null;
  /** A disposition chosen while still on the call; it travels with the leg's record. */
  pendingDisposition: { callId: string; code: string; notes: string | null } | null;
  pendingHandle: PendingHandle | null;
}

/** The tenant an agent works for: the agents row's, else their endpoint's prefix. */
export function agentTenant(rec: Pick<AgentRecord, 'entry'>, naming: SwitchNaming): string {
  return rec.entry.tenantId ?? endpointTenant(naming, rec.entry.endpoint);
}

/** The room of one agent's sockets. */
export function agentRoom(agentId: string): Room {
  return `agent:${agentId}`;
}

/** The room of everyone watching one queue; `queue` is the tenant's local name. */
export function queueRoom(queue: string): Room {
  return `queue:${queue}`;
}

/** The room of all supervisors (of one tenant: deltas carry the tenant). */
export const SUPERVISORS_ROOM: Room = 'supervisors';

/** The wire view of an agent. */
export function agentView(rec: AgentRecord, naming: SwitchNaming = SINGLE_TENANT): AgentView {
  return {
    agentId: rec.entry.agentId,
    tenantId: agentTenant(rec, naming),
    name: rec.entry.name,
    endpoint: rec.entry.endpoint,
    extension: rec.entry.extension,
    status: rec.status,
    memberships: [...rec.memberships].map(([queue, m]) => ({ queue: naming.owner(queue).local, paused: m.paused, pausedReason: m.pausedReason })),
    lastCall: rec.lastCall ? { ...rec.lastCall, queue: localQueue(naming, rec.lastCall.queue) } : null,
  };
}

/** A queue's live picture and today's and this interval's figures. */
export function queueView(settings: QueueSettings, stats: QueueStatsBook, agents: Iterable<AgentRecord>, now: number, naming: SwitchNaming = SINGLE_TENANT): QueueView {
  const counts = Object.fromEntries(AGENT_STATUS_KINDS.map((k) => [k, 0])) as Record<AgentStatusKind, number>;
  for (const rec of agents) {
    if (rec.memberships.has(settings.name)) counts[rec.status.kind] += 1;
  }
  const live = stats.live(settings.name);
  const owner = naming.owner(settings.name);
  return {
    name: owner.local,
    tenantId: owner.tenantId,
    serviceLevelSeconds: settings.serviceLevelSeconds,
    waiting: live.waiting,
    longestWaitSince: live.longestWaitSince,
    agents: counts,
    today: stats.day(settings.name, now),
    interval: stats.interval(settings.name, now),
  };
}
