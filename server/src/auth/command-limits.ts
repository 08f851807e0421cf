import type { RequestHandler } from 'express';
import { createClient } from 'redis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { errorFields, type Logger } from '../logger.js';
import { RateLimitedError } from './login-rate-limiter.js';

/**
 * What a command does decides its budget: call control reaches the switch, CRM writes reach the
 * customer data, admin writes change users and the dial plan. Reads are not limited here.
 */
export const COMMAND_CLASSES = ['call-control', 'crm-write', 'admin'] as const;
/** One budgeted kind of command. */
export type CommandClass = (typeof COMMAND_CLASSES)[number];

/** A budget: `points` commands per `seconds`, per user. */
export interface CommandBudget {
  points: number;
  seconds: number;
}

/** Budgets per class. */
export type CommandBudgets = Record<CommandClass, CommandBudget>;

/** The config defaults (server/src/config.ts), for pieces started without a config. */
export const DEFAULT_COMMAND_BUDGETS: CommandBudgets = {
  'call-control': { points: 20, seconds: 2 },
  'crm-write': { points: 120, seconds: 60 },
  admin: { points: 120, seconds: 60 },
};

/** Takes one command of `cls` from `userId`'s budget, or refuses with RATE_LIMITED and Retry-After. */
export interface CommandLimiter {
  consume(userId: string, cls: CommandClass): Promise<void>;
  close(): Promise<void>;
}

type RedisClient = ReturnType<typeof createClient>;

const CONNECT_WAIT_MS = 2000;

/**
 * One limiter for the socket commands and the REST API, per user and class, on
 * rate-limiter-flexible: in Redis when REDIS_URL is set, so a user's budget is the same on
 * every node and over both paths; in memory otherwise. While Redis is unreachable each node
 * counts alone (the insurance limiter): an outage neither blocks everyone nor lifts the limit.
 */
export class FlexibleCommandLimiter implements CommandLimiter {
  private constructor(
    private readonly limiters: Record<CommandClass, RateLimiterAbstract>,
    private readonly client: RedisClient | null,
  ) {}

  /** In this process's memory: one node, tests. */
  static inMemory(budgets: CommandBudgets): FlexibleCommandLimiter {
    return new FlexibleCommandLimiter(FlexibleCommandLimiter.build(budgets, (cls, b) => new RateLimiterMemory({ keyPrefix: cls, points: b.points, duration: b.seconds })), null);
  }

  /** In Redis under `prefix`; connects in the background when Redis is down. */
  static async connect(url: string, options: { prefix: string; budgets: CommandBudgets; logger: Logger }): Promise<FlexibleCommandLimiter> {
    const client: RedisClient = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: CONNECT_WAIT_MS, reconnectStrategy: (n) => Math.min(n * 200, 5000) } });
    let warnedAt = 0;
    client.on('error', (err: unknown) => {
      if (Date.now() - warnedAt < 60_000) return;
      warnedAt = Date.now();
      options.logger.warn('command limiter: Redis connection problem; counting commands on this node until it is back', errorFields(err));
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.connect().catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, CONNECT_WAIT_MS)))]);
    clearTimeout(timer);
    const limiters = FlexibleCommandLimiter.build(
      options.budgets,
      (cls, b) =>
        new RateLimiterRedis({
          storeClient: client,
          useRedisPackage: true,
          keyPrefix: `${options.prefix}commands:${cls}`,
          points: b.points,
          duration: b.seconds,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: cls, points: b.points, duration: b.seconds }),
        }),
    );
    return new FlexibleCommandLimiter(limiters, client);
  }

  private static build(budgets: CommandBudgets, make: (cls: CommandClass, b: CommandBudget) => RateLimiterAbstract): Record<CommandClass, RateLimiterAbstract> {
    return Object.fromEntries(COMMAND_CLASSES.map((cls) => [cls, make(cls, budgets[cls])])) as Record<CommandClass, RateLimiterAbstract>;
  }

  async consume(userId: string, cls: CommandClass): Promise<void> {
    try {
      await this.limiters[cls].consume(userId);
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(err.msBeforeNext / 1000)), `too many ${cls} commands; try again in ${Math.max(1, Math.ceil(err.msBeforeNext / 1000))} s`);
      }
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.client?.isOpen) await this.client.close().catch(() => undefined);
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The class of a state-changing request under /api (path relative to the mount), or null when not budgeted. */
export function commandClassOf(method: string, path: string): CommandClass | null {
  if (SAFE_METHODS.has(method)) return null;
  if (path.startsWith('/commands/') || path.startsWith('/calls/')) return 'call-control';
  if (path.startsWith('/customers')) return 'crm-write';
  if (path.startsWith('/users') || path.startsWith('/dialplan')) return 'admin';
  // Anything newer is admin-budgeted until it says otherwise: never unlimited by omission.
  return 'admin';
}

/** Express middleware after the session check: spends the request's class from the user's budget. */
export function commandLimit(limiter: CommandLimiter, userOf: (res: Parameters<RequestHandler>[1]) => { id: string }): RequestHandler {
  return (req, res, next) => {
    const cls = commandClassOf(req.method, req.path);
    if (!cls) return next();
    limiter.consume(userOf(res).id, cls).then(() => next(), next);
  };
}
