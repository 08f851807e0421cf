import * as machine from './agent-state.js';
import type { Call, CallLeg } from './call.js';
import { legHoldMs } from './call.js';
import type { CallFact } from './call-reducer.js';
import type { Batch } from './cti-batch.js';
import type { QueueSettings } from './cti-config.js';
import { agentRoom, type AgentRecord } from './cti-views.js';
import type { MemberAdded, MemberPaused, MemberRemoved } from './events.js';
import { agentLegOpenRecord, agentLegRecord } from './interaction-records.js';
import type { InteractionRecord } from './ports/interaction-log.js';
import type { QueueStatsBook } from './queue-stats.js';
import { screenPopContext } from './screen-pop.js';
import type { SwitchNaming } from './switch-naming.js';

// How agents react to what happens on calls and in queues. Facts are never refused here: a
// transition the state machine rejects is reported as an anomaly and the agent's state is kept.

/** What the agent-side reactions need from the state holder. */
export interface AgentSide {
  stats: QueueStatsBook;
  settingsOf(queue: string): QueueSettings;
  defaultWrapUpSeconds: number;
  log(record: InteractionRecord, batch: Batch): void;
  naming: SwitchNaming;
}

/** A queue-membership fact. */
export type MemberEvent = MemberAdded | MemberRemoved | MemberPaused;

/** Moves an agent to a new state with everything that hangs off it: wrap-up timers, handle time, deltas. */
export function transitionAgent(side: AgentSide, rec: AgentRecord, result: machine.Transition, cause: string, at: number, batch: Batch): boolean {
  if (!result.ok) {
    batch.effects.push({ kind: 'anomaly', message: `agent ${rec.entry.agentId} (${cause}): ${result.message}` });
    return false;
  }
  const from = rec.status;
  const to = result.state;
  if (from === to) return true;
  rec.status = to;
  const agentId = rec.entry.agentId;
  batch.agents.add(agentId);
  for (const q of rec.memberships.keys()) batch.queues.add(q);
  batch.effects.push({ kind: 'agentStateChanged', event: { type: 'agent.state_changed', at, agentId, from, to, cause } });
  if (to.kind === 'wrap_up' && from.kind !== 'ringing') {
    batch.effects.push({ kind: 'wrapUpTimer', agentId, callId: to.callId, at: to.until });
  }
  if (to.kind !== 'wrap_up' && to.kind !== 'ringing' && rec.pendingHandle) {
    // Wrap-up counts until it ended, never past its deadline when the timer fired late.
    const end = from.kind === 'wrap_up' ? Math.min(at, from.until) : at;
    const h = rec.pendingHandle;
    rec.pendingHandle = null;
    side.stats.handled(h.queue, h.joinedAt, { talkMs: h.talkMs, holdMs: h.holdMs, wrapUpMs: Math.max(0, end - h.wrapStartedAt) });
    batch.queues.add(h.queue);
  }
  return true;
}

/** Applies a queue-membership fact to the agent behind its endpoint. */
export function applyMemberEvent(side: AgentSide, rec: AgentRecord, event: MemberEvent, batch: Batch): void {
  batch.agents.add(rec.entry.agentId);
  switch (event.type) {
    case 'member.added':
      rec.memberships.set(event.queue, { paused: event.paused, pausedReason: event.paused ? event.pausedReason : null });
      batch.queues.add(event.queue);
      break;
    case 'member.removed':
      rec.memberships.delete(event.queue);
      batch.queues.add(event.queue);
      break;
    case 'member.paused': {
      const queues = event.queue ? [event.queue] : [...rec.memberships.keys()];
      for (const q of queues) {
        rec.memberships.set(q, { paused: event.paused, pausedReason: event.paused ? event.reason : null });
        batch.queues.add(q);
      }
      // Pausing is a membership fact first; it moves the agent only when the state machine allows it.
      if (event.paused && (rec.status.kind === 'ready' || rec.status.kind === 'paused')) {
        transitionAgent(side, rec, machine.pause(rec.status, event.reason ?? 'Paused', event.at), event.type, event.at, batch);
      } else if (!event.paused && rec.status.kind === 'paused' && [...rec.memberships.values()].every((m) => !m.paused)) {
        transitionAgent(side, rec, machine.goReady(rec.status, event.at), event.type, event.at, batch);
      }
      break;
    }
  }
}

/** Moves the agent behind a leg as the leg rings, answers, holds or ends. */
export function onAgentLeg(side: AgentSide, rec: AgentRecord, call: Call, kind: CallFact['kind'], leg: CallLeg, at: number, batch: Batch): void {
  const callId = call.linkedid;
  const s = rec.status;
  switch (kind) {
    case 'leg_ringing':
      transitionAgent(side, rec, machine.ring(s, callId, at), 'call.offered', at, batch);
      // The agent's own phone ringing for an originate is no incoming call to pop.
      if (leg.uniqueid !== call.linkedid) {
        batch.effects.push({ kind: 'screenPop', room: agentRoom(rec.entry.agentId), context: screenPopContext(call, rec.entry.agentId, at, side.naming) });
      }
      break;
    case 'leg_answered': {
      const step = s.kind === 'ringing' && s.callId === callId ? machine.answer(s, callId, at) : machine.dialOut(s, callId, at);
      transitionAgent(side, rec, step, 'call.answered', at, batch);
      batch.effects.push({ kind: 'interactionOpened', record: agentLegOpenRecord(call, leg, leg.answeredAt ?? at) });
      break;
    }
    case 'leg_missed':
      if (s.kind === 'ringing' && s.callId === callId) transitionAgent(side, rec, machine.missedRing(s, callId, at), 'call.missed', at, batch);
      break;
    case 'leg_held':
      transitionAgent(side, rec, machine.hold(s, callId, at), 'call.held', at, batch);
      break;
    case 'leg_unheld':
      transitionAgent(side, rec, machine.unhold(s, callId, at), 'call.unheld', at, batch);
      break;
    case 'leg_ended':
      onAgentLegEnded(side, rec, call, leg, at, batch);
      break;
  }
}

function onAgentLegEnded(side: AgentSide, rec: AgentRecord, call: Call, leg: CallLeg, at: number, batch: Batch): void {
  const callId = call.linkedid;
  const pending = rec.pendingDisposition?.callId === callId ? rec.pendingDisposition : null;
  rec.pendingDisposition = null;
  side.log(agentLegRecord(call, leg, pending), batch);
  const queue = leg.queue ?? call.firstQueue;
  rec.lastCall = { callId, legId: leg.uniqueid, callerNumber: call.callerE164 ?? call.callerNumber, queue, disposition: pending?.code ?? null };
  batch.agents.add(rec.entry.agentId);
  if (leg.answeredQueueVisit && leg.queue && leg.answeredAt !== null) {
    const holdMs = legHoldMs(leg, at);
    const joinedAt = leg.answeredAt - leg.waitMs;
    rec.pendingHandle = { queue: leg.queue, joinedAt, talkMs: at - leg.answeredAt - holdMs, holdMs, wrapStartedAt: at };
  }
  const wrapUpSeconds = queue ? side.settingsOf(queue).wrapUpSeconds : side.defaultWrapUpSeconds;
  const ended = transitionAgent(side, rec, machine.endCall(rec.status, callId, wrapUpSeconds, at), 'call.ended', at, batch);
  if (!ended && rec.pendingHandle) {
    // The agent had already moved on (forced logout mid-call): there is no wrap-up to wait for.
    const h = rec.pendingHandle;
    rec.pendingHandle = null;
    side.stats.handled(h.queue, h.joinedAt, { talkMs: h.talkMs, holdMs: h.holdMs, wrapUpMs: 0 });
    batch.queues.add(h.queue);
  }
}

