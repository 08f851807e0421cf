import { EventEmitter } from 'node:events';
import { RingsideError, type PbxConnectionState } from '@ringside/shared';
import type { AmiAction } from './ami-action.js';
import { AmiAuthError, AmiConnection, type AmiConnectionOptions, type AmiReply, type SendOptions } from './ami-connection.js';
import type { AmiMessage } from './ami-parser.js';
import { DEFAULT_BACKOFF, RetrySchedule, whenResynced, type BackoffPolicy } from '../reconnect-backoff.js';

/** What the switch reported right after a (re)connect, for the domain to rebuild live state. */
export interface AmiResyncSnapshot {
  at: number;
  /** CoreShowChannel events: every channel up now. */
  channels: AmiMessage[];
  /** QueueParams, QueueMember and QueueEntry events. */
  queueStatus: AmiMessage[];
  /** QueueSummary events. */
  queueSummary: AmiMessage[];
}

/** Something worth a log line that did not stop the client. */
export interface AmiProblem {
  kind: string;
  message: string;
  sample?: string;
}

/** Reconnect forever, politely (the policy the ARI client shares). */
export type AmiBackoff = BackoffPolicy;

/** Connection options plus reconnect and resync behaviour. */
export interface AmiClientOptions extends AmiConnectionOptions {
  backoff?: Partial<AmiBackoff>;
  /** Runs after every (re)connect with what the switch has now; live events wait until it returns. */
  resync?: (snapshot: AmiResyncSnapshot) => void | Promise<void>;
  resyncTimeoutMs?: number;
}

/** Events of an AmiClient. */
export interface AmiClientEvents {
  state: [state: PbxConnectionState];
  event: [event: AmiMessage];
  resynced: [snapshot: AmiResyncSnapshot];
  problem: [problem: AmiProblem];
}


/**
 * Keeps one AMI session alive: reconnects with capped exponential backoff and jitter, resyncs
 * after every connect (CoreShowChannels, QueueStatus, QueueSummary), and holds live events back
 * until the resync is handed over so nothing is applied out of order. Actions fail at once with
 * PBX_UNAVAILABLE while disconnected and are never replayed.
 */
export class AmiClient extends EventEmitter<AmiClientEvents> {
  private conn: AmiConnection | null = null;
  private current: PbxConnectionState = 'disconnected';
  private held: AmiMessage[] | null = null;
  private readonly retry: RetrySchedule;

  constructor(private readonly options: AmiClientOptions) {
    super();
    this.retry = new RetrySchedule({ ...DEFAULT_BACKOFF, ...options.backoff }, () => void this.connectOnce());
  }

  /** Where the connection stands. */
  state(): PbxConnectionState {
    return this.current;
  }

  /** Starts connecting; returns at once. */
  start(): void {
    this.retry.start();
  }

  /** Stops reconnecting and closes the session. */
  async stop(): Promise<void> {
    this.retry.stop();
    const conn = this.conn;
    this.conn = null;
    if (conn) await conn.close();
    this.setState('disconnected');
  }

  /** Resolves once connected and resynced (or rejects after `timeoutMs`). */
  whenReady(timeoutMs = 10_000): Promise<void> {
    return whenResynced(this, this.current === 'connected' && this.held === null, 'AMI', timeoutMs);
  }

  /** Sends an action on the live session; PBX_UNAVAILABLE at once when there is none. */
  sendAction(action: AmiAction, options?: SendOptions): Promise<AmiReply> {
    const conn = this.conn;
    if (!conn || !conn.open) return Promise.reject(new RingsideError('PBX_UNAVAILABLE', `AMI not connected; ${String(action.Action)} not sent`));
    return conn.sendAction(action, options);
  }

  private setState(state: PbxConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    this.emit('state', state);
  }

  private async connectOnce(): Promise<void> {
    if (!this.retry.active) return;
    this.setState('connecting');
    let conn: AmiConnection | undefined;
    try {
      conn = await AmiConnection.connect(this.options, {
        event: (e) => this.onEvent(e),
        problem: (p) => this.emit('problem', p),
        close: (reason) => {
          if (conn) this.onClose(conn, reason);
        },
      });
    } catch (e) {
      const auth = e instanceof AmiAuthError;
      this.emit('problem', { kind: auth ? 'auth' : 'connect', message: e instanceof Error ? e.message : String(e) });
      this.setState('disconnected');
      this.retry.retry(auth);
      return;
    }
    if (!this.retry.active) {
      await conn.close();
      return;
    }
    this.conn = conn;
    this.retry.succeeded();
    this.held = [];
    this.setState('connected');
    await this.resync(conn);
  }

  private async resync(conn: AmiConnection): Promise<void> {
    const timeoutMs = this.options.resyncTimeoutMs ?? 10_000;
    try {
      const at = Date.now();
      const [channels, queueStatus, queueSummary] = await Promise.all([
        conn.sendAction({ Action: 'CoreShowChannels' }, { timeoutMs }),
        conn.sendAction({ Action: 'QueueStatus' }, { timeoutMs }),
        conn.sendAction({ Action: 'QueueSummary' }, { timeoutMs }),
      ]);
      const snapshot: AmiResyncSnapshot = { at, channels: channels.events, queueStatus: queueStatus.events, queueSummary: queueSummary.events };
      await this.options.resync?.(snapshot);
      if (this.conn !== conn) return;
      const held = this.held ?? [];
      this.held = null;
      this.emit('resynced', snapshot);
      for (const e of held) this.deliver(e);
    } catch (e) {
      if (this.conn !== conn) return;
      this.emit('problem', { kind: 'resync', message: `AMI resync failed: ${e instanceof Error ? e.message : String(e)}` });
      // Without a resync the live state could be wrong; a fresh session retries it.
      conn.destroy('resync failed');
    }
  }

  private onEvent(e: AmiMessage): void {
    if (this.held !== null) this.held.push(e);
    else this.deliver(e);
  }

  private deliver(e: AmiMessage): void {
    try {
      this.emit('event', e);
    } catch (error) {
      this.emit('problem', { kind: 'listener', message: `AMI event listener threw: ${String(error)}` });
    }
  }

  private onClose(conn: AmiConnection, reason: string): void {
    if (this.conn !== conn) return;
    this.conn = null;
    this.held = null;
    this.emit('problem', { kind: 'disconnected', message: `AMI disconnected: ${reason}` });
    this.setState('disconnected');
    this.retry.retry(false);
  }
}
