import { createHash, randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { errorFields, type Logger } from '../logger.js';
import { LOGIN_WINDOW_MS, LoginRateLimiter, RateLimitedError, retryAfterSeconds, type LoginAttemptLimiter } from './login-rate-limiter.js';

type RedisClient = ReturnType<typeof createClient>;

/** How long start-up waits for Redis before logins are counted on this node until it connects. */
const CONNECT_WAIT_MS = 2000;
/** How long one Redis round trip of a login may take before this node counts on its own. */
const REDIS_DEADLINE_MS = 500;

/**
 * Failed logins counted in Redis, so every node behind the balancer sees the same count: an
 * attacker spreading guesses over nodes gets no more of them. One sorted set per key (a hash of
 * username + IP, so neither is stored), scored by time, trimmed to the window and to the last
 * `limit` entries, expiring with the window. When Redis does not answer, the login is counted
 * in this process instead (the in-memory limiter): a Redis outage must neither lock everyone
 * out nor lift the limit.
 */
export class RedisLoginRateLimiter implements LoginAttemptLimiter {
  private readonly fallback: LoginRateLimiter;
  private warnedAt = 0;

  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly limit: number,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    this.fallback = new LoginRateLimiter(limit, now);
  }

  /** Connects (in the background when Redis is down: logins are counted locally meanwhile). */
  static async connect(url: string, options: { prefix: string; limit: number; logger: Logger; now?: () => number }): Promise<RedisLoginRateLimiter> {
    // No offline queue: a command while disconnected fails at once and the fallback counts it.
    const client: RedisClient = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: CONNECT_WAIT_MS, reconnectStrategy: (retries) => Math.min(retries * 200, 5000) } });
    const limiter = new RedisLoginRateLimiter(client, options.prefix, options.limit, options.logger, options.now ?? Date.now);
    client.on('error', (err: unknown) => limiter.warn('login rate limiter: Redis connection problem; counting failed logins on this node until it is back', err));
    // The client retries for ever; the server does not wait more than CONNECT_WAIT_MS for it.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.connect().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CONNECT_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    return limiter;
  }

  async check(key: string): Promise<void> {
    const k = this.redisKey(key);
    const since = this.now() - LOGIN_WINDOW_MS;
    const counted = await this.redis(() => this.client.zRangeByScore(k, `(${since}`, '+inf'), () => this.fallback.check(key));
    if (counted === undefined) return;
    if (counted.length >= this.limit) {
      // Members are "<ms>:<random>", so the oldest counted failure's time is in the member.
      const oldest = Number((counted[counted.length - this.limit] ?? '').split(':')[0]);
      throw new RateLimitedError(retryAfterSeconds(Number.isFinite(oldest) ? oldest : this.now(), this.now()));
    }
  }

  async fail(key: string): Promise<void> {
    const k = this.redisKey(key);
    const now = this.now();
    await this.redis(
      () =>
        this.client
          .multi()
          .zAdd(k, { score: now, value: `${now}:${randomBytes(6).toString('hex')}` })
          .zRemRangeByScore(k, '-inf', now - LOGIN_WINDOW_MS)
          // Only the last `limit` failures decide anything.
          .zRemRangeByRank(k, 0, -(this.limit + 1))
          .pExpire(k, LOGIN_WINDOW_MS)
          .exec(),
      () => this.fallback.fail(key),
    );
  }

  async reset(key: string): Promise<void> {
    await this.fallback.reset(key);
    await this.redis(() => this.client.del(this.redisKey(key)), async () => undefined);
  }

  async close(): Promise<void> {
    // Still (re)connecting: destroy stops the retries; close would wait for a connection.
    if (this.client.isReady) await this.client.close().catch(() => undefined);
    else this.client.destroy();
  }

  private redisKey(key: string): string {
    return `${this.prefix}:login-failures:${createHash('sha256').update(key).digest('hex')}`;
  }

  /** Runs `op` on Redis; on failure or past the deadline runs `local` instead and returns undefined. */
  private async redis<T>(op: () => Promise<T>, local: () => Promise<void>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!this.client.isReady) throw new Error('not connected');
      return await Promise.race([
        op(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_DEADLINE_MS} ms`)), REDIS_DEADLINE_MS);
        }),
      ]);
    } catch (err) {
      this.warn('login rate limiter: Redis failed; this login is counted on this node only', err);
      await local();
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** At most one warning a minute: a Redis outage during a brute-force attempt must not flood the log. */
  private warn(message: string, err: unknown): void {
    const now = Date.now();
    if (now - this.warnedAt < 60_000) return;
    this.warnedAt = now;
    this.logger.warn(message, errorFields(err));
  }
}
