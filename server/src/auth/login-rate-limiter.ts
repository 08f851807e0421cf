import { RingsideError } from '@ringside/shared';

/** RATE_LIMITED with the seconds after which a retry may succeed (sent as Retry-After). */
export class RateLimitedError extends RingsideError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `too many failed logins; try again in ${retryAfterSeconds} s`);
  }
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const MAX_KEYS = 100_000;

/**
 * Counts failed logins per key (username + IP) in a sliding 15-minute window, in memory.
 * One process only: several nodes behind a balancer each keep their own count.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RateLimitedError when the key has used up its failures. */
  check(key: string): void {
    const recent = this.recent(key);
    if (recent.length >= this.limit) {
      const oldest = recent[recent.length - this.limit] ?? this.now();
      throw new RateLimitedError(Math.max(1, Math.ceil((oldest + LOGIN_WINDOW_MS - this.now()) / 1000)));
    }
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.delete(key);
    this.failures.set(key, recent);
    // Map keeps insertion order, so the first key is the least recently failed one.
    if (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value as string);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - LOGIN_WINDOW_MS;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
