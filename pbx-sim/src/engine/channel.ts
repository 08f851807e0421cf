import type { Clock, TimerHandle } from '../clock.js';
import type { ChannelStateNum } from './types.js';

/** Thrown into a channel's pending waits when it is hung up or sent elsewhere. */
export class ChannelInterrupt extends Error {
  constructor(
    readonly kind: 'hangup' | 'goto',
    readonly target?: { context: string; exten: string; priority: number },
  ) {
    super(kind === 'hangup' ? 'channel hung up' : 'channel redirected');
    this.name = 'ChannelInterrupt';
  }
}

interface Pending {
  reject: (err: ChannelInterrupt) => void;
}

/** What the simulated far end of a channel does on its own (phone or caller behaviour). */
export interface RemoteBehaviour {
  /** Auto-answer after this many ms of ringing; undefined waits for a control command. */
  answerAfterMs?: number;
  /** Hang up after this many ms in a bridge (talk time). */
  talkMs?: number;
  /** Caller hangs up after waiting this long without reaching a person. */
  patienceMs?: number;
  /** Digits to press, each after a delay, once the channel is answered; durationMs is how long each lasts (default 100). */
  dtmf?: { digits: string; afterMs: number; mode?: DtmfMode; durationMs?: number }[];
}

/** How a phone sends digits: RFC 4733 RTP events (DTMFBegin and DTMFEnd) or SIP INFO (DTMFEnd only). */
export type DtmfMode = 'rfc4733' | 'info';

/** A live channel: the snapshot AMI prints plus the machinery to wait and be interrupted. */
export class Channel {
  state: ChannelStateNum = 0;
  connectedNum = '';
  connectedName = '';
  accountCode = '';
  appl = '';
  data = '';
  readonly vars = new Map<string, string>();
  /** manager.conf `channelvars`, shared with the engine (a reload changes them for every channel, as in Asterisk). */
  managerVars: { names: readonly string[] } = { names: [] };
  bridgeId: string | undefined;
  answeredAt: number | undefined;
  /**
   * The application pbx_exec restored when the dial plan ended. Asterisk does not publish a
   * snapshot for that restore, so only the final one (ARI ChannelDestroyed) shows it; events in
   * between still show the last application (see runDialplan).
   */
  applAfterDialplan: { appl: string; data: string } | undefined;
  hangupCause = 0;
  /** Set once a hang-up is requested; the channel's runner then tears it down. */
  softHangup = false;
  /** True once Hangup has been emitted. */
  gone = false;
  /** Cause of an AMI/ARI hang-up still to be reported when the dial plan unwinds. */
  pendingSoftHangupCause: number | undefined;
  /** The far end sent BYE (as opposed to an AMI/ARI hang-up). */
  remoteEnded = false;
  /** True while a dial-plan runner owns the channel and will tear it down itself. */
  hasRunner = false;
  /** An async goto already announced the new location with the previous app (Asterisk's stale snapshot). */
  staleNewextenSent = false;
  /** Called when the channel joins a two-party bridge (the simulated caller starts its talk timer). */
  onBridged: (() => void) | undefined;
  /** Deferred work run when a hang-up is requested (app_queue's late AgentComplete after a Redirect). */
  onHangupRequest: (() => void) | undefined;
  /** Told when an attended transfer replaced this channel's bridge partner. */
  onTransferred: (() => void) | undefined;
  /** Set by a transfer so the app holding the bridge reports Reason transfer. */
  transferPending: 'blind' | 'attended' | undefined;
  /** Why the dial plan gave up on this channel, e.g. an unsupported application. */
  failure: string | undefined;
  /** Was ever in a two-party bridge (its hang-up cause then defaults to Normal Clearing). */
  wasBridged = false;
  held = false;
  /** MuteAudio: audio from the phone (`in`) or towards it (`out`) is replaced by silence. */
  muted = { in: false, out: false };
  mohPlaying = false;
  mohClass: string | undefined;
  /** The app the dial plan is executing (Queue, Dial, ...), used for Asterisk's per-app quirks. */
  runningApp: string | undefined;
  /** Extra behaviour of the simulated far end. */
  remote: RemoteBehaviour = {};
  /** Channel that dialled this outbound leg, if any. */
  dialedBy: string | undefined;
  /** For Local channels: the other half. */
  localPeer: string | undefined;
  readonly createdAt: number;
  private readonly digitQueue: string[] = [];
  private digitWaiters: ((d: string) => void)[] = [];
  private readonly pending = new Set<Pending>();
  private readonly timers = new Set<TimerHandle>();
  /** Resolves when the channel is gone; every runner awaits it. */
  readonly ended: Promise<void>;
  private resolveEnded!: () => void;

  constructor(
    readonly id: string,
    readonly name: string,
    public linkedid: string,
    readonly tech: 'PJSIP' | 'Local',
    readonly endpoint: string | undefined,
    public callerNum: string,
    public callerName: string,
    public context: string,
    public exten: string,
    public priority: number,
    public language: string,
    private readonly clock: Clock,
  ) {
    this.createdAt = clock.now();
    this.ended = new Promise((r) => (this.resolveEnded = r));
  }

  /** Sleeps on the engine clock; rejects with ChannelInterrupt if hung up or redirected meanwhile. */
  sleep(ms: number): Promise<void> {
    return this.waitFor<void>((resolve) => {
      const t = this.clock.setTimeout(() => resolve(), ms);
      return () => this.clock.clearTimeout(t);
    });
  }

  /** Waits for something registered by `setup`, interruptible; `setup` returns its cleanup. */
  waitFor<T>(setup: (resolve: (v: T) => void) => () => void): Promise<T> {
    if (this.softHangup) return Promise.reject(new ChannelInterrupt('hangup'));
    return new Promise<T>((resolve, reject) => {
      let cleanup: () => void = () => undefined;
      const entry: Pending = {
        reject: (err) => {
          cleanup();
          this.pending.delete(entry);
          reject(err);
        },
      };
      this.pending.add(entry);
      cleanup = setup((v) => {
        if (!this.pending.has(entry)) return;
        cleanup();
        this.pending.delete(entry);
        resolve(v);
      });
    });
  }

  /** Waits for one digit, or resolves '' after timeoutMs (<= 0 waits forever). */
  nextDigit(timeoutMs: number): Promise<string> {
    const queued = this.digitQueue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return this.waitFor<string>((resolve) => {
      const waiter = (d: string) => resolve(d);
      this.digitWaiters.push(waiter);
      const t = timeoutMs > 0 ? this.clock.setTimeout(() => resolve(''), timeoutMs) : undefined;
      return () => {
        this.digitWaiters = this.digitWaiters.filter((w) => w !== waiter);
        this.clock.clearTimeout(t);
      };
    });
  }

  /** Delivers a received DTMF digit to whoever reads digits, or queues it. */
  pushDigit(d: string): void {
    const w = this.digitWaiters.shift();
    if (w) w(d);
    else this.digitQueue.push(d);
  }

  clearDigits(): void {
    this.digitQueue.length = 0;
  }

  /** Rejects every pending wait with the interrupt. */
  interrupt(kind: 'hangup' | 'goto', target?: { context: string; exten: string; priority: number }): void {
    const err = new ChannelInterrupt(kind, target);
    for (const p of [...this.pending]) p.reject(err);
  }

  /** Schedules behaviour tied to this channel's life; cancelled when it ends. */
  schedule(ms: number, fn: () => void): void {
    const t = this.clock.setTimeout(() => {
      this.timers.delete(t);
      if (!this.gone) fn();
    }, ms);
    this.timers.add(t);
  }

  markGone(): void {
    this.gone = true;
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
    this.resolveEnded();
  }

  get isUp(): boolean {
    return this.state === 6;
  }
}
