import { RingsideError, type TransferTarget } from '@ringside/shared';
import type { ClickToDialRequest, ClickToDialResult, DialOptions, Pbx, SpyMode } from '../../domain/ports/pbx.js';
import type { AmiAction } from './ami-action.js';
import type { AmiReply, SendOptions } from './ami-connection.js';
import {
  checkChannel,
  checkContext,
  checkDigits,
  checkEndpoint,
  checkFileName,
  checkLabel,
  checkQueue,
  dialTargetOf,
  dialableNumber,
  type TargetPlan,
} from './ami-guards.js';
import { errorFields, type Logger } from '../../logger.js';
import { field } from './ami-parser.js';
import { MUTED_VARIABLE } from './mute-variable.js';
import { spyChannelId } from './spy-legs.js';

/** Anything that sends AMI actions: an AmiClient, or a single AmiConnection. */
export interface AmiSender {
  sendAction(action: AmiAction, options?: SendOptions): Promise<AmiReply>;
}

/** Dial-plan names and defaults the adapter needs. */
export interface AmiPbxOptions extends Partial<TargetPlan> {
  /** Folder on the switch where recordings go. */
  recordingDir?: string;
  /** Deadline of ordinary actions. */
  actionTimeoutMs?: number;
  /** Seconds the agent's phone rings on click-to-dial. */
  ringSeconds?: number;
  /** Caller id name shown on a supervisor's phone when spying. */
  spyCallerIdName?: string;
  /** Where problems that do not fail the action go (a mute that could not be marked on the channel). */
  logger?: Logger;
}

const SPY_OPTIONS: Record<SpyMode, string> = { listen: 'qE', whisper: 'qEw', barge: 'qEB' };

/** `PJSIP/1001-0000000d` → endpoint `1001` and technology `PJSIP`. */
function splitChannel(channel: string): { tech: string; endpoint: string } {
  const slash = channel.indexOf('/');
  return { tech: channel.slice(0, slash), endpoint: channel.slice(slash + 1).replace(/-[0-9a-f]+(;\d)?$/i, '') };
}

/**
 * The Pbx port over AMI. Every value is checked again here (channels, extensions, labels), so a
 * CR, LF, comma or `${` can never reach the switch whatever the caller validated before.
 */
export class AmiPbx implements Pbx {
  private readonly plan: TargetPlan;
  private readonly recordingDir: string;
  private readonly timeoutMs: number;
  private readonly ringSeconds: number;
  private readonly spyCallerIdName: string;
  private readonly logger: Logger | undefined;

  constructor(
    private readonly ami: AmiSender,
    options: AmiPbxOptions = {},
  ) {
    this.plan = {
      agentsContext: checkContext(options.agentsContext ?? 'agents', 'agentsContext'),
      queueExtensions: { ...(options.queueExtensions ?? {}) },
      defaultCountry: options.defaultCountry ?? 'US',
    };
    this.recordingDir = options.recordingDir ?? '/var/spool/asterisk/monitor';
    if (!/^\/[A-Za-z0-9_./-]{0,200}$/.test(this.recordingDir) || this.recordingDir.includes('..')) {
      throw new RingsideError('CONFIG_INVALID', 'recordingDir must be an absolute folder of A-Z a-z 0-9 _ . / -');
    }
    this.timeoutMs = options.actionTimeoutMs ?? 5000;
    this.ringSeconds = options.ringSeconds ?? 30;
    this.spyCallerIdName = checkLabel(options.spyCallerIdName ?? 'Supervisor', 'spyCallerIdName');
    this.logger = options.logger;
  }

  /** The phone is told `Event: talk` (SIP NOTIFY), which answers a ringing call on Yealink, Polycom, Snom, Grandstream. */
  async answer(endpoint: string): Promise<void> {
    const checked = checkEndpoint(endpoint);
    const slash = checked.indexOf('/');
    const tech = checked.slice(0, slash);
    const name = checked.slice(slash + 1);
    if (tech !== 'PJSIP') throw new RingsideError('INVALID_INPUT', `answer needs a PJSIP phone, not ${tech}`, [{ path: 'endpoint', message: 'not a PJSIP endpoint' }]);
    await this.send({ Action: 'PJSIPNotify', Endpoint: name, Variable: ['Event=talk'] });
  }

  /**
   * res_mutestream: Direction `in` is the audio coming from the channel's phone into the call.
   * The mute is then marked on the channel (RINGSIDE_MUTED), where a restarted or new owner
   * finds it; the mute itself is in force once MuteAudio succeeded, so a failed mark is logged.
   */
  async mute(channel: string, on: boolean): Promise<void> {
    const checked = checkChannel(channel);
    await this.send({ Action: 'MuteAudio', Channel: checked, Direction: 'in', State: on ? 'on' : 'off' });
    try {
      await this.send({ Action: 'Setvar', Channel: checked, Variable: MUTED_VARIABLE, Value: on ? '1' : '' });
    } catch (err) {
      this.logger?.warn('the mute is in force but could not be marked on the channel; a restart or hand-over will show the leg unmuted', { channel, on, ...errorFields(err) });
    }
  }

  async hangUp(channel: string): Promise<void> {
    await this.send({ Action: 'Hangup', Channel: checkChannel(channel), Cause: 16 });
  }

  /**
   * Asterisk has no AMI action that holds a PJSIP call in place: hold is the phone's re-INVITE.
   * So the phone is asked to press its own hold key (SIP NOTIFY `Event: hold`/`talk`, which
   * Yealink, Polycom, Snom and Grandstream phones honour); the switch then reports Hold/Unhold
   * like any hold. A Redirect would tear the queue bridge down and end the agent's leg (trace b2).
   */
  async hold(channel: string): Promise<void> {
    await this.notifyPhone(channel, 'hold');
  }

  async unhold(channel: string): Promise<void> {
    await this.notifyPhone(channel, 'talk');
  }

  async sendDtmf(channel: string, digits: string): Promise<void> {
    const ch = checkChannel(channel);
    // PlayDTMF takes one digit per action; sending them in order keeps the sequence.
    for (const digit of checkDigits(digits)) await this.send({ Action: 'PlayDTMF', Channel: ch, Digit: digit, Duration: 250 });
  }

  async blindTransfer(channel: string, target: TransferTarget, options: DialOptions = {}): Promise<void> {
    const { context, exten } = dialTargetOf(target, this.planIn(options.context));
    await this.send({ Action: 'BlindTransfer', Channel: checkChannel(channel), Exten: exten, Context: context });
  }

  async attendedTransferConsult(channel: string, target: TransferTarget, options: DialOptions = {}): Promise<void> {
    const { context, exten } = dialTargetOf(target, this.planIn(options.context));
    await this.send({ Action: 'Atxfer', Channel: checkChannel(channel), Exten: exten, Context: context });
  }

  /** The plan with a tenant's `agents` context instead of the adapter's (checked like every context). */
  private planIn(context: string | undefined): TargetPlan {
    return context === undefined ? this.plan : { ...this.plan, agentsContext: checkContext(context, 'context') };
  }

  async attendedTransferComplete(agentChannel: string): Promise<void> {
    // As in trace b3: the transferer hanging up joins the caller with the consulted party.
    await this.hangUp(agentChannel);
  }

  async attendedTransferCancel(consultChannel: string): Promise<void> {
    await this.hangUp(consultChannel);
  }

  async clickToDial(request: ClickToDialRequest): Promise<ClickToDialResult> {
    const endpoint = checkEndpoint(request.agentEndpoint, 'agentEndpoint');
    const exten = dialableNumber(request.number, this.plan.defaultCountry);
    const name = request.callerIdName === undefined ? 'Click-to-dial' : checkLabel(request.callerIdName, 'callerIdName');
    const ringSeconds = request.ringSeconds ?? this.ringSeconds;
    if (!Number.isInteger(ringSeconds) || ringSeconds < 1 || ringSeconds > 300) {
      throw new RingsideError('INVALID_INPUT', 'ringSeconds must be 1-300', [{ path: 'ringSeconds', message: 'must be 1-300' }]);
    }
    const reply = await this.send(
      {
        Action: 'Originate',
        Channel: endpoint,
        Context: this.planIn(request.context).agentsContext,
        Exten: exten,
        Priority: 1,
        Timeout: ringSeconds * 1000,
        CallerID: `"${name}" <${exten}>`,
        Async: 'true',
      },
      { awaitEvent: 'OriginateResponse', timeoutMs: ringSeconds * 1000 + this.timeoutMs },
    );
    const result = reply.final;
    if (!result || field(result, 'Response') !== 'Success') {
      const reason = result ? field(result, 'Reason') : '';
      throw new RingsideError('PBX_REJECTED', `click-to-dial from ${endpoint} failed: ${originateReason(reason)}`);
    }
    return { uniqueid: field(result, 'Uniqueid') || null, channel: field(result, 'Channel') || null };
  }

  async queuePause(endpoint: string, paused: boolean, options: { queue?: string; reason?: string } = {}): Promise<void> {
    const action: AmiAction = { Action: 'QueuePause', Interface: checkEndpoint(endpoint), Paused: paused ? 'true' : 'false' };
    if (options.queue !== undefined) action.Queue = checkQueue(options.queue);
    if (paused && options.reason !== undefined) action.Reason = checkLabel(options.reason, 'reason');
    await this.send(action);
  }

  async queueAdd(queue: string, endpoint: string, memberName?: string): Promise<void> {
    const iface = checkEndpoint(endpoint);
    const action: AmiAction = { Action: 'QueueAdd', Queue: checkQueue(queue), Interface: iface, StateInterface: iface, Paused: 'false' };
    if (memberName !== undefined) action.MemberName = checkLabel(memberName, 'memberName');
    await this.send(action);
  }

  async queueRemove(queue: string, endpoint: string): Promise<void> {
    await this.send({ Action: 'QueueRemove', Queue: checkQueue(queue), Interface: checkEndpoint(endpoint) });
  }

  async spy(supervisorEndpoint: string, targetEndpoint: string, mode: SpyMode, tag: { callId?: string } = {}): Promise<void> {
    const options = SPY_OPTIONS[mode];
    if (options === undefined) throw new RingsideError('INVALID_INPUT', 'mode must be listen, whisper or barge', [{ path: 'mode', message: 'unknown' }]);
    const supervisor = checkEndpoint(supervisorEndpoint, 'supervisorEndpoint');
    const target = checkEndpoint(targetEndpoint, 'targetEndpoint');
    // The comma is ours: both halves are checked to contain none.
    await this.send(
      {
        Action: 'Originate',
        Channel: supervisor,
        Application: 'ChanSpy',
        ...(tag.callId !== undefined ? { ChannelId: spyChannelId(tag.callId) } : {}),
        Data: `${target},${options}`,
        CallerID: `"${this.spyCallerIdName}" <${splitChannel(supervisor).endpoint}>`,
        Timeout: this.ringSeconds * 1000,
        Async: 'true',
      },
      { awaitEvent: 'OriginateResponse', timeoutMs: this.ringSeconds * 1000 + this.timeoutMs },
    ).then((reply) => {
      if (!reply.final || field(reply.final, 'Response') !== 'Success') {
        throw new RingsideError('PBX_REJECTED', `spy from ${supervisor} failed: ${originateReason(reply.final ? field(reply.final, 'Reason') : '')}`);
      }
    });
  }

  async startRecording(channel: string, file: string): Promise<void> {
    await this.send({ Action: 'MixMonitor', Channel: checkChannel(channel), File: `${this.recordingDir}/${checkFileName(file)}`, Options: 'b' });
  }

  async stopRecording(channel: string): Promise<void> {
    await this.send({ Action: 'StopMixMonitor', Channel: checkChannel(channel) });
  }

  private async notifyPhone(channel: string, event: 'hold' | 'talk'): Promise<void> {
    const { tech, endpoint } = splitChannel(checkChannel(channel));
    if (tech !== 'PJSIP') throw new RingsideError('INVALID_INPUT', `hold needs a PJSIP phone, not ${tech}`, [{ path: 'channel', message: 'not a PJSIP channel' }]);
    await this.send({ Action: 'PJSIPNotify', Endpoint: endpoint, Variable: [`Event=${event}`] });
  }

  private send(action: AmiAction, options: SendOptions = {}): Promise<AmiReply> {
    return this.ami.sendAction(action, { timeoutMs: this.timeoutMs, ...options });
  }
}

/** OriginateResponse Reason codes (ast_control_frame_type). */
function originateReason(reason: string): string {
  switch (reason) {
    case '0':
      return 'no such extension or number';
    case '1':
      return 'no answer';
    case '3':
      return 'ring timeout';
    case '5':
      return 'busy';
    case '8':
      return 'congestion';
    case '':
      return 'no OriginateResponse';
    default:
      return `reason ${reason}`;
  }
}
