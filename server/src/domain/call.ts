import { SINGLE_TENANT, endpointTenant, localQueue, type SwitchNaming } from './switch-naming.js';
import type { CallEndCause, CallStatus, CallView, IvrStep, LegRole, LegState } from '@ringside/shared';

/** One channel of a call, with what the domain needs to account for it. */
export interface CallLeg {
  uniqueid: string;
  channel: string;
  endpoint: string;
  role: LegRole;
  state: LegState;
  /** The agent behind the endpoint, when it is one of ours. */
  agentId: string | null;
  /** The queue that offered this leg, when one did. */
  queue: string | null;
  /** True once the phone was actually rung (a Newchannel alone does not ring anything). */
  offered: boolean;
  /** True once the ring ended unanswered, so the miss is reported once. */
  missed: boolean;
  createdAt: number;
  offeredAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  /** How long the caller waited for this leg: queue wait for the leg that answered the queue, else its ring time. */
  waitMs: number;
  holdMs: number;
  holdStartedAt: number | null;
  /**
   * True while the switch drops the audio from this leg's phone. MuteAudio raises no event: this
   * is set by `muteLeg` once the switch accepted the action, and by `call.muted`, Ringside's mark
   * on the channel read back from VarSet and at resync (after a restart or a hand-over).
   */
  muted: boolean;
  /** True for the leg whose answer counted as the queue visit's answer (AHT is accounted to it). */
  answeredQueueVisit: boolean;
}

/** The caller's stay in a queue; a transfer back to a queue starts a new visit. */
export interface QueueVisit {
  queue: string;
  joinedAt: number;
  answeredAt: number | null;
  abandonedAt: number | null;
  left: boolean;
}

/** A call: every channel sharing one Linkedid. */
export interface Call {
  linkedid: string;
  direction: 'inbound' | 'outbound' | 'internal';
  callerNumber: string | null;
  callerName: string | null;
  callerE164: string | null;
  dnid: string | null;
  /** The customer the call is about, once a pop or the agent identified them. */
  customerId: string | null;
  /** Legs by Uniqueid, in the order they appeared. */
  legs: Record<string, CallLeg>;
  ivrPath: IvrStep[];
  visit: QueueVisit | null;
  /** The queue the caller first joined; the call's queue for reporting and wrap-up time. */
  firstQueue: string | null;
  offeredAt: number;
  queuedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  /** Set by a transfer, cleared when an agent answers after it. */
  transferFrom: { agentId: string | null } | null;
  status: CallStatus;
}

/**
 * The tenant a call belongs to: its queue's, else the endpoint of its first channel (the caller's
 * trunk or the agent phone that dialled). Every view of the call and every room it reaches follow it.
 */
export function callTenant(call: Call, naming: SwitchNaming): string {
  const queue = call.visit?.queue ?? call.firstQueue;
  if (queue) return naming.owner(queue).tenantId;
  const first = Object.values(call.legs)[0];
  return first ? endpointTenant(naming, first.endpoint) : naming.owner('').tenantId;
}

/** Keeps an IVR path from growing without bound when a caller plays with the keypad. */
export const MAX_IVR_STEPS = 50;

/** Legs as a list, oldest first. */
export function legsOf(call: Call): CallLeg[] {
  return Object.values(call.legs);
}

/** Agent legs that have not ended. */
export function liveAgentLegs(call: Call): CallLeg[] {
  return legsOf(call).filter((l) => l.agentId !== null && l.state !== 'ended' && (l.offered || l.answeredAt !== null));
}

/** Total hold across legs, counting a hold still running up to `now`. */
export function callHoldMs(call: Call, now: number): number {
  return legsOf(call).reduce((sum, l) => sum + legHoldMs(l, now), 0);
}

/** A leg's hold, counting a hold still running up to `now`. */
export function legHoldMs(leg: CallLeg, now: number): number {
  return leg.holdMs + (leg.holdStartedAt !== null ? Math.max(0, now - leg.holdStartedAt) : 0);
}

/** Why an ended call ended. */
export function endCauseOf(call: Call): CallEndCause {
  if (call.answeredAt !== null) return 'answered';
  if (call.visit?.abandonedAt != null) return 'abandoned';
  return 'unanswered';
}

/** Where the call stands, derived from its legs so no event order can leave it inconsistent. */
export function deriveStatus(call: Call): CallStatus {
  if (call.endedAt !== null) return { kind: 'ended', cause: endCauseOf(call) };
  const agentLegs = liveAgentLegs(call);
  const answered = agentLegs.filter((l) => l.state === 'up' || l.state === 'held');
  const ringing = agentLegs.filter((l) => l.state === 'ringing' && !l.missed);
  const ringingAgents = [...new Set(ringing.map((l) => l.agentId as string))];
  if (answered.length > 0) {
    const first = answered[0] as CallLeg;
    if (answered.length > 1 || ringing.length > 0) {
      const others = [...answered.slice(1).map((l) => l.agentId as string), ...ringingAgents];
      return { kind: 'transferring', from: first.agentId, to: [...new Set(others)] };
    }
    if (first.state === 'held') return { kind: 'held', agent: first.agentId as string };
    return { kind: 'connected', agent: first.agentId };
  }
  if (call.transferFrom) return { kind: 'transferring', from: call.transferFrom.agentId, to: ringingAgents };
  if (ringingAgents.length > 0) return { kind: 'ringing', agents: ringingAgents };
  const visit = call.visit;
  if (visit && !visit.left && visit.abandonedAt === null && visit.answeredAt === null) {
    return { kind: 'queued', queue: visit.queue, since: visit.joinedAt };
  }
  // Answered earlier but no agent on it now: the caller talks to an external party or a non-agent extension.
  if (call.answeredAt !== null) return { kind: 'connected', agent: null };
  return { kind: 'ivr' };
}

/** The wire view of a call. */
export function callView(call: Call, now: number, naming: SwitchNaming = SINGLE_TENANT): CallView {
  const status = call.status.kind === 'queued' ? { ...call.status, queue: naming.owner(call.status.queue).local } : call.status;
  return {
    callId: call.linkedid,
    tenantId: callTenant(call, naming),
    direction: call.direction,
    callerNumber: call.callerNumber,
    callerE164: call.callerE164,
    callerName: call.callerName,
    status,
    queue: localQueue(naming, call.visit?.queue ?? call.firstQueue),
    ivrPath: [...call.ivrPath],
    offeredAt: call.offeredAt,
    queuedAt: call.queuedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    holdSeconds: Math.round(callHoldMs(call, call.endedAt ?? now) / 1000),
    legs: legsOf(call).map((l) => ({
      uniqueid: l.uniqueid,
      channel: l.channel,
      endpoint: l.endpoint,
      role: l.role,
      state: l.state,
      agentId: l.agentId,
      answeredAt: l.answeredAt,
      endedAt: l.endedAt,
      muted: l.muted,
    })),
  };
}

/** Whether a leg carries audio that a mute could drop: connected, talking or holding. */
export function hasAudio(leg: CallLeg): boolean {
  return leg.state === 'up' || leg.state === 'held';
}

/** A command on a call: the changed call (the input is not modified), or why it was refused. */
export type CallCommandResult = { ok: true; call: Call } | { ok: false; code: 'CALL_NOT_FOUND' | 'ILLEGAL_TRANSITION'; message: string };

/**
 * Records that the switch now drops (`on`) or passes the audio from a leg's phone. Only a
 * connected leg (talking or holding) has audio to mute; muting it twice changes nothing. res_mutestream
 * reports nothing on the event stream, so the caller applies this once MuteAudio succeeded.
 */
export function muteLeg(call: Call, uniqueid: string, on: boolean): CallCommandResult {
  const leg = call.legs[uniqueid];
  if (!leg) return { ok: false, code: 'CALL_NOT_FOUND', message: `call ${call.linkedid} has no leg ${uniqueid}` };
  const action = on ? 'mute' : 'unmute';
  if (!hasAudio(leg)) return { ok: false, code: 'ILLEGAL_TRANSITION', message: `cannot ${action} a leg that is ${leg.state === 'ended' ? 'ended' : 'still ringing'}` };
  if (leg.muted === on) return { ok: true, call };
  return { ok: true, call: { ...call, legs: { ...call.legs, [uniqueid]: { ...leg, muted: on } } } };
}

/** The agents a call involves (ringing, talking, or talked and left), for routing deltas to their rooms. */
export function agentsOf(call: Call): string[] {
  const ids = legsOf(call)
    .filter((l) => l.agentId !== null && (l.offered || l.answeredAt !== null))
    .map((l) => l.agentId as string);
  return [...new Set(ids)];
}

/** Deep equality of two JSON-shaped values (views), without serialising them: it runs on every call event. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
