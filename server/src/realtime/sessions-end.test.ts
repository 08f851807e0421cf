import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { SESSION_COOKIE, type SignedOut } from '@ringside/shared';
import { AuthService } from '../auth/auth-service.js';
import { LoginRateLimiter } from '../auth/login-rate-limiter.js';
import { SessionEndings } from '../auth/session-endings.js';
import { SessionRepository } from '../auth/session-repository.js';
import { UserAdminService } from '../auth/user-admin-service.js';
import { UserRepository } from '../auth/user-repository.js';
import { createCtiWorld, startCtiNode, type CtiNode, type CtiWorld } from '../cti/testing/cti-world.js';
import { TestClient, until } from '../cti/testing/test-client.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

let world: CtiWorld;
const nodes: CtiNode[] = [];
const clients: TestClient[] = [];

/** One node's view of sessions: its own announcements, as main.ts wires them. */
function authParts(ttlHours = 1) {
  const endings = new SessionEndings();
  const auth = new AuthService(new UserRepository(world.database), new SessionRepository(world.database), new LoginRateLimiter(100), { sessionSecret: 'x'.repeat(40), sessionTtlHours: ttlHours, endings });
  return { endings, auth, admin: new UserAdminService(world.database, endings) };
}

async function node(parts: ReturnType<typeof authParts>, redisPrefix?: string, nodeId?: string): Promise<CtiNode> {
  const n = await startCtiNode(world, { sessions: parts.auth, sessionEndings: parts.endings, ...(redisPrefix ? { redisUrl: REDIS_URL, redisPrefix, nodeId, leaseTtlMs: 900 } : {}) });
  nodes.push(n);
  return n;
}

async function signIn(auth: AuthService, username: string, password = 'test-password'): Promise<{ cookie: string; token: string }> {
  const { token } = await auth.login({ username, password }, '127.0.0.1');
  return { token, cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` };
}

async function open(n: CtiNode, cookie: string): Promise<TestClient> {
  const c = await TestClient.connect(n.url, cookie, 8000);
  clients.push(c);
  return c;
}

/** The socket was told why and then dropped by the server. */
async function expectSignedOut(client: TestClient, reason: SignedOut['reason']): Promise<void> {
  const signedOut = await client.waitFor<SignedOut>('signedOut');
  expect(signedOut).toEqual({ reason });
  await until('the socket to be disconnected', () => !client.socket.connected);
}

/** Reconnecting with the ended session's cookie is refused, and so is a command over REST. */
async function expectRefused(n: CtiNode, cookie: string): Promise<void> {
  const retry = TestClient.open(n.url, cookie);
  clients.push(retry);
  const error = await new Promise<Error>((resolve) => retry.socket.once('connect_error', resolve));
  expect(error.message).toBe('UNAUTHENTICATED');
  const rest = await fetch(`${n.url}/api/commands/pause`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'Lunch' }) });
  expect(rest.status).toBe(401);
}

async function userId(username: string): Promise<string> {
  const user = (await new UserRepository(world.database).list()).find((u) => u.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user.id;
}

beforeAll(async () => {
  world = await createCtiWorld();
}, 60_000);

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const n of nodes.splice(0).reverse()) await n.stop();
}, 30_000);

afterAll(async () => {
  await world?.close();
}, 30_000);

describe('a session that ends takes its open sockets with it', () => {
  it('an admin deactivates an agent: their open console is signed out with the reason, and cannot come back', async () => {
    const parts = authParts();
    const n = await node(parts);
    const { cookie } = await signIn(parts.auth, 'agent1');
    const alex = await open(n, cookie);
    const id = await userId('agent1');
    try {
      await parts.admin.update(id, { active: false }, await userId('sup'));
      await expectSignedOut(alex, 'deactivated');
      await expectRefused(n, cookie);
    } finally {
      await parts.admin.update(id, { active: true }, await userId('sup'));
    }
  }, 30_000);

  it('an admin changes an agent’s role: the socket with the old role is dropped', async () => {
    const parts = authParts();
    const n = await node(parts);
    const { cookie } = await signIn(parts.auth, 'sup');
    const sam = await open(n, cookie);
    const id = await userId('sup');
    try {
      await parts.admin.update(id, { role: 'agent' }, await userId('agent1'));
      await expectSignedOut(sam, 'role_changed');
      await expectRefused(n, cookie);
    } finally {
      await parts.admin.update(id, { role: 'supervisor' }, await userId('agent1'));
    }
  }, 30_000);

  it('an admin sets a new password, or ends the sessions: every console of that user is signed out', async () => {
    const parts = authParts();
    const n = await node(parts);
    const first = await signIn(parts.auth, 'agent2');
    const second = await signIn(parts.auth, 'agent2');
    const one = await open(n, first.cookie);
    const two = await open(n, second.cookie);
    const id = await userId('agent2');
    await parts.admin.update(id, { password: 'a-new-password' }, await userId('sup'));
    await expectSignedOut(one, 'password_changed');
    await expectSignedOut(two, 'password_changed');
    await expectRefused(n, first.cookie);

    const third = await signIn(parts.auth, 'agent2', 'a-new-password');
    const three = await open(n, third.cookie);
    await parts.admin.endSessions(id);
    await expectSignedOut(three, 'sessions_ended');
    await expectRefused(n, third.cookie);
    await parts.admin.update(id, { password: 'test-password' }, await userId('sup'));
  }, 30_000);

  it('the agent signs out in one tab: that session’s sockets go, the agent’s other session stays', async () => {
    const parts = authParts();
    const n = await node(parts);
    const leaving = await signIn(parts.auth, 'agent3');
    const staying = await signIn(parts.auth, 'agent3');
    const gone = await open(n, leaving.cookie);
    const kept = await open(n, staying.cookie);
    await parts.auth.logout(leaving.token);
    await expectSignedOut(gone, 'logged_out');
    await expectRefused(n, leaving.cookie);
    expect(kept.socket.connected).toBe(true);
    expect(kept.all('signedOut')).toEqual([]);
  }, 30_000);

  it('the agent changes their own password: their other session’s socket is dropped, this one kept', async () => {
    const parts = authParts();
    const n = await node(parts);
    const here = await signIn(parts.auth, 'agent3');
    const elsewhere = await signIn(parts.auth, 'agent3');
    const kept = await open(n, here.cookie);
    const dropped = await open(n, elsewhere.cookie);
    const user = await parts.auth.resolve(here.token);
    if (!user) throw new Error('no session');
    await expect(parts.auth.changePassword(user, here.token, { currentPassword: 'not-it', newPassword: 'a-new-password' })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await parts.auth.changePassword(user, here.token, { currentPassword: 'test-password', newPassword: 'a-new-password' });
    await expectSignedOut(dropped, 'password_changed');
    await expectRefused(n, elsewhere.cookie);
    expect(kept.socket.connected).toBe(true);
    expect(await kept.command('resync', {})).toMatchObject({ ok: true });
    await parts.auth.changePassword(user, here.token, { currentPassword: 'a-new-password', newPassword: 'test-password' });
  }, 30_000);

  it('a session runs out while its console is open: the socket is signed out at expiry', async () => {
    const parts = authParts(2 / 3600);
    const n = await node(parts);
    const { cookie } = await signIn(parts.auth, 'sup');
    const sam = await open(n, cookie);
    await until('the session to expire', () => sam.all('signedOut').length > 0, 8000);
    await expectSignedOut(sam, 'expired');
    await expectRefused(n, cookie);
  }, 30_000);

  it('two nodes: an admin deactivates a user on node A, and their socket on node B is signed out', async () => {
    const prefix = `ringside-test-${randomBytes(4).toString('hex')}`;
    const onA = authParts();
    const a = await node(onA, prefix, 'node-a');
    await until('node A to own the switch', () => a.module.isOwner());
    // Node B hears nothing from node A's announcements except through the Redis adapter.
    const b = await node(authParts(), prefix, 'node-b');
    await a.ami.whenReady(5000);
    const { cookie } = await signIn(onA.auth, 'sup');
    const sam = await open(b, cookie);
    const id = await userId('sup');
    try {
      await onA.admin.update(id, { active: false }, await userId('agent1'));
      await expectSignedOut(sam, 'deactivated');
      await expectRefused(b, cookie);
    } finally {
      await onA.admin.update(id, { active: true }, await userId('agent1'));
    }
  }, 30_000);

  it('a session deleted behind the gateway’s back: the next command is refused and the socket signed out', async () => {
    const parts = authParts();
    const n = await node(parts);
    const { cookie, token } = await signIn(parts.auth, 'agent1');
    const alex = await open(n, cookie);
    // Deleted without an announcement, as another process (or a lost adapter message) would leave it.
    const hash = (await parts.auth.socketSessionFromCookieHeader(cookie))?.tokenHash ?? '';
    expect(token.length).toBeGreaterThan(0);
    await new SessionRepository(world.database).delete(hash);
    expect(await alex.command('pause', { reason: 'Lunch' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await expectSignedOut(alex, 'sessions_ended');
  }, 30_000);
});
