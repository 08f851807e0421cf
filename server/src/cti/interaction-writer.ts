import { asSystem, currentScope, runInScope, type DbScope } from '../db/tenant-scope.js';
import { isRingsideError } from '@ringside/shared';
import type { InteractionLog, InteractionRecord, OpenInteraction } from '../domain/ports/interaction-log.js';
import { errorFields, type Logger } from '../logger.js';

/** One write to the interaction log. */
export type InteractionWrite =
  | { kind: 'open'; record: OpenInteraction }
  | { kind: 'record'; record: InteractionRecord }
  | { kind: 'disposition'; legId: string; code: string; notes: string | null }
  /** Behind every write queued before it, so a completion just decided is never taken for a lost call. */
  | { kind: 'reconcile'; liveLegIds: string[]; at: number };

/** Errors a retry cannot fix: the write is logged in full and skipped so the queue moves on. */
const PERMANENT = new Set(['NOT_FOUND', 'INVALID_INPUT', 'CONFLICT', 'FORBIDDEN']);

export interface InteractionWriterOptions {
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Writes interactions one at a time, in the order the domain decided them, so a disposition
 * always lands after the record it amends. A failing write (the database is down) is retried
 * with capped exponential backoff and blocks the writes behind it rather than reordering or
 * dropping them; the log is idempotent by legId, so a retry after an unseen success is harmless.
 */
export class InteractionWriter {
  private readonly queue: InteractionWrite[] = [];
  /** The scope each write was queued in: the drain loop runs outside it, the write must not. */
  private readonly scopes = new WeakMap<InteractionWrite, DbScope>();
  private running = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private idleWaiters: Array<() => void> = [];
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly log: InteractionLog,
    private readonly logger: Logger,
    options: InteractionWriterOptions = {},
  ) {
    this.initialBackoffMs = options.initialBackoffMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
  }

  /** Queues a write; returns at once. */
  enqueue(write: InteractionWrite): void {
    if (this.stopped) {
      this.logger.error('interaction write after stop, not written', { write });
      return;
    }
    const scope = currentScope();
    if (scope) this.scopes.set(write, scope);
    this.queue.push(write);
    if (!this.running) void this.drain();
  }

  /** Writes not yet confirmed by the database. */
  pending(): number {
    return this.queue.length;
  }

  /** Resolves when everything queued so far has been written (or skipped as permanently invalid). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops after giving pending writes up to `graceMs`; whatever is left is logged in full, never silently lost. */
  async stop(graceMs = 2000): Promise<void> {
    if (this.queue.length > 0) {
      await Promise.race([this.idle(), new Promise((r) => setTimeout(r, graceMs).unref())]);
    }
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    for (const write of this.queue) this.logger.error('interaction not written before shutdown', { write });
    this.queue.length = 0;
  }

  private async drain(): Promise<void> {
    this.running = true;
    let attempt = 0;
    while (!this.stopped && this.queue.length > 0) {
      const write = this.queue[0] as InteractionWrite;
      try {
        await this.perform(write);
        this.queue.shift();
        attempt = 0;
      } catch (err) {
        if (isRingsideError(err) && PERMANENT.has(err.code)) {
          this.logger.error('interaction write refused, skipped', { write, code: err.code, error: err.message });
          this.queue.shift();
          attempt = 0;
          continue;
        }
        const delay = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** Math.min(attempt, 20));
        attempt++;
        this.logger.warn('interaction write failed, will retry', { legId: legOf(write), attempt, retryInMs: delay, ...errorFields(err) });
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, delay);
        });
        this.wake = null;
        this.timer = null;
      }
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private perform(write: InteractionWrite): Promise<void> {
    // Reconciling compares the whole switch with the open rows of every tenant: platform work.
    if (write.kind === 'reconcile') return asSystem(() => this.performScoped(write));
    return runInScope(this.scopes.get(write), () => this.performScoped(write));
  }

  private async performScoped(write: InteractionWrite): Promise<void> {
    switch (write.kind) {
      case 'open':
        return this.log.open?.(write.record);
      case 'record':
        return this.log.record(write.record);
      case 'disposition':
        return this.log.setDisposition(write.legId, write.code, write.notes);
      case 'reconcile': {
        const result = await this.log.reconcile?.(write.liveLegIds, write.at);
        if (result && (result.closed > 0 || result.continued > 0)) this.logger.info('open interactions reconciled with the switch', { ...result });
        return;
      }
    }
  }
}

function legOf(write: InteractionWrite): string {
  return write.kind === 'record' || write.kind === 'open' ? write.record.legId : write.kind === 'disposition' ? write.legId : 'reconcile';
}
