import type { QueueConfig } from '../../config/queues-loader.js';
import type { Channel } from '../channel.js';

/** One queue member with the counters QueueMemberStatus prints. */
export interface QueueMember {
  interface: string;
  memberName: string;
  stateInterface: string;
  penalty: number;
  membership: 'static' | 'dynamic';
  paused: boolean;
  pausedReason: string;
  lastPause: number;
  loginTime: number;
  callsTaken: number;
  lastCall: number;
  /** 1 while connected to a caller of this queue. */
  inCall: boolean;
  /** Wall time (ms) the last queue call ended, for wrap-up. */
  lastEndMs: number;
  /** Set while a leg to this member is ringing for a caller of any queue. */
  ringing: boolean;
}

/** A caller waiting in a queue. */
export interface QueueCaller {
  ch: Channel;
  joinedAt: number;
  originalPosition: number;
  /** QUEUE_PRIO at join: a caller waits ahead of every caller with a lower priority, as in app_queue. */
  priority: number;
}

/** Live state of one queue. */
export interface QueueState {
  name: string;
  config: QueueConfig;
  members: QueueMember[];
  callers: QueueCaller[];
  completed: number;
  abandoned: number;
  holdtime: number;
  talktime: number;
  /** rrmemory: index of the member after the one last rung. */
  rrNext: number;
}
