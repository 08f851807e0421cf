import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SESSION_COOKIE } from '@ringside/shared';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

describe('signing in over HTTP', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ LOGIN_RATE_LIMIT: '3' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('a wrong password and an unknown user get the same 401 INVALID_CREDENTIALS', async () => {
    const wrong = await api(t.url, '/api/auth/login', { method: 'POST', body: { username: 'agent2', password: 'nope' } });
    const unknown = await api(t.url, '/api/auth/login', { method: 'POST', body: { username: 'ghost', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('a good login sets an httpOnly, SameSite=Lax session cookie that works on /api/auth/me', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'Agent1', password: 'agent-demo' }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { username: string; role: string; agent: { endpoint: string } | null } };
    expect(body.user).toMatchObject({ username: 'agent1', role: 'agent', agent: { endpoint: 'PJSIP/1001', extension: '1001' } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]{40,}`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const me = await api(t.url, '/api/auth/me', { cookie: cookie.split(';')[0] });
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual(body.user);
  });

  it('without a cookie, or with a forged one, the API answers 401 UNAUTHENTICATED', async () => {
    for (const cookie of [undefined, `${SESSION_COOKIE}=forged-token`, 'other=1']) {
      const res = await api(t.url, '/api/customers', { cookie });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect((await api(t.url, '/api/auth/me')).status).toBe(401);
  });

  it('an agent asking for the user list gets 403 FORBIDDEN; an admin gets it', async () => {
    const agent = await loginCookie(t.url, 'agent3', 'agent-demo');
    const denied = await api(t.url, '/api/users', { cookie: agent });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const supervisor = await loginCookie(t.url, 'supervisor', 'supervisor-demo');
    expect((await api(t.url, '/api/users', { cookie: supervisor })).status).toBe(403);
    const admin = await loginCookie(t.url, 'admin', 'admin-demo');
    const list = await api(t.url, '/api/users', { cookie: admin });
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual(['admin', 'agent1', 'agent2', 'agent3', 'olivia', 'operator', 'supervisor']);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/i);
  });

  it('logging out clears the cookie and revokes the session server-side', async () => {
    const cookie = await loginCookie(t.url, 'supervisor', 'supervisor-demo');
    const out = await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    // The old token replayed after logout no longer works.
    expect((await api(t.url, '/api/auth/me', { cookie })).status).toBe(401);
  });

  it('the Socket.IO handshake can resolve the same cookie header', async () => {
    const cookie = await loginCookie(t.url, 'agent2', 'agent-demo');
    const auth = t.server.parts().auth;
    expect((await auth.sessionFromCookieHeader(`theme=dark; ${cookie}`))?.username).toBe('agent2');
    expect(await auth.sessionFromCookieHeader(undefined)).toBeNull();
    expect(await auth.sessionFromCookieHeader(`${SESSION_COOKIE}=nope`)).toBeNull();
  });

  it('after LOGIN_RATE_LIMIT failures the same username and IP get 429 with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await api(t.url, '/api/auth/login', { method: 'POST', body: { username: 'admin', password: `guess-${i}` } })).status).toBe(401);
    }
    const limited = await api(t.url, '/api/auth/login', { method: 'POST', body: { username: 'admin', password: 'admin-demo' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another username from the same IP is not punished for admin's failures.
    expect((await api(t.url, '/api/auth/login', { method: 'POST', body: { username: 'agent1', password: 'agent-demo' } })).status).toBe(200);
  });

  it('malformed JSON and missing fields are 400 INVALID_INPUT, never 500', async () => {
    const broken = await api(t.url, '/api/auth/login', { method: 'POST', rawBody: '{"username": "admin", ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('INVALID_INPUT');
    const empty = await api(t.url, '/api/auth/login', { method: 'POST', body: { username: 'admin' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues).toEqual([{ path: 'password', message: expect.any(String) }]);
  });

  it('changing one’s own password needs the current one; it ends the other sessions and keeps this one', async () => {
    const here = await loginCookie(t.url, 'supervisor', 'supervisor-demo');
    const elsewhere = await loginCookie(t.url, 'supervisor', 'supervisor-demo');
    const wrong = await api(t.url, '/api/auth/password', { method: 'POST', cookie: here, body: { currentPassword: 'not-it', newPassword: 'a-new-password' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
    const short = await api(t.url, '/api/auth/password', { method: 'POST', cookie: here, body: { currentPassword: 'supervisor-demo', newPassword: 'short' } });
    expect(short.body.error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'newPassword', message: expect.any(String) }] });
    expect((await api(t.url, '/api/auth/password', { method: 'POST', body: { currentPassword: 'x', newPassword: 'a-new-password' } })).status).toBe(401);

    const changed = await api(t.url, '/api/auth/password', { method: 'POST', cookie: here, body: { currentPassword: 'supervisor-demo', newPassword: 'a-new-password' } });
    expect(changed.status).toBe(204);
    expect((await api(t.url, '/api/auth/me', { cookie: here })).status).toBe(200);
    expect((await api(t.url, '/api/auth/me', { cookie: elsewhere })).status).toBe(401);
    expect((await api(t.url, '/api/auth/login', { method: 'POST', body: { username: 'supervisor', password: 'supervisor-demo' } })).status).toBe(401);
    await loginCookie(t.url, 'supervisor', 'a-new-password');
  });
});

describe('one password sprayed over many usernames from one address', () => {
  let t: TestServer;

  beforeAll(async () => {
    // Behind a trusted proxy on loopback, X-Forwarded-For names the client, so two addresses can be tried.
    t = await startTestServer({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_LIMIT_PER_ADDRESS: '5', TRUST_PROXY: 'loopback' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const login = (username: string, password: string, from: string) =>
    api(t.url, '/api/auth/login', { method: 'POST', body: { username, password }, headers: { 'x-forwarded-for': from } });

  it('is refused with RATE_LIMITED after LOGIN_RATE_LIMIT_PER_ADDRESS failures, though no username failed more than once', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(`user${i}`, 'Summer2026!', '203.0.113.7')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    // Even a right password from that address waits.
    const limited = await login('admin', 'admin-demo', '203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('another address is not held back by it, and a success does not wipe the address count', async () => {
    expect((await login('admin', 'admin-demo', '198.51.100.9')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(`x${i}`, 'guess', '198.51.100.9')).status).toBe(401);
    expect((await login('agent1', 'agent-demo', '198.51.100.9')).status).toBe(200);
    expect((await login('x9', 'guess', '198.51.100.9')).status).toBe(401);
    expect((await login('agent1', 'agent-demo', '198.51.100.9')).status).toBe(429);
  });
});
