import type { AgentState } from './agent-state.js';
import type { LegRole } from '@ringside/shared';

// Domain events are facts the PBX adapters observed, already freed of wire details. They are
// keyed by the call's Linkedid and the channel's Uniqueid; agents are named by their endpoint
// (`PJSIP/1001`), because the switch knows endpoints, not our agent ids. Every event is safe to
// receive twice or in a different order across channels (Asterisk does both): reducers ignore
// what they have already seen. `at` is epoch milliseconds.

interface Base {
  at: number;
}
interface OnChannel extends Base {
  linkedid: string;
  uniqueid: string;
}

/** A channel appeared (AMI Newchannel, ARI ChannelCreated). The first channel of a Linkedid opens the call. */
export interface ChannelCreated extends OnChannel {
  type: 'channel.created';
  channel: string;
  callerNumber: string | null;
  callerName: string | null;
  /** The dialled extension of the first channel (DNID); ignored for later legs, where Asterisk repeats the caller's. */
  exten: string | null;
  /** Newchannel's ChannelState: `down` for an originated leg, `ring` for a phone that dials, `up` rarely. */
  channelState?: 'down' | 'ring' | 'up';
  /** Set when the adapter knows better than the channel name (e.g. a ChanSpy leg it originated). */
  role?: LegRole;
}

/** The caller entered a queue (QueueCallerJoin). */
export interface QueueJoined extends OnChannel {
  type: 'queue.joined';
  queue: string;
  position: number;
}

/** The caller left a queue, answered or not (QueueCallerLeave). */
export interface QueueLeft extends OnChannel {
  type: 'queue.left';
  queue: string;
}

/** The caller hung up while waiting in a queue (QueueCallerAbandon). */
export interface QueueAbandoned extends OnChannel {
  type: 'queue.abandoned';
  queue: string;
  position: number;
  holdSeconds: number;
}

/** A phone rings for the call (AgentCalled, or DialBegin outside queues); `uniqueid` is the ringing leg. */
export interface CallOffered extends OnChannel {
  type: 'call.offered';
  channel: string;
  endpoint: string;
  /** The channel that dials: the caller, or a Local channel in an attended transfer. */
  fromUniqueid: string | null;
  queue: string | null;
}

/** A ringing agent did not answer in time (AgentRingNoAnswer). */
export interface AgentRingNoAnswer extends OnChannel {
  type: 'agent.ring_no_answer';
  endpoint: string;
  queue: string | null;
  ringSeconds: number;
}

/** A leg answered (DialEnd ANSWER, AgentConnect, Newstate Up of an originated leg). */
export interface CallAnswered extends OnChannel {
  type: 'call.answered';
  queue?: string | null;
}

/** The party on `uniqueid` put the call on hold (AMI Hold is raised on the holding channel). */
export interface CallHeld extends OnChannel {
  type: 'call.held';
}

/** The party on `uniqueid` resumed the call. */
export interface CallUnheld extends OnChannel {
  type: 'call.unheld';
}

/** The switch drops (`muted`) or passes the audio from the phone on `uniqueid` (Ringside's mute mark on the channel). */
export interface CallMuted extends OnChannel {
  type: 'call.muted';
  muted: boolean;
}

/** A transfer completed (BlindTransfer, AttendedTransfer); `uniqueid` is the transferer's leg. */
export interface CallTransferred extends OnChannel {
  type: 'call.transferred';
  kind: 'blind' | 'attended';
  /** Extension (blind) or the target channel (attended), as reported. */
  target: string | null;
}

/** A channel hung up (Hangup); the call ends when its last leg does. */
export interface ChannelHungup extends OnChannel {
  type: 'channel.hungup';
  cause: number;
  causeText: string;
}

/** The whole call is gone (ARI, or a resync that no longer finds it); ends every leg still up. */
export interface CallEnded extends Base {
  type: 'call.ended';
  linkedid: string;
}

/** The caller entered an IVR menu. */
export interface IvrMenu extends OnChannel {
  type: 'ivr.menu';
  menu: string;
}

/** The caller pressed a key (DTMFEnd Direction=Received on the caller's leg). */
export interface IvrDigit extends OnChannel {
  type: 'ivr.digit';
  digit: string;
}

/** An endpoint became a member of a queue (QueueMemberAdded, QueueStatus at resync). */
export interface MemberAdded extends Base {
  type: 'member.added';
  queue: string;
  endpoint: string;
  paused: boolean;
  pausedReason: string | null;
}

/** An endpoint left a queue (QueueMemberRemoved). */
export interface MemberRemoved extends Base {
  type: 'member.removed';
  queue: string;
  endpoint: string;
}

/** A member was paused or unpaused (QueueMemberPause); `queue` null means in every queue. */
export interface MemberPaused extends Base {
  type: 'member.paused';
  queue: string | null;
  endpoint: string;
  paused: boolean;
  reason: string | null;
}

/** Everything the PBX adapters feed into the domain. */
export type DomainEvent =
  | ChannelCreated
  | QueueJoined
  | QueueLeft
  | QueueAbandoned
  | CallOffered
  | AgentRingNoAnswer
  | CallAnswered
  | CallHeld
  | CallUnheld
  | CallMuted
  | CallTransferred
  | ChannelHungup
  | CallEnded
  | IvrMenu
  | IvrDigit
  | MemberAdded
  | MemberRemoved
  | MemberPaused;

/** The type tag of a domain event. */
export type DomainEventType = DomainEvent['type'];

/** What the domain itself announces when an agent's state changes (for audit, metrics, PBX sync). */
export interface AgentStateChanged extends Base {
  type: 'agent.state_changed';
  agentId: string;
  from: AgentState;
  to: AgentState;
  /** What caused it: a domain event type or a command name. */
  cause: string;
}

/** The endpoint of a channel name: `PJSIP/1001-00000002` → `PJSIP/1001`, `Local/1002@agents-00000000;1` → `Local/1002@agents`. */
export function endpointOfChannel(channel: string): string {
  return channel.replace(/-[0-9a-f]+(;\d)?$/i, '');
}
