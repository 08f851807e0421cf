import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import { api, loginCookie, startTestServer, type TestServer } from './test-server.js';

const EVIL = 'https://evil.example';
const PARTNER = 'https://crm.partner.example';

/** Opens a console socket as a browser page of `origin` would; resolves 'connected' or the refusal code. */
function handshake(url: string, cookie: string, origin: string): Promise<string> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie, origin } });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (err) => {
      socket.disconnect();
      resolve(err.message);
    });
  });
}

describe('requests from other sites are refused', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ PBX_MODE: 'simulated', ALLOWED_ORIGINS: PARTNER });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('a page of another site cannot open the console socket with the agent\'s cookie; the console\'s own origin and an allowed one can', async () => {
    const cookie = await loginCookie(t.url, 'agent1', 'agent-demo');
    expect(await handshake(t.url, cookie, EVIL)).toBe('ORIGIN_NOT_ALLOWED');
    expect(await handshake(t.url, cookie, 'null')).toBe('ORIGIN_NOT_ALLOWED');
    expect(await handshake(t.url, cookie, t.url)).toBe('connected');
    expect(await handshake(t.url, cookie, PARTNER)).toBe('connected');
  });

  it('a cross-site form POST carrying the session cookie is refused with 403 and does not sign the user out', async () => {
    const cookie = await loginCookie(t.url, 'agent2', 'agent-demo');
    const res = await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ORIGIN_NOT_ALLOWED');
    expect((await api(t.url, '/api/auth/me', { cookie })).status).toBe(200);
  });

  it('without Origin, a Referer from another site is refused and one from the console passes', async () => {
    const cookie = await loginCookie(t.url, 'admin', 'admin-demo');
    const body = JSON.stringify({ name: 'Referer Test', phones: ['+15550100123'] });
    const refused = await fetch(`${t.url}/api/customers`, { method: 'POST', headers: { cookie, referer: `${EVIL}/page`, 'content-type': 'application/json' }, body });
    expect(refused.status).toBe(403);
    const own = await fetch(`${t.url}/api/customers`, { method: 'POST', headers: { cookie, referer: `${t.url}/customers`, 'content-type': 'application/json' }, body });
    expect(own.status).not.toBe(403);
  });

  it('JSON sent as text/plain (what a cross-site form can post without a preflight) is refused with 415', async () => {
    const cookie = await loginCookie(t.url, 'admin', 'admin-demo');
    const res = await fetch(`${t.url}/api/customers`, { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: JSON.stringify({ name: 'Plain Text' }) });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const form = await fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=admin&password=admin-demo' });
    expect(form.status).toBe(415);
  });
});

describe('behind a reverse proxy', () => {
  let trusted: TestServer;
  let untrusted: TestServer;

  beforeAll(async () => {
    trusted = await startTestServer({ TRUST_PROXY: 'loopback' });
    untrusted = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await trusted?.close();
    await untrusted?.close();
  });

  const logoutFrom = (t: TestServer, cookie: string) =>
    fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: 'https://ringside.example.com', 'x-forwarded-host': 'ringside.example.com', 'x-forwarded-proto': 'https' } });

  it('the public origin the proxy forwards counts as the server\'s own only when TRUST_PROXY believes the proxy', async () => {
    expect((await logoutFrom(trusted, await loginCookie(trusted.url, 'agent1', 'agent-demo'))).status).toBe(204);
    expect((await logoutFrom(untrusted, await loginCookie(untrusted.url, 'agent1', 'agent-demo'))).status).toBe(403);
  });
});
