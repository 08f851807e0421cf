import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { RingsideError, type PbxConnectionState } from '@ringside/shared';
import { checkAriText } from './ari-ids.js';
import { isAriBridge, isAriChannel, parseAriEvent, type AriBridge, type AriChannel, type AriEvent } from './ari-models.js';
import { AriRest, type AriMethod, type AriRequestOptions, type AriRestOptions } from './ari-rest.js';
import { DEFAULT_BACKOFF, RetrySchedule, whenResynced, type BackoffPolicy } from '../reconnect-backoff.js';

/** What the switch reported right after a (re)connect: every channel and bridge it has now. */
export interface AriResyncSnapshot {
  at: number;
  channels: AriChannel[];
  bridges: AriBridge[];
}

/** Something worth a log line that did not stop the client. */
export interface AriProblem {
  kind: 'connect' | 'auth' | 'disconnected' | 'malformed' | 'resync' | 'stale' | 'replaced' | 'listener';
  message: string;
  sample?: string;
}

/** REST options plus the Stasis application, reconnect and resync behaviour. */
export interface AriClientOptions extends AriRestOptions {
  /** The Stasis application this client registers (ARI_APP). */
  app: string;
  backoff?: Partial<BackoffPolicy>;
  connectTimeoutMs?: number;
  /** A WebSocket ping this often; no pong within `pingTimeoutMs` marks the peer stale. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** Runs after every (re)connect with what the switch has now; live events wait until it returns. */
  resync?: (snapshot: AriResyncSnapshot) => void | Promise<void>;
  resyncTimeoutMs?: number;
}

/** Events of an AriClient. */
export interface AriClientEvents {
  state: [state: PbxConnectionState];
  event: [event: AriEvent];
  resynced: [snapshot: AriResyncSnapshot];
  problem: [problem: AriProblem];
}

/** A place in the dial plan to continue at. */
export interface DialplanTarget {
  context: string;
  extension: string;
  priority?: number;
  label?: string;
}

/**
 * Ringside's own ARI client: REST through AriRest and the `/ari/events` WebSocket for one Stasis
 * application. It reconnects forever (capped backoff with jitter), resyncs channels and bridges
 * after every connect and holds live events back until that resync is handed over. A malformed
 * frame is reported and skipped. Requests are never queued or replayed.
 */
export class AriClient extends EventEmitter<AriClientEvents> {
  readonly rest: AriRest;
  private ws: WebSocket | null = null;
  private current: PbxConnectionState = 'disconnected';
  private pingTimer: NodeJS.Timeout | null = null;
  private lastPong = 0;
  private held: AriEvent[] | null = null;
  private readonly retry: RetrySchedule;

  constructor(private readonly options: AriClientOptions) {
    super();
    checkAriText('dialplan', 'ARI application', options.app);
    this.rest = new AriRest(options);
    this.retry = new RetrySchedule({ ...DEFAULT_BACKOFF, ...options.backoff }, () => this.connectOnce());
  }

  /** The Stasis application name. */
  get app(): string {
    return this.options.app;
  }

  /** Where the events connection stands. */
  state(): PbxConnectionState {
    return this.current;
  }

  /** Starts connecting; returns at once. */
  start(): void {
    this.retry.start();
  }

  /** Stops reconnecting and closes the WebSocket. */
  async stop(): Promise<void> {
    this.retry.stop();
    const ws = this.ws;
    this.ws = null;
    this.held = null;
    this.stopPing();
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.terminate();
      });
    }
    this.setState('disconnected');
  }

  /** Resolves once connected and resynced (or rejects with PBX_TIMEOUT after `timeoutMs`). */
  whenReady(timeoutMs = 10_000): Promise<void> {
    return whenResynced(this, this.current === 'connected' && this.held === null, 'ARI', timeoutMs);
  }

  /** One REST request; see AriRest.request. */
  request<T = unknown>(method: AriMethod, path: string, options?: AriRequestOptions): Promise<T> {
    return this.rest.request<T>(method, path, options);
  }

  /** Sets a channel variable (or function) on a channel. */
  async setChannelVar(channelId: string, variable: string, value: string, timeoutMs?: number): Promise<void> {
    checkAriText('variable', 'variable', variable);
    await this.request('POST', `/channels/${checkAriText('id', 'channelId', channelId)}/variable`, { query: { variable, value }, ...(timeoutMs ? { timeoutMs } : {}) });
  }

  /** Lets a channel leave Stasis: at `target`, or (none) at the next priority after Stasis(). */
  async continueInDialplan(channelId: string, target?: DialplanTarget, timeoutMs?: number): Promise<void> {
    const query = target
      ? {
          context: checkAriText('dialplan', 'context', target.context),
          extension: checkAriText('dialplan', 'extension', target.extension),
          ...(target.label ? { label: checkAriText('dialplan', 'label', target.label) } : { priority: target.priority ?? 1 }),
        }
      : {};
    await this.request('POST', `/channels/${checkAriText('id', 'channelId', channelId)}/continue`, { query, ...(timeoutMs ? { timeoutMs } : {}) });
  }

  private setState(state: PbxConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    this.emit('state', state);
  }

  private eventsUrl(): string {
    const base = this.rest.base.replace(/^http/, 'ws');
    return `${base}/events?${new URLSearchParams({ app: this.options.app, subscribeAll: 'false' }).toString()}`;
  }

  private connectOnce(): void {
    if (!this.retry.active) return;
    this.setState('connecting');
    const ws = new WebSocket(this.eventsUrl(), { headers: { authorization: this.rest.authorization }, handshakeTimeout: this.options.connectTimeoutMs ?? 5000, perMessageDeflate: false });
    this.ws = ws;
    let opened = false;
    let authFailed = false;
    ws.on('unexpected-response', (_req, res) => {
      authFailed = res.statusCode === 401 || res.statusCode === 403;
      const kind = authFailed ? 'auth' : 'connect';
      this.emit('problem', { kind, message: authFailed ? `ARI credentials refused (${res.statusCode})` : `ARI events refused the upgrade (${res.statusCode})` });
      res.resume();
      ws.terminate();
    });
    ws.on('error', (e) => {
      if (!opened && !authFailed) this.emit('problem', { kind: 'connect', message: `ARI events unreachable: ${e.message}` });
    });
    ws.on('open', () => {
      opened = true;
      if (this.ws !== ws) return;
      this.retry.succeeded();
      this.held = [];
      this.setState('connected');
      this.startPing(ws);
      void this.resync(ws);
    });
    ws.on('message', (data, isBinary) => this.onFrame(isBinary ? '' : data.toString()));
    ws.on('pong', () => (this.lastPong = Date.now()));
    ws.on('close', (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.held = null;
      this.stopPing();
      if (opened) this.emit('problem', { kind: 'disconnected', message: `ARI events disconnected (${code})` });
      this.setState('disconnected');
      this.retry.retry(authFailed);
    });
  }

  private startPing(ws: WebSocket): void {
    const interval = this.options.pingIntervalMs ?? 5000;
    const timeout = this.options.pingTimeoutMs ?? 10_000;
    this.lastPong = Date.now();
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastPong > interval + timeout) {
        this.emit('problem', { kind: 'stale', message: `ARI events peer stale: no pong for ${Date.now() - this.lastPong} ms` });
        ws.terminate();
        return;
      }
      ws.ping();
    }, interval);
    this.pingTimer.unref();
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private async resync(ws: WebSocket): Promise<void> {
    const timeoutMs = this.options.resyncTimeoutMs ?? 10_000;
    try {
      const at = Date.now();
      const [channels, bridges] = await Promise.all([this.request<unknown>('GET', '/channels', { timeoutMs }), this.request<unknown>('GET', '/bridges', { timeoutMs })]);
      if (!Array.isArray(channels) || !Array.isArray(bridges)) throw new RingsideError('PBX_REJECTED', 'ARI resync: /channels or /bridges is not a list');
      const snapshot: AriResyncSnapshot = { at, channels: channels.filter(isAriChannel), bridges: bridges.filter(isAriBridge) };
      await this.options.resync?.(snapshot);
      if (this.ws !== ws) return;
      const held = this.held ?? [];
      this.held = null;
      this.emit('resynced', snapshot);
      for (const e of held) this.deliver(e);
    } catch (e) {
      if (this.ws !== ws) return;
      this.emit('problem', { kind: 'resync', message: `ARI resync failed: ${e instanceof Error ? e.message : String(e)}` });
      // Without a resync the live picture could be wrong; a fresh connection retries it.
      ws.terminate();
    }
  }

  private onFrame(text: string): void {
    const event = parseAriEvent(text);
    if (!event) {
      this.emit('problem', { kind: 'malformed', message: 'ARI frame skipped: not a JSON event', sample: text.slice(0, 120) });
      return;
    }
    if (event.type === 'ApplicationReplaced') {
      this.emit('problem', { kind: 'replaced', message: `another client registered the Stasis application '${this.options.app}'` });
    }
    if (this.held !== null) this.held.push(event);
    else this.deliver(event);
  }

  private deliver(e: AriEvent): void {
    try {
      this.emit('event', e);
    } catch (error) {
      this.emit('problem', { kind: 'listener', message: `ARI event listener threw: ${String(error)}` });
    }
  }
}
