import type { EventEmitter } from 'node:events';
import { RingsideError } from '@ringside/shared';

/** Reconnect forever, politely: capped exponential delays with jitter. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** After refused credentials: retrying sooner cannot help and would look like a password guesser. */
  authFailureMs: number;
}

/** The defaults the AMI client uses too. */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 30_000, authFailureMs: 30_000 };

/**
 * The delay before reconnect attempt number `attempt` (0-based). Jitter over the upper half, so
 * many CTI nodes restarting together do not reconnect in step, yet the delay keeps growing.
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, authFailed = false, random: () => number = Math.random): number {
  if (authFailed) return policy.authFailureMs;
  const exp = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 20));
  return exp / 2 + random() * (exp / 2);
}

/**
 * The reconnect loop both switch clients share: `start` connects, `retry` schedules the next
 * attempt (one pending at a time, delays from the policy), `succeeded` resets the backoff.
 */
export class RetrySchedule {
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private on = false;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly connect: () => void,
  ) {}

  /** True between start() and stop(): reconnecting is wanted. */
  get active(): boolean {
    return this.on;
  }

  start(): void {
    if (this.on) return;
    this.on = true;
    this.connect();
  }

  stop(): void {
    this.on = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  succeeded(): void {
    this.attempt = 0;
  }

  retry(authFailed = false): void {
    if (!this.on || this.timer) return;
    const delay = backoffDelay(this.policy, this.attempt++, authFailed);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
    this.timer.unref();
  }
}

/** Resolves at once when `ready`, else on the client's next `resynced`; PBX_TIMEOUT after `timeoutMs`. */
export function whenResynced(client: Pick<EventEmitter, 'once' | 'off'>, ready: boolean, what: string, timeoutMs: number): Promise<void> {
  if (ready) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      client.off('resynced', done);
      reject(new RingsideError('PBX_TIMEOUT', `${what} not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    client.once('resynced', done);
  });
}
