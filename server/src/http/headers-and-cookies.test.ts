import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, startTestServer, type TestServer } from './test-server.js';

const login = (t: TestServer, headers: Record<string, string> = {}) =>
  fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: 'agent1', password: 'agent-demo' }) });

describe('security headers and the session cookie', () => {
  let plain: TestServer;
  let proxied: TestServer;

  beforeAll(async () => {
    plain = await startTestServer({ SIP_WS_URL: 'wss://pbx.example.com:8089/ws' });
    proxied = await startTestServer({ TRUST_PROXY: '1' });
  }, 60_000);
  afterAll(async () => {
    await plain?.close();
    await proxied?.close();
  });

  it('every reply carries a strict CSP that allows the softphone\'s SIP WebSocket and forbids framing, plus nosniff and a referrer policy', async () => {
    const res = await fetch(`${plain.url}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self' wss:\/\/pbx\.example\.com:8089/);
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('API replies, personal data included, are never cached', async () => {
    expect((await api(plain.url, '/api/customers')).headers.get('cache-control')).toBe('no-store');
    expect((await login(plain)).headers.get('cache-control')).toBe('no-store');
  });

  it('behind a trusted proxy that says https the cookie is Secure and HSTS is sent; without trust neither', async () => {
    const viaProxy = await login(proxied, { 'x-forwarded-proto': 'https' });
    expect(viaProxy.headers.get('set-cookie')).toMatch(/; Secure/);
    expect(viaProxy.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const spoofed = await login(plain, { 'x-forwarded-proto': 'https' });
    expect(spoofed.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
  });
});
