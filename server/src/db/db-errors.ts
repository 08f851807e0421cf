import { RingsideError, isRingsideError } from '@ringside/shared';

// SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P admin/crash shutdown.
const UNAVAILABLE_STATE = /^(08|53|57P)/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGE = /connection terminated|timeout exceeded when trying to connect|pool after calling end|pglite is closed|database system is (starting up|shutting down)/i;

interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** Drizzle wraps driver errors in DrizzleQueryError; the SQLSTATE lives on the innermost cause. */
function chain(err: unknown): PgLikeError[] {
  const out: PgLikeError[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    out.push(cur as PgLikeError);
    cur = (cur as PgLikeError).cause;
  }
  return out;
}

/** Translates a pg / PGlite / drizzle error into a RingsideError so no raw library error leaves a repository. */
export function translateDbError(err: unknown, what = 'database operation'): RingsideError {
  if (isRingsideError(err)) return err;
  const links = chain(err);
  for (const e of links) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (code === '23505') {
      const constraint = typeof e.constraint === 'string' ? e.constraint : 'a unique constraint';
      return new RingsideError('CONFLICT', `${what} conflicts with an existing record (${constraint})`);
    }
    if (code === '23503') return new RingsideError('NOT_FOUND', `${what} refers to a record that does not exist`);
    // A row-level security refusal means the row is another tenant's: for this tenant it does not exist.
    if (code === '42501' && /row-level security/i.test(String(e.message ?? ''))) return new RingsideError('NOT_FOUND', `${what} refers to a record that does not exist`);
    if (code === '23514' || code === '23502' || code === '22P02' || code === '22001') {
      // Driver messages may quote the whole offending value; keep the reply readable.
      const detail = String(e.message ?? code);
      return new RingsideError('INVALID_INPUT', `${what} was refused by the database: ${detail.length > 160 ? `${detail.slice(0, 160)}...` : detail}`);
    }
    if (UNAVAILABLE_STATE.test(code) || UNAVAILABLE_ERRNO.has(code)) {
      return new RingsideError('DB_UNAVAILABLE', `database unavailable (${code})`);
    }
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) {
      return new RingsideError('DB_UNAVAILABLE', `database unavailable (${e.message})`);
    }
  }
  // AggregateError from a multi-address connect carries the errno on its members.
  const agg = links.find((e): e is PgLikeError & { errors: unknown[] } => Array.isArray((e as { errors?: unknown }).errors));
  if (agg && agg.errors.some((m) => UNAVAILABLE_ERRNO.has(String((m as PgLikeError).code)))) {
    return new RingsideError('DB_UNAVAILABLE', 'database unavailable (connection refused)');
  }
  const error = new RingsideError('INTERNAL', `${what} failed`);
  (error as { cause?: unknown }).cause = err;
  return error;
}

/** Runs a repository operation and translates whatever the driver throws. */
export async function dbCall<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw translateDbError(err, what);
  }
}
