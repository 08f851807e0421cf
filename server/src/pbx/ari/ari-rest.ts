import { RingsideError, type ErrorCode } from '@ringside/shared';
import { checkAriText, checkQuery } from './ari-ids.js';

/** Where ARI lives and how to log in. */
export interface AriRestOptions {
  /** `http://host:8088` or `http://host:8088/ari`; `/ari` is added when missing. */
  url: string;
  username: string;
  password: string;
  /** Deadline of a request when the caller gives none. */
  requestTimeoutMs?: number;
}

/** One request's extras. */
export interface AriRequestOptions {
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  body?: unknown;
  timeoutMs?: number;
}

export type AriMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The `/ari` base of a configured URL, without a trailing slash. */
export function ariBase(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith('/ari') ? trimmed : `${trimmed}/ari`;
}

function notFoundCode(path: string, message: string): ErrorCode {
  // `Channel not found` on a channel resource is a call that is gone; a missing variable or label is not.
  return path.startsWith('/channels') && /channel/i.test(message) ? 'CALL_NOT_FOUND' : 'NOT_FOUND';
}

/** Turns an ARI error status into Ringside's vocabulary, keeping Asterisk's own message. */
export function ariStatusError(method: AriMethod, path: string, status: number, message: string): RingsideError {
  const what = `ARI ${method} ${path}`;
  if (status === 401 || status === 403) return new RingsideError('PBX_REJECTED', `${what}: ARI credentials refused (${status})`);
  if (status === 404) return new RingsideError(notFoundCode(path, message), `${what}: ${message || 'not found'}`);
  if (status === 503) return new RingsideError('PBX_UNAVAILABLE', `${what}: ${message || 'service unavailable'}`);
  return new RingsideError('PBX_REJECTED', `${what}: ${message || `status ${status}`} (${status})`);
}

/**
 * ARI's REST half over fetch: basic auth, one deadline per request (an AbortController cuts the
 * request and its body), and every failure as a RingsideError. Nothing is retried: a command that
 * may have reached the switch must not run twice.
 */
export class AriRest {
  readonly base: string;
  private readonly auth: string;

  constructor(private readonly options: AriRestOptions) {
    this.base = ariBase(options.url);
    this.auth = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  }

  /** The Authorization header value, for the events WebSocket. */
  get authorization(): string {
    return this.auth;
  }

  /**
   * Sends one request; `path` is relative to `/ari` (`/channels/1795349684.23/answer`). Resolves
   * with the JSON reply (undefined for 204). Rejects with INVALID_INPUT before sending anything
   * when a path segment or query value is unsafe; PBX_UNAVAILABLE when the switch cannot be
   * reached; PBX_TIMEOUT past the deadline; CALL_NOT_FOUND / NOT_FOUND for 404; PBX_REJECTED for
   * refused credentials and every other refusal, with Asterisk's message.
   */
  async request<T = unknown>(method: AriMethod, path: string, options: AriRequestOptions = {}): Promise<T> {
    const segments = path.split('/').filter((s) => s !== '');
    if (!path.startsWith('/') || segments.length === 0) throw new RingsideError('INVALID_INPUT', `ARI path must start with / and name a resource: '${path.slice(0, 60)}'`);
    segments.forEach((s, i) => checkAriText('id', `path segment ${i + 1}`, s));
    const query = checkQuery(options.query ?? {});
    const qs = query.toString();
    const url = `${this.base}/${segments.join('/')}${qs ? `?${qs}` : ''}`;
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? 5000;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const headers: Record<string, string> = { authorization: this.auth, accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      const res = await fetch(url, { method, headers, signal: controller.signal, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
      const text = await res.text();
      if (!res.ok) throw ariStatusError(method, path, res.status, messageOf(text));
      if (text.trim() === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new RingsideError('PBX_REJECTED', `ARI ${method} ${path}: reply is not JSON (${res.status})`);
      }
    } catch (e) {
      if (e instanceof RingsideError) throw e;
      if (controller.signal.aborted) throw new RingsideError('PBX_TIMEOUT', `ARI ${method} ${path}: no reply within ${timeoutMs} ms`);
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
      throw new RingsideError('PBX_UNAVAILABLE', `ARI ${method} ${path}: switch unreachable (${cause})`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function messageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const m = typeof body.message === 'string' ? body.message : typeof body.error === 'string' ? body.error : '';
    return m.slice(0, 200);
  } catch {
    return '';
  }
}
