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
