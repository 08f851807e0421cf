import type { TransferTarget } from '@ringside/shared';

/** How a supervisor joins an agent's call: unheard, heard by the agent only, or by both parties. */
export type SpyMode = 'listen' | 'whisper' | 'barge';

/** A click-to-dial request: the agent's phone rings first, then the number is dialled. */
export interface ClickToDialRequest {
  /** The agent's device as the switch names it, e.g. `PJSIP/1001`. */
  agentEndpoint: string;
  /** An internal extension, or a number as typed; the adapter normalises it to E.164. */
  number: string;
  /** Shown on the agent's phone while it rings. */
  callerIdName?: string;
  /** Seconds the agent's phone may ring before the attempt fails. */
  ringSeconds?: number;
  /** The dial-plan context the number is dialled in (the agent's tenant's `agents`); the adapter's own without it. */
  context?: string;
}

/** Where a transfer target is dialled: the transferring agent's tenant's `agents` context; the adapter's own without it. */
export interface DialOptions {
  context?: string;
}

/** What a click-to-dial became once the agent's phone answered. */
export interface ClickToDialResult {
  /** The agent leg's Uniqueid, which is also the new call's Linkedid. */
  uniqueid: string | null;
  channel: string | null;
}

/**
 * The switch as the domain commands it. Channels are full channel names (`PJSIP/1001-0000000d`),
 * endpoints device names (`PJSIP/1001`). Every method resolves once the switch accepted the
 * command and rejects with a RingsideError: INVALID_INPUT (nothing was sent), PBX_UNAVAILABLE
 * (not connected; never queued for later), PBX_TIMEOUT, or PBX_REJECTED with the switch's reason.
 */
export interface Pbx {
  /** Hangs up one channel (the agent's leg to leave a call). */
  hangUp(channel: string): Promise<void>;
  /** Asks the endpoint's phone to pick up the call ringing on it (phones that honour a remote answer). */
  answer(endpoint: string): Promise<void>;
  /** Mutes (or unmutes) what the channel's phone sends into the call: the agent's microphone. */
  mute(channel: string, on: boolean): Promise<void>;
  /** Puts the call on hold from the holding party's channel (the agent's leg). */
  hold(channel: string): Promise<void>;
  /** Takes the call off hold from the holding party's channel. */
  unhold(channel: string): Promise<void>;
  /** Plays DTMF digits into the call from `channel`. */
  sendDtmf(channel: string, digits: string): Promise<void>;
  /** Transfers the other party of the agent's leg `channel` to the target without consulting. */
  blindTransfer(channel: string, target: TransferTarget, options?: DialOptions): Promise<void>;
  /** Starts a consultation from the agent's leg `channel`; the caller waits on hold. */
  attendedTransferConsult(channel: string, target: TransferTarget, options?: DialOptions): Promise<void>;
  /** Joins caller and consulted party by hanging up the transferring agent's leg. */
  attendedTransferComplete(agentChannel: string): Promise<void>;
  /** Drops the consultation by hanging up the consulted party's leg. */
  attendedTransferCancel(consultChannel: string): Promise<void>;
  /** Rings the agent's phone, then dials the number; resolves when the agent answered. */
  clickToDial(request: ClickToDialRequest): Promise<ClickToDialResult>;
  /** Pauses or unpauses a member, in one queue or (no queue) in all of them. */
  queuePause(endpoint: string, paused: boolean, options?: { queue?: string; reason?: string }): Promise<void>;
  /** Adds the endpoint to a queue as a dynamic member. */
  queueAdd(queue: string, endpoint: string, memberName?: string): Promise<void>;
  /** Removes the endpoint from a queue. */
  queueRemove(queue: string, endpoint: string): Promise<void>;
  /**
   * Rings the supervisor's phone and, once answered, joins the target endpoint's call. With
   * `callId` the spy leg is tagged so it shows in that call as a `spy` leg, never as an agent's.
   */
  spy(supervisorEndpoint: string, targetEndpoint: string, mode: SpyMode, options?: { callId?: string }): Promise<void>;
  /** Starts recording both directions of a channel's call into `file` (a name, no folders). */
  startRecording(channel: string, file: string): Promise<void>;
  /** Stops recording the channel. */
  stopRecording(channel: string): Promise<void>;
}
