import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HTTP_STATUS, RingsideError, isRingsideError } from '@ringside/shared';
import { errorFields, type Logger } from '../logger.js';

/** Body-parser failures carry an http-errors `type`; they are the client's fault, not ours. */
function bodyParserProblem(err: unknown): RingsideError | null {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return new RingsideError('INVALID_INPUT', 'request body is not valid JSON');
  if (type === 'entity.too.large') return new RingsideError('INVALID_INPUT', 'request body is too large');
  if ((typeof type === 'string' && type.startsWith('encoding.')) || type === 'charset.unsupported') {
    return new RingsideError('INVALID_INPUT', 'request body encoding is not supported');
  }
  return null;
}

/** The one place errors become HTTP: RingsideError by its code, anything else as a logged 500. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = isRingsideError(err) ? err : bodyParserProblem(err);
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
