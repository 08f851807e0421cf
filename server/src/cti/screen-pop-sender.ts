import type { ScreenPop } from '@ringside/shared';
import type { DirectoryLookup } from '../domain/ports/customer-directory.js';
import { buildScreenPop, matchFromLookup, pendingScreenPop, screenPopFrom, type ScreenPopContext } from '../domain/screen-pop.js';
import { errorFields, type Logger } from '../logger.js';

/** Where pops go: `screenPop` first, `screenPopRecord` when the match came after a pending pop. */
export interface PopSink {
  pop(pop: ScreenPop, kind: 'screenPop' | 'screenPopRecord'): void;
  /** The lookup failed for good: the agent must search by hand. */
  failed(context: ScreenPopContext, message: string): void;
  /** The pop identified one customer beyond doubt. */
  identified(callId: string, customerId: string): void;
}

/** Where the sender gets a caller's record: CallerLookups, which shares one lookup per call. */
export interface PopLookups {
  lookup(callId: string, e164: string): Promise<DirectoryLookup>;
  /** The answer if it is already in (the caller was looked up while in the IVR or queue). */
  settled?(callId: string, e164: string): DirectoryLookup | undefined;
}

export interface PopSenderOptions {
  deadlineMs: number;
  /** Delays before each retry of a failed lookup. */
  retryDelaysMs?: number[];
}

/**
 * Delivers a pop without ever keeping a ringing agent waiting on the CRM: if the directory has
 * not answered within the deadline the agent gets a `pending` pop (number, queue, IVR path) at
 * once, and the match follows as `screenPopRecord`. A failing lookup is retried a few times,
 * then reported rather than shown as "unknown caller".
 */
export class ScreenPopSender {
  private readonly retryDelays: number[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly lookups: PopLookups,
    private readonly sink: PopSink,
    private readonly logger: Logger,
    private readonly options: PopSenderOptions,
  ) {
    this.retryDelays = options.retryDelaysMs ?? [250, 1000];
  }

  /** Starts delivering the pop; returns once it has settled (for tests), never rejects. */
  async send(context: ScreenPopContext): Promise<void> {
    // Known already: the pop leaves in the same tick as the ring, not after the rest of the AMI chunk.
    const e164 = context.callerNumber.e164;
    const known = e164 ? this.lookups.settled?.(context.callId, e164) : undefined;
    if (known) {
      const pop = buildScreenPop(context, matchFromLookup(context.callerNumber, known));
      if (pop.match.kind === 'single') this.sink.identified(pop.callId, pop.match.customer.id);
      this.sink.pop(pop, 'screenPop');
      return;
    }
    let sentPending = false;
    const deadline = setTimeout(() => {
      this.timers.delete(deadline);
      if (this.stopped) return;
      sentPending = true;
      this.sink.pop(pendingScreenPop(context), 'screenPop');
    }, this.options.deadlineMs);
    this.timers.add(deadline);
    try {
      const pop = await this.lookup(context);
      clearTimeout(deadline);
      this.timers.delete(deadline);
      if (this.stopped) return;
      if (pop.match.kind === 'single') this.sink.identified(pop.callId, pop.match.customer.id);
      this.sink.pop(pop, sentPending ? 'screenPopRecord' : 'screenPop');
    } catch (err) {
      clearTimeout(deadline);
      this.timers.delete(deadline);
      if (this.stopped) return;
      this.logger.error('screen pop lookup failed', { callId: context.callId, agentId: context.agentId, ...errorFields(err) });
      if (!sentPending) this.sink.pop(pendingScreenPop(context), 'screenPop');
      this.sink.failed(context, 'the customer lookup failed; search for the caller by hand');
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async lookup(context: ScreenPopContext): Promise<ScreenPop> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await screenPopFrom(context, (e164) => this.lookups.lookup(context.callId, e164));
      } catch (err) {
        const delay = this.retryDelays[attempt];
        if (delay === undefined || this.stopped) throw err;
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            this.timers.delete(t);
            resolve();
          }, delay);
          this.timers.add(t);
        });
      }
    }
  }
}
