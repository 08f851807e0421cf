import { endpointOfChannel, type ChannelCreated, type DomainEvent } from '../../domain/events.js';
import { field, type AmiMessage } from './ami-parser.js';
import { MUTED_VARIABLE } from './mute-variable.js';
import { spiedCallOf } from './spy-legs.js';

// Pure mapping from AMI events (Asterisk 22, as recorded in ../shared/asterisk/traces) to domain
// events. Each AMI event maps on its own, from its own headers: no state, so events of different
// channels may come in any order, and duplicates (DialEnd CANCEL twice, AgentConnect after
// DialEnd ANSWER) map to duplicates the domain already ignores.

const NONE: readonly DomainEvent[] = Object.freeze([]);

/** `<unknown>` and empty caller ids are no number at all. */
function callerId(value: string): string | null {
  return value === '' || value === '<unknown>' ? null : value;
}

function num(value: string, fallback = 0): number {
  const n = Number(value);
  return value !== '' && Number.isFinite(n) ? n : fallback;
}

/** ChannelState codes of ast_channel_state. */
function channelStateOf(code: string): ChannelCreated['channelState'] {
  switch (code) {
    case '0':
      return 'down';
    case '4':
    case '5':
      return 'ring';
    case '6':
      return 'up';
    default:
      return undefined;
  }
}

/** The event's time: Asterisk's `Timestamp` header when `timestampevents` is on, else `fallback`. */
export function eventTime(e: AmiMessage, fallback: number): number {
  const ts = e.Timestamp;
  if (typeof ts === 'string') {
    const seconds = Number(ts);
    if (Number.isFinite(seconds) && seconds > 0) return Math.round(seconds * 1000);
  }
  return fallback;
}

/** The member's device: StateInterface when set (members may be Local channels), else Interface. */
function memberEndpoint(e: AmiMessage): string {
  return field(e, 'StateInterface') || field(e, 'Interface');
}

/** Uniqueid and Linkedid of the event's own channel, or null when it has none. */
function onChannel(e: AmiMessage): { linkedid: string; uniqueid: string } | null {
  const uniqueid = field(e, 'Uniqueid');
  if (uniqueid === '' || uniqueid === 'none') return null;
  return { linkedid: spiedCallOf(uniqueid) ?? (field(e, 'Linkedid') || uniqueid), uniqueid };
}

/** The dialled (Dest*) channel of DialBegin/DialEnd/Agent* events. */
function onDest(e: AmiMessage): { linkedid: string; uniqueid: string; channel: string } | null {
  const uniqueid = field(e, 'DestUniqueid');
  if (uniqueid === '') return null;
  return { linkedid: spiedCallOf(uniqueid) ?? (field(e, 'DestLinkedid') || field(e, 'Linkedid') || uniqueid), uniqueid, channel: field(e, 'DestChannel') };
}

function offered(e: AmiMessage, at: number, queue: string | null): DomainEvent[] {
  const dest = onDest(e);
  if (!dest) return NONE as DomainEvent[];
  return [
    {
      type: 'call.offered',
      at,
      linkedid: dest.linkedid,
      uniqueid: dest.uniqueid,
      channel: dest.channel,
      endpoint: endpointOfChannel(dest.channel),
      fromUniqueid: field(e, 'Uniqueid') || null,
      queue,
    },
  ];
}

function answered(e: AmiMessage, at: number, queue: string | null): DomainEvent[] {
  const dest = onDest(e);
  if (!dest) return NONE as DomainEvent[];
  return [{ type: 'call.answered', at, linkedid: dest.linkedid, uniqueid: dest.uniqueid, queue }];
}

/**
 * Maps one raw AMI event to the domain events it stands for (usually none or one). `at` is the
 * time to stamp them with when the event carries no `Timestamp`.
 */
export function mapAmiEvent(e: AmiMessage, at: number): DomainEvent[] {
  const name = e.Event;
  if (typeof name !== 'string') return NONE as DomainEvent[];
  switch (name) {
    case 'Newchannel': {
      const ch = onChannel(e);
      if (!ch) break;
      const state = channelStateOf(field(e, 'ChannelState'));
      const created: ChannelCreated = {
        type: 'channel.created',
        at: eventTime(e, at),
        ...ch,
        channel: field(e, 'Channel'),
        callerNumber: callerId(field(e, 'CallerIDNum')),
        callerName: callerId(field(e, 'CallerIDName')),
        exten: field(e, 'Exten') || null,
      };
      if (state !== undefined) created.channelState = state;
      if (spiedCallOf(ch.uniqueid)) created.role = 'spy';
      return [created];
    }
    case 'Newstate': {
      // An originated or dialled leg going Up is an answer; on legs already up it changes nothing.
      const ch = onChannel(e);
      if (!ch || field(e, 'ChannelState') !== '6') break;
      return [{ type: 'call.answered', at: eventTime(e, at), ...ch }];
    }
    case 'AgentCalled':
      return offered(e, eventTime(e, at), field(e, 'Queue') || null);
    case 'DialBegin':
      return offered(e, eventTime(e, at), null);
    case 'DialEnd':
      if (field(e, 'DialStatus') !== 'ANSWER') break;
      return answered(e, eventTime(e, at), null);
    case 'AgentConnect':
      return answered(e, eventTime(e, at), field(e, 'Queue') || null);
    case 'AgentRingNoAnswer': {
      const dest = onDest(e);
      if (!dest) break;
      return [
        {
          type: 'agent.ring_no_answer',
          at: eventTime(e, at),
          linkedid: dest.linkedid,
          uniqueid: dest.uniqueid,
          endpoint: field(e, 'Interface') || endpointOfChannel(dest.channel),
          queue: field(e, 'Queue') || null,
          ringSeconds: num(field(e, 'RingTime')),
        },
      ];
    }
    case 'VarSet': {
      if (field(e, 'Variable') !== MUTED_VARIABLE) break;
      const ch = onChannel(e);
      if (!ch) break;
      return [{ type: 'call.muted', at: eventTime(e, at), ...ch, muted: field(e, 'Value') !== '' }];
    }
    case 'Hold':
    case 'Unhold': {
      const ch = onChannel(e);
      if (!ch) break;
      return [{ type: name === 'Hold' ? 'call.held' : 'call.unheld', at: eventTime(e, at), ...ch }];
    }
    case 'BlindTransfer': {
      const uniqueid = field(e, 'TransfererUniqueid');
      if (field(e, 'Result') !== 'Success' || uniqueid === '') break;
      const linkedid = field(e, 'TransfererLinkedid') || field(e, 'TransfereeLinkedid') || uniqueid;
      return [{ type: 'call.transferred', at: eventTime(e, at), linkedid, uniqueid, kind: 'blind', target: field(e, 'Extension') || null }];
    }
    case 'AttendedTransfer': {
      const uniqueid = field(e, 'OrigTransfererUniqueid');
      if (field(e, 'Result') !== 'Success' || uniqueid === '') break;
      const linkedid = field(e, 'OrigTransfererLinkedid') || field(e, 'TransfereeLinkedid') || uniqueid;
      const target = field(e, 'TransferTargetChannel') || null;
      return [{ type: 'call.transferred', at: eventTime(e, at), linkedid, uniqueid, kind: 'attended', target }];
    }
    case 'Hangup': {
      const ch = onChannel(e);
      if (!ch) break;
      return [{ type: 'channel.hungup', at: eventTime(e, at), ...ch, cause: num(field(e, 'Cause')), causeText: field(e, 'Cause-txt') }];
    }
    case 'QueueCallerJoin': {
      const ch = onChannel(e);
      if (!ch) break;
      return [{ type: 'queue.joined', at: eventTime(e, at), ...ch, queue: field(e, 'Queue'), position: num(field(e, 'Position'), 1) }];
    }
    case 'QueueCallerLeave': {
      const ch = onChannel(e);
      if (!ch) break;
      return [{ type: 'queue.left', at: eventTime(e, at), ...ch, queue: field(e, 'Queue') }];
    }
    case 'QueueCallerAbandon': {
      const ch = onChannel(e);
      if (!ch) break;
      return [
        {
          type: 'queue.abandoned',
          at: eventTime(e, at),
          ...ch,
          queue: field(e, 'Queue'),
          position: num(field(e, 'Position'), 1),
          holdSeconds: num(field(e, 'HoldTime')),
        },
      ];
    }
    case 'DTMFEnd': {
      // Digits we play (Direction Sent) are not the caller's choices.
      const ch = onChannel(e);
      if (!ch || field(e, 'Direction') !== 'Received') break;
      const digit = field(e, 'Digit');
      if (!/^[0-9*#A-D]$/.test(digit)) break;
      return [{ type: 'ivr.digit', at: eventTime(e, at), ...ch, digit }];
    }
    case 'QueueMemberAdded':
      return [memberAdded(e, eventTime(e, at))];
    case 'QueueMemberRemoved':
      return [{ type: 'member.removed', at: eventTime(e, at), queue: field(e, 'Queue'), endpoint: memberEndpoint(e) }];
    case 'QueueMemberPause':
    case 'QueueMemberPaused': {
      const paused = field(e, 'Paused') === '1';
      return [
        {
          type: 'member.paused',
          at: eventTime(e, at),
          queue: field(e, 'Queue') || null,
          endpoint: memberEndpoint(e),
          paused,
          reason: paused ? field(e, 'PausedReason') || field(e, 'Reason') || null : null,
        },
      ];
    }
  }
  return NONE as DomainEvent[];
}

/** member.added from QueueMemberAdded, or from a QueueMember item of QueueStatus (which says `Location`). */
export function memberAdded(e: AmiMessage, at: number): DomainEvent {
  const paused = field(e, 'Paused') === '1';
  return {
    type: 'member.added',
    at,
    queue: field(e, 'Queue'),
    endpoint: field(e, 'StateInterface') || field(e, 'Interface') || field(e, 'Location'),
    paused,
    pausedReason: paused ? field(e, 'PausedReason') || null : null,
  };
}
