import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@ringside/shared';

/** Codes the server sends plus `NETWORK`: the server could not be reached at all. */
export type ApiErrorCode = ErrorCode | 'NETWORK';

/** A failed API call, carrying the server's stable code and field issues. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
    readonly issues: FieldIssue[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** True when the value is an ApiError with the given code (any code when omitted). */
export function isApiError(value: unknown, code?: ApiErrorCode): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code);
}

const codes = new Set<string>(ERROR_CODES);

/** Reads an ErrorBody defensively: anything that is not one yields null. */
export function readErrorBody(body: unknown): { code: ErrorCode; message: string; issues: FieldIssue[] } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message, issues } = error as { code?: unknown; message?: unknown; issues?: unknown };
  if (typeof code !== 'string' || !codes.has(code)) return null;
  const fieldIssues = Array.isArray(issues)
    ? issues.filter(
        (i): i is FieldIssue => typeof i === 'object' && i !== null && typeof i.path === 'string' && typeof i.message === 'string',
      )
    : [];
  return { code: code as ErrorCode, message: typeof message === 'string' ? message : code, issues: fieldIssues };
}

/**
 * The code for a reply without an ErrorBody. Such a reply came from something between us and
 * the server (the dev proxy answers 502 with an empty body when the server is down).
 */
export function codeForBareStatus(status: number): ApiErrorCode {
  if (status === 502 || status === 503 || status === 504) return 'NETWORK';
  if (status === 400) return 'INVALID_INPUT';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  return 'INTERNAL';
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
