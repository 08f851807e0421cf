import { describe, expect, it } from '@jest/globals';
import { installFakeFetch } from '../test-support/fake-fetch.js';
import { ApiError, parseRetryAfter } from './api-error.js';
import { createHttpClient } from './http-client.js';

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('http client', () => {
  it('turns an ErrorBody into an ApiError with its code, message and field issues', async () => {
    installFakeFetch(() => ({
      status: 400,
      body: { error: { code: 'INVALID_INPUT', message: 'invalid input', issues: [{ path: 'email', message: 'bad email' }] } },
    }));
    const err = await failure(createHttpClient().post('/api/customers', { email: 'x' }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.status).toBe(400);
    expect(err.issues).toEqual([{ path: 'email', message: 'bad email' }]);
  });

  it('reads a bodiless 502 from the proxy, or a failed fetch, as an unreachable server', async () => {
    installFakeFetch(() => ({ status: 502 }));
    expect((await failure(createHttpClient().get('/api/customers'))).code).toBe('NETWORK');

    globalThis.fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect((await failure(createHttpClient().get('/api/customers'))).code).toBe('NETWORK');
  });

  it('tells the session layer about an expired session, but not about a wrong password', async () => {
    const client = createHttpClient();
    let expired = 0;
    client.onUnauthenticated(() => expired++);

    installFakeFetch(() => ({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS', message: 'no' } } }));
    await failure(client.post('/api/auth/login', { username: 'a', password: 'b' }));
    expect(expired).toBe(0);

    installFakeFetch(() => ({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'no session' } } }));
    await failure(client.get('/api/customers'));
    expect(expired).toBe(1);
  });

  it('sends JSON with the session cookie and query parameters, leaving out empty ones', async () => {
    let init: RequestInit | undefined;
    let url = '';
    globalThis.fetch = (async (input: unknown, i?: RequestInit) => {
      url = String(input);
      init = i;
      return { status: 200, headers: { get: () => null }, text: async () => '{"ok":true}' } as unknown as Response;
    }) as typeof fetch;
    const reply = await createHttpClient().request<{ ok: boolean }>('/api/customers', { method: 'POST', body: { a: 1 }, query: { q: '', limit: 25 } });
    expect(reply).toEqual({ ok: true });
    expect(url).toBe('/api/customers?limit=25');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBe('{"a":1}');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('understands Retry-After as seconds and as an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
  });
});
