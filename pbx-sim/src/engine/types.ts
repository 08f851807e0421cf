import type { AmiField } from '../ami/ami-message.js';

/** Asterisk's channel states, by their numeric ChannelState values. */
export const ChannelState = {
  Down: 0,
  Rsrvd: 1,
  OffHook: 2,
  Dialing: 3,
  Ring: 4,
  Ringing: 5,
  Up: 6,
  Busy: 7,
} as const;
/** A numeric channel state. */
export type ChannelStateNum = (typeof ChannelState)[keyof typeof ChannelState];

/** ChannelStateDesc for each state number. */
export const STATE_DESC: Record<number, string> = {
  0: 'Down',
  1: 'Rsrvd',
  2: 'OffHook',
  3: 'Dialing',
  4: 'Ring',
  5: 'Ringing',
  6: 'Up',
  7: 'Busy',
};

/** Q.850 cause texts Asterisk prints in Cause-txt. */
export const CAUSE_TEXT: Record<number, string> = {
  0: 'Unknown',
  1: 'Unallocated (unassigned) number',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  20: 'Subscriber absent',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
  27: 'Destination out of order',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  127: 'Interworking, unspecified',
};

/**
 * Everything the engine reports: named and shaped exactly like the AMI event it becomes, plus
 * structured references so another protocol layer (ARI) can subscribe without re-parsing fields.
 */
export interface PbxEvent {
  name: string;
  /** The class list after `Privilege:`, e.g. `call,all`; empty for list-item events. */
  privilege: string;
  fields: AmiField[];
  channelId?: string;
  peerChannelId?: string;
  bridgeId?: string;
}

/** Device states as DeviceStateChange prints them. */
export type DeviceState = 'UNKNOWN' | 'NOT_INUSE' | 'INUSE' | 'BUSY' | 'INVALID' | 'UNAVAILABLE' | 'RINGING' | 'RINGINUSE' | 'ONHOLD';

/** Numeric device state used by QueueMemberStatus Status. */
export const DEVICE_STATE_NUM: Record<DeviceState, number> = {
  UNKNOWN: 0,
  NOT_INUSE: 1,
  INUSE: 2,
  BUSY: 3,
  INVALID: 4,
  UNAVAILABLE: 5,
  RINGING: 6,
  RINGINUSE: 7,
  ONHOLD: 8,
};

/** Why the engine refused an operation; the AMI layer turns `message` into `Message:`. */
export class EngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineError';
  }
}
