import { toE164 } from '@ringside/shared';
import { MAX_IVR_STEPS, deriveStatus, endCauseOf, hasAudio, legsOf, type Call, type CallLeg } from './call.js';
import { endpointOfChannel, type DomainEvent } from './events.js';
import type { CallEndCause, LegRole } from '@ringside/shared';

/** The events that concern one call (the rest concern queue membership). */
export type CallEvent = Extract<DomainEvent, { linkedid: string }>;

/** What the reducer needs from outside: which endpoints are our agents, and how to read numbers. */
export interface CallContext {
  agentIdOf(endpoint: string): string | null;
  defaultCountry: string;
}

/** Something that happened to a call that the state holder must act on (agents, stats, logging). */
export type CallFact =
  | { kind: 'call_started'; call: Call }
  | { kind: 'leg_ringing'; leg: CallLeg }
  | { kind: 'leg_answered'; leg: CallLeg }
  | { kind: 'leg_missed'; leg: CallLeg }
  | { kind: 'leg_held'; leg: CallLeg }
  | { kind: 'leg_unheld'; leg: CallLeg }
  | { kind: 'leg_ended'; leg: CallLeg }
  | { kind: 'queue_joined'; queue: string; joinedAt: number }
  | { kind: 'queue_left'; queue: string }
  | { kind: 'queue_answered'; queue: string; joinedAt: number; waitMs: number }
  | { kind: 'queue_abandoned'; queue: string; joinedAt: number; waitMs: number }
  | { kind: 'transferred'; leg: CallLeg; transferKind: 'blind' | 'attended' }
  | { kind: 'call_ended'; cause: CallEndCause };

/** A call after an event, and what the event did. `call` is undefined when the event could not open one. */
export interface CallReduction {
  call: Call | undefined;
  facts: CallFact[];
}

function newCall(linkedid: string, at: number): Call {
  return {
    linkedid,
    direction: 'inbound',
    callerNumber: null,
    callerName: null,
    callerE164: null,
    dnid: null,
    customerId: null,
    legs: {},
    ivrPath: [],
    visit: null,
    firstQueue: null,
    offeredAt: at,
    queuedAt: null,
    answeredAt: null,
    endedAt: null,
    transferFrom: null,
    status: { kind: 'ivr' },
  };
}

function newLeg(uniqueid: string, channel: string, role: LegRole, agentId: string | null, at: number): CallLeg {
  return {
    uniqueid,
    channel,
    endpoint: endpointOfChannel(channel),
    role,
    state: 'ringing',
    agentId,
    queue: null,
    offered: false,
    missed: false,
    createdAt: at,
    offeredAt: null,
    answeredAt: null,
    endedAt: null,
    waitMs: 0,
    holdMs: 0,
    holdStartedAt: null,
    muted: false,
    answeredQueueVisit: false,
  };
}

function inferRole(call: Call, channel: string, agentId: string | null, isFirst: boolean): LegRole {
  if (channel.startsWith('Local/')) return 'local';
  if (agentId !== null) return 'agent';
  if (isFirst || !legsOf(call).some((l) => l.role === 'caller')) return 'caller';
  return 'transfer';
}

function closeHold(leg: CallLeg, at: number): void {
  if (leg.holdStartedAt !== null) {
    leg.holdMs += Math.max(0, at - leg.holdStartedAt);
    leg.holdStartedAt = null;
  }
}

function endLeg(call: Call, leg: CallLeg, at: number, facts: CallFact[]): void {
  if (leg.state === 'ended') return;
  const wasRinging = leg.state === 'ringing';
  closeHold(leg, at);
  // The switch's mute lives on the channel and dies with it.
  leg.muted = false;
  leg.state = 'ended';
  leg.endedAt = at;
  if (wasRinging && leg.offered && !leg.missed) {
    leg.missed = true;
    facts.push({ kind: 'leg_missed', leg });
  } else if (!wasRinging) {
    facts.push({ kind: 'leg_ended', leg });
  }
  const visit = call.visit;
  // A caller who hangs up while queued abandoned, even if QueueCallerAbandon was lost.
  if (leg.role === 'caller' && visit && !visit.left && visit.answeredAt === null && visit.abandonedAt === null) {
    visit.abandonedAt = at;
    visit.left = true;
    facts.push({ kind: 'queue_abandoned', queue: visit.queue, joinedAt: visit.joinedAt, waitMs: at - visit.joinedAt });
    facts.push({ kind: 'queue_left', queue: visit.queue });
  }
}

function finishIfOver(call: Call, at: number, facts: CallFact[]): void {
  if (call.endedAt !== null) return;
  const legs = legsOf(call);
  if (legs.length === 0 || legs.some((l) => l.state !== 'ended')) return;
  call.endedAt = at;
  facts.push({ kind: 'call_ended', cause: endCauseOf(call) });
}

/** A deep enough copy that reducing never mutates the caller's value. */
function cloneCall(call: Call): Call {
  const legs: Record<string, CallLeg> = {};
  for (const [id, leg] of Object.entries(call.legs)) legs[id] = { ...leg };
  return { ...call, legs, ivrPath: [...call.ivrPath], visit: call.visit ? { ...call.visit } : null };
}

function ensureLeg(call: Call, uniqueid: string, channel: string, ctx: CallContext, at: number): CallLeg {
  const existing = call.legs[uniqueid];
  if (existing) return existing;
  const agentId = ctx.agentIdOf(endpointOfChannel(channel));
  const leg = newLeg(uniqueid, channel, inferRole(call, channel, agentId, uniqueid === call.linkedid), agentId, at);
  call.legs[uniqueid] = leg;
  return leg;
}

/**
 * Applies one event to a call. Pure: the input call is not modified. Events the call has already
 * absorbed (a second DialEnd CANCEL, an Unhold without Hold) change nothing and yield no facts.
 */
export function reduceCall(previous: Call | undefined, event: CallEvent, ctx: CallContext): CallReduction {
  const facts: CallFact[] = [];
  if (previous?.endedAt != null) return { call: previous, facts };
  // Only the first channel or a ringing phone may open a call; stray hangups of unknown calls are dropped.
  const opens = event.type === 'channel.created' || event.type === 'call.offered' || event.type === 'queue.joined';
  if (!previous && !opens) return { call: undefined, facts };
  const call = previous ? cloneCall(previous) : newCall(event.linkedid, event.at);
  if (!previous) facts.push({ kind: 'call_started', call });
  const at = event.at;

  switch (event.type) {
    case 'channel.created': {
      if (call.legs[event.uniqueid]) break;
      // A supervisor's spy leg is never an agent's leg, whatever phone it rings.
      const agentId = event.role === 'spy' ? null : ctx.agentIdOf(endpointOfChannel(event.channel));
      const isFirst = event.uniqueid === event.linkedid;
      const role = event.role ?? inferRole(call, event.channel, agentId, isFirst);
      const leg = newLeg(event.uniqueid, event.channel, role, agentId, at);
      call.legs[event.uniqueid] = leg;
      if (isFirst) {
        call.callerNumber = event.callerNumber;
        call.callerName = event.callerName;
        call.callerE164 = event.callerNumber ? toE164(event.callerNumber, ctx.defaultCountry) : null;
        call.dnid = event.exten;
        if (role === 'caller') leg.state = 'up';
        if (role === 'agent') {
          call.direction = 'outbound';
          if (event.channelState === 'down') {
            // Created down: an originate (click-to-dial) that rings the agent's phone first.
            leg.offered = true;
            leg.offeredAt = at;
            facts.push({ kind: 'leg_ringing', leg });
          } else {
            // The agent dials from the phone: busy at once.
            leg.state = 'up';
            leg.answeredAt = at;
            facts.push({ kind: 'leg_answered', leg });
          }
        }
      } else if (role === 'caller' && call.direction === 'outbound') {
        // The customer an agent calls out to: the number the call is about.
        call.callerNumber = event.callerNumber;
        call.callerName = event.callerName;
        call.callerE164 = event.callerNumber ? toE164(event.callerNumber, ctx.defaultCountry) : null;
      }
      break;
    }
    case 'queue.joined': {
      const visit = call.visit;
      if (visit && visit.queue === event.queue && !visit.left) break;
      ensureLeg(call, event.uniqueid, `unknown/${event.uniqueid}`, ctx, at).state = 'up';
      call.visit = { queue: event.queue, joinedAt: at, answeredAt: null, abandonedAt: null, left: false };
      call.queuedAt ??= at;
      call.firstQueue ??= event.queue;
      facts.push({ kind: 'queue_joined', queue: event.queue, joinedAt: at });
      break;
    }
    case 'queue.left': {
      const visit = call.visit;
      if (!visit || visit.left || visit.queue !== event.queue) break;
      visit.left = true;
      facts.push({ kind: 'queue_left', queue: visit.queue });
      break;
    }
    case 'queue.abandoned': {
      const visit = call.visit;
      if (!visit || visit.queue !== event.queue || visit.answeredAt !== null || visit.abandonedAt !== null) break;
      visit.abandonedAt = at;
      facts.push({ kind: 'queue_abandoned', queue: visit.queue, joinedAt: visit.joinedAt, waitMs: at - visit.joinedAt });
      break;
    }
    case 'call.offered': {
      const leg = ensureLeg(call, event.uniqueid, event.channel, ctx, at);
      if (event.queue && !leg.queue) leg.queue = event.queue;
      if (leg.offered || leg.state !== 'ringing') break;
      leg.offered = true;
      leg.offeredAt = at;
      if (leg.agentId !== null && call.direction === 'outbound' && leg.uniqueid !== call.linkedid) call.direction = 'internal';
      facts.push({ kind: 'leg_ringing', leg });
      break;
    }
    case 'agent.ring_no_answer': {
      const leg = call.legs[event.uniqueid];
      if (!leg || leg.state !== 'ringing' || !leg.offered || leg.missed) break;
      leg.missed = true;
      facts.push({ kind: 'leg_missed', leg });
      break;
    }
    case 'call.answered': {
      const leg = call.legs[event.uniqueid];
      if (!leg || leg.state !== 'ringing') break;
      leg.state = 'up';
      leg.answeredAt = at;
      if (event.queue && !leg.queue) leg.queue = event.queue;
      leg.waitMs = at - (leg.offeredAt ?? leg.createdAt);
      if (leg.agentId !== null) {
        // An outgoing call is answered when the far end picks up, not when the agent's own phone does.
        if (call.direction !== 'outbound' || leg.uniqueid !== call.linkedid) call.answeredAt ??= at;
        call.transferFrom = null;
        const visit = call.visit;
        if (visit && visit.answeredAt === null && visit.abandonedAt === null && (leg.queue === null || leg.queue === visit.queue)) {
          visit.answeredAt = at;
          leg.answeredQueueVisit = true;
          leg.queue = visit.queue;
          leg.waitMs = at - visit.joinedAt;
          facts.push({ kind: 'queue_answered', queue: visit.queue, joinedAt: visit.joinedAt, waitMs: leg.waitMs });
        } else if (call.answeredAt === at && !call.visit) {
          leg.waitMs = at - call.offeredAt;
        }
        facts.push({ kind: 'leg_answered', leg });
      } else if (leg.role !== 'local' && leg.role !== 'spy' && call.direction === 'outbound') {
        // The customer picked up an agent's outgoing call.
        call.answeredAt ??= at;
      }
      break;
    }
    case 'call.held': {
      const leg = call.legs[event.uniqueid];
      if (!leg || leg.state !== 'up') break;
      leg.state = 'held';
      leg.holdStartedAt = at;
      facts.push({ kind: 'leg_held', leg });
      break;
    }
    case 'call.unheld': {
      const leg = call.legs[event.uniqueid];
      if (!leg || leg.state !== 'held') break;
      closeHold(leg, at);
      leg.state = 'up';
      facts.push({ kind: 'leg_unheld', leg });
      break;
    }
    case 'call.muted': {
      // A mark left on a leg that is not connected (yet) silences nothing.
      const leg = call.legs[event.uniqueid];
      if (leg && hasAudio(leg)) leg.muted = event.muted;
      break;
    }
    case 'call.transferred': {
      const leg = call.legs[event.uniqueid];
      if (!leg) break;
      call.transferFrom = { agentId: leg.agentId };
      // The transferer is out of the conversation: a mute they set no longer silences anyone in it.
      leg.muted = false;
      facts.push({ kind: 'transferred', leg, transferKind: event.kind });
      break;
    }
    case 'channel.hungup': {
      const leg = call.legs[event.uniqueid];
      if (!leg) break;
      endLeg(call, leg, at, facts);
      finishIfOver(call, at, facts);
      break;
    }
    case 'call.ended': {
      for (const leg of legsOf(call)) endLeg(call, leg, at, facts);
      finishIfOver(call, at, facts);
      break;
    }
    case 'ivr.menu':
    case 'ivr.digit': {
      const leg = call.legs[event.uniqueid];
      // Digits on an agent's leg are feature codes (attended transfer), not the caller's choices.
      if (!leg || leg.role !== 'caller' || call.answeredAt !== null || call.ivrPath.length >= MAX_IVR_STEPS) break;
      call.ivrPath.push(
        event.type === 'ivr.menu' ? { kind: 'menu', menu: event.menu, at } : { kind: 'digit', digit: event.digit, at },
      );
      break;
    }
  }
  call.status = deriveStatus(call);
  return { call, facts };
}
