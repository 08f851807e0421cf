import { createHash } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { RingsideError } from '@ringside/shared';
import { renderAction, type AmiAction } from './ami-action.js';
import { AmiParser, field, type AmiMessage, type AmiParseProblem } from './ami-parser.js';

/** How to reach and log in to one Asterisk manager interface. */
export interface AmiConnectionOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** `md5` logs in through a Challenge so the secret never crosses the wire. */
  authType?: 'plain' | 'md5';
  /** `on`, `off`, or the event classes to receive (`call`, `agent`, ...). */
  events?: 'on' | 'off' | readonly string[];
  connectTimeoutMs?: number;
  /** Deadline of an action when the caller gives none. */
  actionTimeoutMs?: number;
  /** A Ping is sent this long after the last Pong. */
  pingIntervalMs?: number;
  /** No Pong (and no byte at all) for this long marks the peer stale; detection stays under interval + timeout. */
  pingTimeoutMs?: number;
}

/** What an action produced: its response and, for list actions, the events up to `...Complete`. */
export interface AmiReply {
  response: AmiMessage;
  events: AmiMessage[];
  /** The `...Complete` event of a list action; the awaited event of `awaitEvent`. */
  final: AmiMessage | null;
}

/** Per-action options. */
export interface SendOptions {
  timeoutMs?: number;
  /** Keep waiting after the response for this event carrying the same ActionID (OriginateResponse). */
  awaitEvent?: string;
}

/** What the connection reports to its owner; handlers must not throw (a throw is reported, not raised). */
export interface AmiConnectionHandlers {
  event?(event: AmiMessage): void;
  problem?(problem: AmiParseProblem | { kind: 'stale' | 'stray'; message: string; sample: string }): void;
  close?(reason: string): void;
}

/** The login was refused: retrying at once cannot help. */
export class AmiAuthError extends RingsideError {
  constructor(message: string) {
    super('PBX_REJECTED', message);
  }
}

interface Pending {
  resolve(reply: AmiReply): void;
  reject(error: RingsideError): void;
  timer: NodeJS.Timeout;
  response: AmiMessage | null;
  list: boolean;
  events: AmiMessage[];
  awaitEvent: string | undefined;
  awaited: AmiMessage | null;
}

let connectionSeq = 0;
const EVENT_CLASS = /^[a-z]{2,16}$/;

/**
 * One logged-in AMI session over TCP. Actions are matched to replies by ActionID; each has a
 * deadline; nothing is ever queued while the socket is down, and every pending action fails
 * the moment it goes down. A Ping heartbeat detects a peer that stopped answering.
 */
export class AmiConnection {
  private readonly parser: AmiParser;
  private readonly pending = new Map<string, Pending>();
  private readonly prefix = `rs${(++connectionSeq).toString(36)}-`;
  private counter = 0;
  private closed = false;
  private closeReason = 'closed';
  private lastDataAt = Date.now();
  private pingSentAt: number | null = null;
  private lastPongAt = Date.now();
  private heartbeatTimer: NodeJS.Timeout | null = null;
  /** The banner text, e.g. `Asterisk Call Manager/11.0.0`. */
  banner = '';

  private constructor(
    private readonly socket: Socket,
    private readonly options: AmiConnectionOptions,
    private readonly handlers: AmiConnectionHandlers,
  ) {
    this.parser = new AmiParser({
      frame: (m) => this.onFrame(m),
      banner: (b) => (this.banner = b),
      problem: (p) => this.report(p),
    });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.lastDataAt = Date.now();
      this.parser.push(chunk);
    });
    socket.on('error', (e) => (this.closeReason = `socket error: ${e.message}`));
    socket.on('close', () => this.onClosed());
  }

  /** Connects and logs in; rejects with PBX_UNAVAILABLE (unreachable), PBX_REJECTED (bad login) or PBX_TIMEOUT. */
  static connect(options: AmiConnectionOptions, handlers: AmiConnectionHandlers = {}): Promise<AmiConnection> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: options.host, port: options.port });
      const timeoutMs = options.connectTimeoutMs ?? 5000;
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new RingsideError('PBX_TIMEOUT', `AMI ${options.host}:${options.port}: no connection within ${timeoutMs} ms`));
      }, timeoutMs);
      const early = (e: Error) => {
        clearTimeout(timer);
        reject(new RingsideError('PBX_UNAVAILABLE', `AMI ${options.host}:${options.port} unreachable: ${e.message}`));
      };
      socket.once('error', early);
      socket.once('connect', () => {
        socket.off('error', early);
        const conn = new AmiConnection(socket, options, handlers);
        conn.login().then(
          () => {
            clearTimeout(timer);
            conn.startHeartbeat();
            resolve(conn);
          },
          (e: unknown) => {
            clearTimeout(timer);
            conn.destroy('login failed');
            reject(e);
          },
        );
      });
    });
  }

  /** True until the socket closed. */
  get open(): boolean {
    return !this.closed;
  }

  /** Actions sent and not yet answered. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Sends one action. Rejects with INVALID_INPUT (nothing written) for a header that would break
   * the framing, PBX_UNAVAILABLE when not connected (never queued), PBX_TIMEOUT past the
   * deadline, PBX_REJECTED with Asterisk's message for `Response: Error`.
   */
  sendAction(action: AmiAction, options: SendOptions = {}): Promise<AmiReply> {
    if (this.closed) return Promise.reject(new RingsideError('PBX_UNAVAILABLE', `AMI not connected (${this.closeReason}); ${String(action.Action)} not sent`));
    const actionId = this.prefix + (++this.counter).toString(36);
    let text: string;
    try {
      text = renderAction(action, actionId);
    } catch (e) {
      return Promise.reject(e);
    }
    const timeoutMs = options.timeoutMs ?? this.options.actionTimeoutMs ?? 5000;
    return new Promise<AmiReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(actionId);
        reject(new RingsideError('PBX_TIMEOUT', `AMI ${action.Action}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      this.pending.set(actionId, { resolve, reject, timer, response: null, list: false, events: [], awaitEvent: options.awaitEvent, awaited: null });
      this.socket.write(text);
    });
  }

  /** Logs off politely (bounded wait), then closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.sendAction({ Action: 'Logoff' }, { timeoutMs: 1000 });
    } catch {
      /* closing anyway */
    }
    this.destroy('closed by us');
  }

  /** Drops the socket at once; pending actions fail with PBX_UNAVAILABLE. */
  destroy(reason: string): void {
    if (!this.closed) this.closeReason = reason;
    this.socket.destroy();
    // 'close' may come a tick later; fail everything now so no caller waits on a dead socket.
    this.onClosed();
  }

  private async login(): Promise<void> {
    const o = this.options;
    const events = o.events === undefined ? 'on' : typeof o.events === 'string' ? o.events : o.events.join(',');
    if (typeof o.events !== 'string' && o.events !== undefined && !o.events.every((c) => EVENT_CLASS.test(c))) {
      throw new RingsideError('INVALID_INPUT', `AMI event classes must be lower-case words: ${o.events.join(',')}`);
    }
    try {
      if (o.authType === 'md5') {
        const { response } = await this.sendAction({ Action: 'Challenge', AuthType: 'MD5' });
        const key = createHash('md5').update(field(response, 'Challenge') + o.secret).digest('hex');
        await this.sendAction({ Action: 'Login', AuthType: 'MD5', Username: o.username, Key: key, Events: events });
      } else {
        await this.sendAction({ Action: 'Login', Username: o.username, Secret: o.secret, Events: events });
      }
    } catch (e) {
      if (e instanceof RingsideError && e.code === 'PBX_REJECTED') {
        throw new AmiAuthError(`AMI login as ${o.username} refused: ${e.message.replace(/^AMI Login: /, '')}`);
      }
      throw e;
    }
  }

  private startHeartbeat(): void {
    const interval = this.options.pingIntervalMs ?? 500;
    const timeout = this.options.pingTimeoutMs ?? 1000;
    const tick = Math.max(20, Math.min(interval, timeout) / 5);
    this.lastPongAt = Date.now();
    this.heartbeatTimer = setInterval(() => this.heartbeat(interval, timeout), tick);
    this.heartbeatTimer.unref();
  }

  private heartbeat(interval: number, timeout: number): void {
    if (this.closed) return;
    const now = Date.now();
    if (this.pingSentAt !== null) {
      const waited = now - this.pingSentAt;
      // A peer busy flooding us with events is alive even if its Pong is still queued behind them.
      const quiet = now - this.lastDataAt;
      if ((waited >= timeout && quiet >= timeout) || waited >= timeout * 10) {
        const message = `AMI peer stale: no Pong within ${waited} ms`;
        this.report({ kind: 'stale', message, sample: '' });
        this.destroy(message);
      }
      return;
    }
    if (now - this.lastPongAt < interval) return;
    const sentAt = now;
    this.pingSentAt = sentAt;
    this.sendAction({ Action: 'Ping' }, { timeoutMs: timeout * 10 }).then(
      () => {
        if (this.pingSentAt === sentAt) this.pingSentAt = null;
        this.lastPongAt = Date.now();
      },
      () => undefined,
    );
  }

  private onFrame(m: AmiMessage): void {
    const id = m.ActionID;
    // OriginateResponse is an event that also carries a `Response` header.
    if (m.Response !== undefined && m.Event === undefined) {
      const p = typeof id === 'string' ? this.pending.get(id) : undefined;
      if (!p || typeof id !== 'string') {
        this.report({ kind: 'stray', message: 'response to no pending action', sample: String(id ?? '') });
        return;
      }
      if (m.Response === 'Error') {
        this.settle(id, p, new RingsideError('PBX_REJECTED', `AMI ${field(m, 'Message') || 'Error'}`));
        return;
      }
      p.response = m;
      if (field(m, 'EventList').toLowerCase() === 'start') p.list = true;
      else if (p.awaitEvent === undefined || p.awaited !== null) this.settle(id, p, null);
      return;
    }
    if (typeof id === 'string') {
      const p = this.pending.get(id);
      if (p) {
        if (p.awaitEvent !== undefined && m.Event === p.awaitEvent) {
          p.awaited = m;
          if (p.response !== null && !p.list) this.settle(id, p, null);
        } else if (p.list || p.response === null) {
          if (p.list && field(m, 'EventList').toLowerCase() === 'complete') {
            p.awaited = m;
            this.settle(id, p, null);
          } else {
            // List items belong to their action, not to the live stream.
            p.events.push(m);
          }
          return;
        }
      }
    }
    if (m.Event !== undefined && this.handlers.event) this.handlers.event(m);
  }

  private settle(id: string, p: Pending, error: RingsideError | null): void {
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (error) p.reject(error);
    else p.resolve({ response: p.response as AmiMessage, events: p.events, final: p.awaited });
  }

  private report(problem: Parameters<NonNullable<AmiConnectionHandlers['problem']>>[0]): void {
    try {
      this.handlers.problem?.(problem);
    } catch {
      /* a reporting bug must not break the session */
    }
  }

  private onClosed(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const error = new RingsideError('PBX_UNAVAILABLE', `AMI connection lost (${this.closeReason})`);
    for (const [id, p] of this.pending) this.settle(id, p, error);
    try {
      this.handlers.close?.(this.closeReason);
    } catch {
      /* see report() */
    }
  }
}
