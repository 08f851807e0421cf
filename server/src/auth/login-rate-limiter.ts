import { RingsideError } from '@ringside/shared';

/** RATE_LIMITED with the seconds after which a retry may succeed (sent as Retry-After). */
export class RateLimitedError extends RingsideError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `too many failed logins; try again in ${retryAfterSeconds} s`,
  ) {
    super('RATE_LIMITED', message);
  }
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const MAX_KEYS = 100_000;

/** Failed logins per key (username + IP) in a sliding 15-minute window. */
export interface LoginAttemptLimiter {
  /** Rejects with RateLimitedError when the key has used up its failures. */
  check(key: string): Promise<void>;
  fail(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

/** Seconds until the oldest of the last `limit` failures leaves the window. */
export function retryAfterSeconds(oldestCounted: number, now: number): number {
  return Math.max(1, Math.ceil((oldestCounted + LOGIN_WINDOW_MS - now) / 1000));
}

/**
 * The count in this process's memory: one node, or the fallback of the shared one when Redis
 * cannot be reached. Several nodes behind a balancer each keep their own count here.
 */
export class LoginRateLimiter implements LoginAttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  async check(key: string): Promise<void> {
    const recent = this.recent(key);
    if (recent.length >= this.limit) throw new RateLimitedError(retryAfterSeconds(recent[recent.length - this.limit] ?? this.now(), this.now()));
  }

  async fail(key: string): Promise<void> {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.delete(key);
    this.failures.set(key, recent);
    // Map keeps insertion order, so the first key is the least recently failed one.
    if (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value as string);
  }

  async reset(key: string): Promise<void> {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - LOGIN_WINDOW_MS;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
