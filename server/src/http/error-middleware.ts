import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HTTP_STATUS, RingsideError, isRingsideError } from '@ringside/shared';
import { errorFields, type Logger } from '../logger.js';

/**
 * Errors from the HTTP stack itself (body-parser, the router's path decoding, zlib behind
 * Content-Encoding) carry an http-errors status in 4xx: the client's fault, never a 500. Our
 * own wording replaces theirs, which can name internals.
 */
function requestProblem(err: unknown): RingsideError | null {
  const e = err as { type?: unknown; status?: unknown; statusCode?: unknown } | null;
  const type = e?.type;
  if (type === 'entity.parse.failed') return new RingsideError('INVALID_INPUT', 'request body is not valid JSON');
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : err instanceof URIError ? 400 : null;
  if (type === 'entity.too.large' || status === 413) return new RingsideError('PAYLOAD_TOO_LARGE', 'request body is too large');
  if ((typeof type === 'string' && type.startsWith('encoding.')) || type === 'charset.unsupported' || status === 415) {
    return new RingsideError('UNSUPPORTED_MEDIA_TYPE', 'request body encoding is not supported');
  }
  if (err instanceof URIError) return new RingsideError('INVALID_INPUT', 'request path is not valid percent-encoding');
  if (status !== null && status >= 400 && status < 500) return new RingsideError('INVALID_INPUT', 'request could not be read (bad encoding or framing)');
  return null;
}

/** The one place errors become HTTP: RingsideError by its code, anything else as a logged 500. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = isRingsideError(err) ? err : requestProblem(err);
    const error = known ?? new RingsideError('INTERNAL', 'internal error');
    if (!known) logger.error('unhandled error in request', { method: req.method, path: req.path, ...errorFields(err) });
    else if (error.code === 'INTERNAL' || error.code === 'DB_UNAVAILABLE') logger.error(error.message, { path: req.path, ...errorFields((error as { cause?: unknown }).cause ?? error) });
    if (res.headersSent) return;
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    // INTERNAL messages may carry driver detail; the client gets the code and a generic sentence.
    const body = error.code === 'INTERNAL' ? new RingsideError('INTERNAL', 'internal error').toBody() : error.toBody();
    res.status(HTTP_STATUS[error.code]).json(body);
  };
}

/** Unknown /api routes answer NOT_FOUND in the usual error shape rather than express's HTML. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new RingsideError('NOT_FOUND', `no route ${req.method} ${req.path}`));
};
