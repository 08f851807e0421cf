import { ApiError, codeForBareStatus, parseRetryAfter, readErrorBody } from './api-error.js';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A file sent as the raw body with its own type (the CSV uploads), instead of a JSON body. */
  file?: { type: string; data: Blob };
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /**
   * Whether a 401 UNAUTHENTICATED tells the session layer the session is gone. Off for the calls
   * that establish the session (me, login), where a 401 is an expected answer, not an expiry.
   */
  signalUnauthenticated?: boolean;
}

/** A reply whose status the caller wants to judge itself (e.g. /readyz answers 503 with a body). */
export interface RawReply {
  status: number;
  body: unknown;
}

/** The console's one fetch client: same-origin cookie session, JSON both ways, typed errors. */
export interface HttpClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  patch<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  /** GET that resolves with any HTTP status; rejects only when the server is unreachable. */
  getRaw(path: string, options?: { signal?: AbortSignal }): Promise<RawReply>;
  /** Registers the session layer's reaction to an expired session; returns the unsubscribe. */
  onUnauthenticated(listener: () => void): () => void;
}

export interface HttpClientOptions {
  baseUrl?: string;
  /** Defaults to the global fetch at call time, so tests can replace it. */
  fetch?: typeof fetch;
}

function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Creates the fetch client; the app makes one and shares it through ApiProvider. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const baseUrl = options.baseUrl ?? '';
  const listeners = new Set<() => void>();

  async function send(path: string, init: RequestInit, query: RequestOptions['query']): Promise<Response> {
    const doFetch = options.fetch ?? globalThis.fetch;
    try {
      return await doFetch(buildUrl(baseUrl, path, query), { credentials: 'same-origin', ...init });
    } catch (err) {
      if (err instanceof Error && err.name === 'AbortError') throw err;
      throw new ApiError('NETWORK', err instanceof Error ? err.message : 'network error', 0);
    }
  }

  async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const init: RequestInit = { method: opts.method ?? 'GET', headers };
    if (opts.signal) init.signal = opts.signal;
    if (opts.file) {
      headers['Content-Type'] = opts.file.type;
      init.body = opts.file.data;
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(opts.body);
    }
    const response = await send(path, init, opts.query);
    const body = await readJson(response);
    if (response.status >= 200 && response.status < 300) return body as T;

    const parsed = readErrorBody(body);
    const code = parsed?.code ?? codeForBareStatus(response.status);
    const error = new ApiError(
      code,
      parsed?.message ?? `HTTP ${response.status}`,
      response.status,
      parsed?.issues ?? [],
      parseRetryAfter(response.headers.get('Retry-After')),
    );
    if (code === 'UNAUTHENTICATED' && opts.signalUnauthenticated !== false) {
      for (const listener of [...listeners]) listener();
    }
    throw error;
  }

  return {
    request,
    get: (path, o) => request(path, { ...o, method: 'GET' }),
    post: (path, body, o) => request(path, { ...o, method: 'POST', body }),
    patch: (path, body, o) => request(path, { ...o, method: 'PATCH', body }),
    async getRaw(path, o = {}) {
      const init: RequestInit = { method: 'GET', headers: { Accept: 'application/json' } };
      if (o.signal) init.signal = o.signal;
      const response = await send(path, init, undefined);
      return { status: response.status, body: await readJson(response) };
    },
    onUnauthenticated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
