import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { startTestServer, api, type TestServer } from '../http/test-server.js';
import { createLogger } from '../logger.js';
import { LOGIN_WINDOW_MS, RateLimitedError } from './login-rate-limiter.js';
import { RedisLoginRateLimiter } from './redis-login-rate-limiter.js';

// Against the real Redis (127.0.0.1:6379, started by the test prerequisites), each test under
// its own key prefix so runs never see each other's counts.
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = () => `ringside-test-${randomBytes(4).toString('hex')}`;
const silent = createLogger('silent');

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function limiter(options: { prefix: string; limit: number; now?: () => number; url?: string; lines?: string[] }): Promise<RedisLoginRateLimiter> {
  const logger = options.lines ? createLogger('warn', (l) => options.lines?.push(l)) : silent;
  const l = await RedisLoginRateLimiter.connect(options.url ?? REDIS_URL, { prefix: options.prefix, limit: options.limit, logger, ...(options.now ? { now: options.now } : {}) });
  open.push(l);
  return l;
}

const refusal = (p: Promise<void>) => p.then(() => null, (err: unknown) => err);

describe('failed logins counted in Redis, shared by every node', () => {
  it('guesses spread over two nodes add up: the limit holds on both, and a success on one clears it for both', async () => {
    const p = prefix();
    const [a, b] = [await limiter({ prefix: p, limit: 3 }), await limiter({ prefix: p, limit: 3 })];
    const key = 'admin\u0000203.0.113.7';
    await a.fail(key);
    await b.fail(key);
    await expect(a.check(key)).resolves.toBeUndefined();
    await a.fail(key);
    for (const node of [a, b]) {
      const err = await refusal(node.check(key));
      expect(err).toBeInstanceOf(RateLimitedError);
      expect((err as RateLimitedError).retryAfterSeconds).toBeGreaterThan(LOGIN_WINDOW_MS / 1000 - 5);
    }
    // Another username from the same address is not punished.
    await expect(b.check('agent1\u0000203.0.113.7')).resolves.toBeUndefined();
    await b.reset(key);
    await expect(a.check(key)).resolves.toBeUndefined();
  });

  it('the window slides: failures older than 15 minutes no longer count, and Retry-After says when the oldest leaves', async () => {
    let now = 1_800_000_000_000;
    const l = await limiter({ prefix: prefix(), limit: 2, now: () => now });
    const key = 'agent2\u0000198.51.100.4';
    await l.fail(key);
    now += 60_000;
    await l.fail(key);
    const err = (await refusal(l.check(key))) as RateLimitedError;
    expect(err.retryAfterSeconds).toBe(LOGIN_WINDOW_MS / 1000 - 60);
    now += LOGIN_WINDOW_MS - 60_000 + 1;
    await expect(l.check(key)).resolves.toBeUndefined();
  });

  it('stores neither the username nor the address, and lets the count expire with the window', async () => {
    const p = prefix();
    const l = await limiter({ prefix: p, limit: 5 });
    await l.fail('secret.user\u0000192.0.2.55');
    const raw = createClient({ url: REDIS_URL });
    await raw.connect();
    try {
      const keys = await raw.keys(`${p}:*`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(new RegExp(`^${p}:login-failures:[0-9a-f]{64}$`));
      expect(keys[0]).not.toContain('secret.user');
      const ttl = await raw.pTTL(keys[0] as string);
      expect(ttl).toBeGreaterThan(LOGIN_WINDOW_MS - 10_000);
      expect(ttl).toBeLessThanOrEqual(LOGIN_WINDOW_MS);
    } finally {
      await raw.close();
    }
  });

  it('with Redis unreachable, logins still work and are limited on this node, with one warning', async () => {
    const lines: string[] = [];
    // Port 1 on loopback: connection refused, as when Redis is down.
    const l = await limiter({ prefix: prefix(), limit: 2, url: 'redis://127.0.0.1:1', lines });
    const key = 'admin\u0000192.0.2.1';
    await expect(l.check(key)).resolves.toBeUndefined();
    await l.fail(key);
    await l.fail(key);
    expect(await refusal(l.check(key))).toBeInstanceOf(RateLimitedError);
    expect(lines.filter((x) => x.includes('login rate limiter'))).toHaveLength(1);
  });
});

describe('two server nodes sharing Redis', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it('a password guesser alternating between nodes gets 429 from both once LOGIN_RATE_LIMIT guesses failed', async () => {
    const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix(), LOGIN_RATE_LIMIT: '3' };
    const [a, b] = [await startTestServer(env), await startTestServer(env)];
    servers.push(a, b);
    const login = (s: TestServer, password: string) => api(s.url, '/api/auth/login', { method: 'POST', body: { username: 'admin', password } });
    expect((await login(a, 'guess-1')).status).toBe(401);
    expect((await login(b, 'guess-2')).status).toBe(401);
    expect((await login(a, 'guess-3')).status).toBe(401);
    for (const s of [a, b]) {
      const limited = await login(s, 'admin-demo');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  }, 120_000);
});
