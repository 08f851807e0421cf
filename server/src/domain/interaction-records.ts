import { legHoldMs, legsOf, type Call, type CallLeg } from './call.js';
import type { InteractionRecord, OpenInteraction } from './ports/interaction-log.js';

const secs = (ms: number) => Math.max(0, Math.round(ms / 1000));

/** The record of an agent leg that was answered, written when that leg ends. */
export function agentLegRecord(
  call: Call,
  leg: CallLeg,
  disposition: { code: string; notes: string | null } | null,
): InteractionRecord {
  const answeredAt = leg.answeredAt ?? leg.endedAt ?? call.offeredAt;
  const endedAt = leg.endedAt ?? answeredAt;
  const holdMs = legHoldMs(leg, endedAt);
  return {
    ...agentLegOpenRecord(call, leg, answeredAt),
    answeredAt: leg.answeredAt,
    endedAt,
    talkSeconds: secs(endedAt - answeredAt - holdMs),
    holdSeconds: secs(holdMs),
    abandoned: false,
    disposition: disposition?.code ?? null,
    notes: disposition?.notes ?? null,
    recording: null,
  };
}

/** The open record of an agent leg just answered: completed by agentLegRecord when the leg ends. */
export function agentLegOpenRecord(call: Call, leg: CallLeg, answeredAt: number): OpenInteraction {
  return {
    legId: leg.uniqueid,
    linkedid: call.linkedid,
    agentId: leg.agentId,
    customerId: call.customerId,
    queue: leg.queue ?? call.firstQueue,
    direction: call.direction,
    channel: 'voice',
    callerNumber: call.callerE164 ?? call.callerNumber,
    offeredAt: answeredAt - leg.waitMs,
    answeredAt,
    waitSeconds: secs(leg.waitMs),
  };
}

/** True when an agent answered some leg of the call (each of those legs has its own record). */
export function reachedAnAgent(call: Call): boolean {
  return legsOf(call).some((l) => l.agentId !== null && l.answeredAt !== null);
}

/** The record of an inbound call no agent answered: abandoned in a queue, or left in the IVR. */
export function unansweredCallRecord(call: Call): InteractionRecord {
  const endedAt = call.endedAt ?? call.offeredAt;
  const visit = call.visit;
  const abandoned = visit?.abandonedAt != null;
  const waitMs = abandoned ? (visit.abandonedAt as number) - visit.joinedAt : endedAt - (call.queuedAt ?? call.offeredAt);
  const callerLeg = legsOf(call).find((l) => l.role === 'caller');
  return {
    legId: callerLeg?.uniqueid ?? call.linkedid,
    linkedid: call.linkedid,
    agentId: null,
    customerId: call.customerId,
    queue: visit?.queue ?? call.firstQueue,
    direction: call.direction,
    channel: 'voice',
    callerNumber: call.callerE164 ?? call.callerNumber,
    offeredAt: call.offeredAt,
    answeredAt: null,
    endedAt,
    waitSeconds: call.queuedAt === null && !abandoned ? 0 : secs(waitMs),
    talkSeconds: 0,
    holdSeconds: 0,
    abandoned,
    disposition: null,
    notes: null,
    recording: null,
  };
}
