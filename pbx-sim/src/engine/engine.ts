import { rtpStatsAtSessionEnd } from './rtp-stats.js';
import type { AmiField } from '../ami/ami-message.js';
import { RealClock, type Clock } from '../clock.js';
import { loadConfig, type PbxConfig } from '../config/load-config.js';
import { Channel, type DtmfMode } from './channel.js';
import { channelFields, PRIV } from './event-fields.js';
import { IdAllocator } from './ids.js';
import { CAUSE_TEXT, ChannelState, EngineError, type ChannelStateNum, type PbxEvent } from './types.js';
import { DialplanLookup } from './dialplan/lookup.js';
import { DeviceTracker } from './devices.js';
import { EndpointRegistry } from './endpoints.js';
import { QueueManager } from './queues/queue-manager.js';
import { BridgeManager } from './bridges.js';
import { runDialplan } from './dialplan/interpreter.js';
import { createAppRegistry, type AppFn } from './apps/registry.js';
import type { DialLeg } from './dialing.js';

/** Engine settings; every duration can be shortened for tests. */
export interface EngineOptions {
  config: PbxConfig;
  clock?: Clock;
  /** Where problems go; defaults to stderr. Unsupported applications are reported here. */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Simulated length of one sound file played by Playback/Background/Read. */
  promptMs?: number;
  /**
   * Sounds uploaded to this switch (custom/<name>) besides the core sounds every switch has
   * (CORE_SOUNDS); anything else does not exist and its playback fails, as on Asterisk.
   */
  customSounds?: readonly string[];
  /** Folder MixMonitor writes into when given a relative file name. */
  recordingDir?: string;
  /**
   * Time from answering a ringing caller to the caller's first media frame, which ends Answer()'s
   * wait (default 20 ms, one RTP packet); null: callers send no media, so Answer() waits its full
   * 500 ms as Asterisk does (the recorded traces); 0: Answer() goes on at once.
   */
  answerMediaMs?: number | null;
  /** Default ring time before an agent phone answers on its own; undefined waits for a command. */
  autoAnswerMs?: number;
  /** Simulated speaking time of Festival per character of text (default 60 ms, about 15 characters a second). */
  ttsCharMs?: number;
  /** Longest voicemail message VoiceMail records before it stops on its own (default 300 000 ms). */
  voicemailMaxMs?: number;
}

/** Called when a channel enters Stasis(app,...); resolve to continue in the dial plan. */
export type StasisHandler = (channel: Channel, args: string[]) => Promise<void>;

/** The call engine: channels, bridges, endpoints, queues, dial plan; every change becomes a PbxEvent. */
export class Engine {
  readonly clock: Clock;
  readonly ids: IdAllocator;
  config: PbxConfig;
  lookup: DialplanLookup;
  readonly globals = new Map<string, string>();
  readonly channels = new Map<string, Channel>();
  readonly devices: DeviceTracker;
  readonly endpoints: EndpointRegistry;
  readonly queues: QueueManager;
  readonly bridges: BridgeManager;
  readonly apps: Map<string, AppFn>;
  readonly stasisApps = new Map<string, StasisHandler>();
  /** Outbound legs still ringing or just answered, by channel uniqueid. */
  readonly legs = new Map<string, DialLeg>();
  readonly options: EngineOptions;
  readonly startedAt: number;
  reloadedAt: number;
  /** manager.conf `channelvars`, one object every channel refers to. */
  readonly managerVars: { names: readonly string[] };
  processedCalls = 0;
  private readonly listeners = new Set<(e: PbxEvent) => void>();
  private readonly logFn: NonNullable<EngineOptions['log']>;

  constructor(options: EngineOptions) {
    this.options = options;
    this.clock = options.clock ?? new RealClock();
    this.ids = new IdAllocator(this.clock);
    this.config = options.config;
    this.managerVars = { names: options.config.managerChannelVars };
    this.lookup = new DialplanLookup(this.config.dialplan);
    for (const [k, v] of this.config.dialplan.globals) this.globals.set(k, v);
    this.logFn = options.log ?? ((level, m) => process.stderr.write(`[pbx-sim ${level}] ${m}\n`));
    this.startedAt = this.clock.now();
    this.reloadedAt = this.startedAt;
    this.devices = new DeviceTracker(this);
    this.endpoints = new EndpointRegistry(this);
    this.queues = new QueueManager(this);
    this.bridges = new BridgeManager(this);
    this.apps = createAppRegistry();
    this.endpoints.load(this.config.pjsip.endpoints);
    this.queues.load(this.config.queues);
    this.devices.initialise();
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  on(listener: (e: PbxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.logFn(level, message);
  }

  emit(name: string, privilege: string, fields: AmiField[], refs: Omit<PbxEvent, 'name' | 'privilege' | 'fields'> = {}): void {
    const event: PbxEvent = { name, privilege, fields, ...refs };
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (e) {
        this.log('error', `event listener failed on ${name}: ${String(e)}`);
      }
    }
  }

  /** Emits a channel event: the snapshot block followed by `extra`. */
  emitChannel(name: string, privilege: string, ch: Channel, extra: AmiField[] = []): void {
    this.emit(name, privilege, [...channelFields(ch), ...extra], { channelId: ch.id });
  }

  /** Re-reads the config folder; live calls keep running on the objects they hold. */
  reload(): void {
    const next = loadConfig(this.config.dir);
    this.config = next;
    this.lookup = new DialplanLookup(next.dialplan);
    for (const [k, v] of next.dialplan.globals) if (!this.globals.has(k)) this.globals.set(k, v);
    this.endpoints.load(next.pjsip.endpoints);
    this.queues.load(next.queues);
    this.managerVars.names = next.managerChannelVars;
    this.reloadedAt = this.clock.now();
  }

  /** Creates a channel and announces it with Newchannel. */
  newChannel(o: {
    tech: 'PJSIP' | 'Local';
    endpoint?: string;
    name?: string;
    callerNum: string;
    callerName: string;
    context: string;
    exten: string;
    priority?: number;
    linkedid?: string;
    state?: ChannelStateNum;
    language?: string;
    accountCode?: string;
    /** A caller-chosen uniqueid (ARI originate's channelId); added for the ARI layer. */
    id?: string;
  }): Channel {
    const id = o.id ?? this.ids.uniqueid();
    const name = o.name ?? `${o.tech}/${o.endpoint}-${this.ids.channelSuffix()}`;
    const ch = new Channel(
      id,
      name,
      o.linkedid ?? id,
      o.tech,
      o.endpoint,
      o.callerNum,
      o.callerName,
      o.context,
      o.exten,
      o.priority ?? 1,
      o.language ?? 'en',
      this.clock,
    );
    ch.state = o.state ?? ChannelState.Down;
    ch.managerVars = this.managerVars;
    if (o.accountCode) ch.accountCode = o.accountCode;
    this.channels.set(id, ch);
    this.emitChannel('Newchannel', PRIV.call, ch);
    this.devices.channelChanged(ch);
    return ch;
  }

  findChannel(nameOrId: string): Channel | undefined {
    const byId = this.channels.get(nameOrId);
    if (byId) return byId;
    for (const ch of this.channels.values()) if (ch.name === nameOrId) return ch;
    return undefined;
  }

  /** Like findChannel but throws the message AMI prints. */
  requireChannel(name: string | undefined): Channel {
    const ch = name ? this.findChannel(name) : undefined;
    if (!ch || ch.gone) throw new EngineError('No such channel');
    return ch;
  }

  setState(ch: Channel, state: ChannelStateNum): void {
    if (ch.state === state || ch.gone) return;
    ch.state = state;
    if (state === ChannelState.Up && ch.answeredAt === undefined) ch.answeredAt = this.clock.now();
    this.emitChannel('Newstate', PRIV.call, ch);
    this.devices.channelChanged(ch);
  }

  setVar(ch: Channel, name: string, value: string): void {
    ch.vars.set(name, value);
    if (!ch.gone) this.emitChannel('VarSet', PRIV.dialplan, ch, [['Variable', name], ['Value', value]]);
  }

  setGlobal(name: string, value: string): void {
    this.globals.set(name, value);
    this.emit('VarSet', PRIV.dialplan, [['Channel', 'none'], ['Uniqueid', 'none'], ['Variable', name], ['Value', value]]);
  }

  setConnectedLine(ch: Channel, num: string, name: string): void {
    if (ch.connectedNum === num && ch.connectedName === name) return;
    ch.connectedNum = num;
    ch.connectedName = name;
    this.emitChannel('NewConnectedLine', PRIV.call, ch);
  }

  setCallerId(ch: Channel, num: string, name: string): void {
    ch.callerNum = num;
    ch.callerName = name;
    this.emitChannel('NewCallerid', PRIV.call, ch, [['CID-CallingPres', '0 (Presentation Allowed, Not Screened)']]);
  }

  setAccountCode(ch: Channel, code: string): void {
    const old = ch.accountCode;
    ch.accountCode = code;
    this.emitChannel('NewAccountCode', PRIV.call, ch, [['OldAccountCode', old]]);
  }

  answer(ch: Channel): void {
    this.setState(ch, ChannelState.Up);
  }

  /** Runs the dial plan on a channel from its current location; resolves when the channel is gone. */
  startDialplan(ch: Channel): Promise<void> {
    return runDialplan(this, ch).catch((e) => this.log('error', `dial plan on ${ch.name} failed: ${String(e)}`));
  }

  /**
   * The far end hung up (SIP BYE). HangupRequest carries Cause only when the channel already has a
   * hangup cause, which Dial sets on answer and Queue does not (as seen on the wire).
   */
  remoteHangup(ch: Channel): void {
    if (ch.softHangup || ch.gone) return;
    const extra: AmiField[] = ch.hangupCause ? [['Cause', String(ch.hangupCause)]] : [];
    rtpStatsAtSessionEnd(this, ch);
    this.emitChannel('HangupRequest', PRIV.call, ch, extra);
    ch.softHangup = true;
    ch.remoteEnded = true;
    this.runHangupHook(ch);
    ch.interrupt('hangup');
    this.afterHangupRequest(ch);
  }

  /**
   * A hang-up asked for through AMI/ARI. A channel running the dial plan reports SoftHangupRequest
   * once its application has unwound (as the recordings show); others report it at once.
   */
  requestHangup(ch: Channel, cause?: number): void {
    if (ch.softHangup || ch.gone) return;
    if (cause) ch.hangupCause = cause;
    if (ch.hasRunner) ch.pendingSoftHangupCause = cause ?? 32;
    else this.emitChannel('SoftHangupRequest', PRIV.call, ch, [['Cause', String(cause ?? 32)]]);
    ch.softHangup = true;
    this.runHangupHook(ch);
    ch.interrupt('hangup');
    this.afterHangupRequest(ch);
  }

  private runHangupHook(ch: Channel): void {
    const hook = ch.onHangupRequest;
    ch.onHangupRequest = undefined;
    hook?.();
  }

  /** Channels without a dial-plan runner (ringing legs, bridged outbound legs) are torn down here. */
  private afterHangupRequest(ch: Channel): void {
    if (ch.hasRunner) return;
    if (ch.bridgeId) this.bridges.channelHungUp(ch);
    else this.destroyChannel(ch, ch.hangupCause || 16);
  }

  /** Emits Hangup and forgets the channel. */
  destroyChannel(ch: Channel, cause?: number): void {
    if (ch.gone) return;
    if (ch.bridgeId) this.bridges.leave(ch);
    rtpStatsAtSessionEnd(this, ch);
    let c = cause ?? ch.hangupCause;
    if (c === 0 && ch.wasBridged) c = 16;
    ch.hangupCause = c;
    ch.softHangup = true;
    ch.interrupt('hangup');
    this.emitChannel('Hangup', PRIV.call, ch, [['Cause', String(c)], ['Cause-txt', CAUSE_TEXT[c] ?? 'Unknown']]);
    ch.markGone();
    this.channels.delete(ch.id);
    this.devices.channelChanged(ch);
  }

  /** Sends DTMF from the far end into a channel: DTMFBegin/DTMFEnd, then the digit reaches the app. */
  receiveDtmf(ch: Channel, digits: string, durationMs = 100, mode: DtmfMode = 'rfc4733'): void {
    for (const d of digits) {
      if (!/^[0-9*#A-D]$/i.test(d)) throw new EngineError(`invalid DTMF digit '${d}'`);
      // A SIP INFO carries the whole digit at once: chan_pjsip reports only its end.
      if (mode === 'rfc4733') this.emitChannel('DTMFBegin', PRIV.dtmf, ch, [['Digit', d], ['Direction', 'Received']]);
      this.emitChannel('DTMFEnd', PRIV.dtmf, ch, [['Digit', d], ['DurationMs', String(durationMs)], ['Direction', 'Received']]);
      ch.pushDigit(d);
    }
  }

  /** Active channels in creation order. */
  listChannels(): Channel[] {
    return [...this.channels.values()].filter((c) => !c.gone);
  }

  /** Stops every timer-driven behaviour by hanging up all channels. */
  shutdown(): void {
    for (const ch of this.listChannels()) this.destroyChannel(ch, 16);
  }
}
