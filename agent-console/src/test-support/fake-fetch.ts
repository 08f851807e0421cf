import { jest } from '@jest/globals';

/** A request as the fake server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** What a fake route answers. */
export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A reply, 'pending' to leave the request in flight for good, or undefined for the 404 of an unknown route. */
type Handler = (req: SeenRequest) => FakeReply | 'pending' | undefined;

// jsdom has no Response, so the fake hands back the few members the client reads.
function toResponse(reply: FakeReply) {
  const headers = new Map(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  return {
    status: reply.status,
    ok: reply.status >= 200 && reply.status < 300,
    headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
    text: async () => text,
  };
}

/**
 * Replaces the global fetch with a scripted server; unmatched requests answer 404 NOT_FOUND so a
 * test that forgets a route fails visibly instead of hanging. Returns the log of requests.
 */
export function installFakeFetch(handler: Handler): SeenRequest[] {
  const seen: SeenRequest[] = [];
  const fake = jest.fn(async (input: unknown, init?: { method?: string; body?: unknown }) => {
    const url = new URL(String(input), 'http://console.test');
    const req: SeenRequest = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    seen.push(req);
    const reply = handler(req) ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: `no fake for ${req.method} ${req.path}` } } };
    if (reply === 'pending') return new Promise<never>(() => undefined);
    return toResponse(reply);
  });
  globalThis.fetch = fake as unknown as typeof fetch;
  return seen;
}

/** The Readiness body of a healthy server with the simulated PBX. */
export const READY = {
  status: 200,
  body: { ready: true, database: { ok: true, driver: 'pglite' }, pbx: { state: 'connected', mode: 'simulated' } },
};
