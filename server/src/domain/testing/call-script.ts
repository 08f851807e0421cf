import type { CtiOutcome } from '../cti-batch.js';
import type { CtiState } from '../cti-state.js';
import type { DomainEvent } from '../events.js';
import type { ManualClock } from '../ports/clock.js';

// Builders for the domain events the PBX adapters produce, shaped after the recorded Asterisk 22
// traces (../shared/asterisk/traces), so tests and the simulator can script calls tersely.

let channelSeq = 0;
const channelOf = (endpoint: string) => `${endpoint}-${(++channelSeq).toString(16).padStart(8, '0')}`;

/** Event builders; `at` is epoch milliseconds. */
export const script = {
  /** An inbound caller's channel, the first of its Linkedid (Newchannel, state Ring). */
  caller(linkedid: string, callerNumber: string, at: number, endpoint = 'PJSIP/2001'): DomainEvent {
    return { type: 'channel.created', at, linkedid, uniqueid: linkedid, channel: channelOf(endpoint), callerNumber, callerName: null, exten: '5001', channelState: 'ring' };
  },
  /** QueueCallerJoin. */
  joinQueue(linkedid: string, queue: string, at: number): DomainEvent {
    return { type: 'queue.joined', at, linkedid, uniqueid: linkedid, queue, position: 1 };
  },
  /** Newchannel of the phone plus AgentCalled/DialBegin: the phone rings. */
  ring(linkedid: string, uniqueid: string, endpoint: string, at: number, queue: string | null = null, from = linkedid): DomainEvent[] {
    const channel = channelOf(endpoint);
    return [
      { type: 'channel.created', at, linkedid, uniqueid, channel, callerNumber: endpoint.split('/')[1] ?? null, callerName: null, exten: 's', channelState: 'down' },
      { type: 'call.offered', at, linkedid, uniqueid, channel, endpoint, fromUniqueid: from, queue },
    ];
  },
  /** DialEnd ANSWER (and AgentConnect, which says the same again). */
  answer(linkedid: string, uniqueid: string, at: number, queue: string | null = null): DomainEvent[] {
    return [
      { type: 'call.answered', at, linkedid, uniqueid },
      { type: 'call.answered', at, linkedid, uniqueid, queue },
    ];
  },
  /** QueueCallerLeave. */
  leaveQueue(linkedid: string, queue: string, at: number): DomainEvent {
    return { type: 'queue.left', at, linkedid, uniqueid: linkedid, queue };
  },
  /** QueueCallerAbandon. */
  abandon(linkedid: string, queue: string, at: number, holdSeconds: number): DomainEvent {
    return { type: 'queue.abandoned', at, linkedid, uniqueid: linkedid, queue, position: 1, holdSeconds };
  },
  /** Hangup. */
  hangup(linkedid: string, uniqueid: string, at: number, cause = 16): DomainEvent {
    return { type: 'channel.hungup', at, linkedid, uniqueid, cause, causeText: cause === 16 ? 'Normal Clearing' : 'Other' };
  },
  /** Hold raised on the holding party's channel. */
  hold(linkedid: string, uniqueid: string, at: number): DomainEvent {
    return { type: 'call.held', at, linkedid, uniqueid };
  },
  /** Unhold on the holding party's channel. */
  unhold(linkedid: string, uniqueid: string, at: number): DomainEvent {
    return { type: 'call.unheld', at, linkedid, uniqueid };
  },
  /** BlindTransfer / AttendedTransfer by the leg `uniqueid`. */
  transfer(linkedid: string, uniqueid: string, kind: 'blind' | 'attended', at: number, target: string | null = null): DomainEvent {
    return { type: 'call.transferred', at, linkedid, uniqueid, kind, target };
  },
  /** A Local channel (one half of the pair an attended transfer creates). */
  local(linkedid: string, uniqueid: string, at: number, half: 1 | 2): DomainEvent {
    return { type: 'channel.created', at, linkedid, uniqueid, channel: `Local/1002@agents-00000000;${half}`, callerNumber: null, callerName: null, exten: '1002', channelState: 'down' };
  },
};

/** Applies events in order, moving the clock to each event's time, and returns every outcome. */
export function play(state: CtiState, clock: ManualClock, events: DomainEvent[]): CtiOutcome[] {
  return events.map((event) => {
    if (event.at > clock.now()) clock.set(event.at);
    return state.apply(event);
  });
}

/** All effects of some outcomes, in order. */
export function effectsOf(outcomes: CtiOutcome[]): CtiOutcome['effects'] {
  return outcomes.flatMap((o) => o.effects);
}
