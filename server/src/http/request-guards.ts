import type { RequestHandler } from 'express';
import typeis from 'type-is';
import { RingsideError } from '@ringside/shared';
import type { OriginPolicy } from '../auth/origin-policy.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes under /api whose body is a streamed CSV file rather than JSON. */
const CSV_ROUTES = new Set(['/consent/dnc-import', '/customer-imports']);

/** Refuses state-changing requests sent from a page of another origin (cross-site request forgery). */
export function originGuard(policy: OriginPolicy): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || policy.allowsWrite(req)) return next();
    next(new RingsideError('ORIGIN_NOT_ALLOWED', 'requests from this origin are not allowed'));
  };
}

/**
 * The API speaks JSON only. A cross-site HTML form can send only text/plain, urlencoded or
 * multipart bodies without a CORS preflight, so refusing those closes that door as well.
 */
export const jsonOnly: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const declared = req.headers['content-type'];
  // text/csv is not a CORS-safelisted type (a form cannot send it), so the file uploads that stream CSV keep the protection.
  if (declared !== undefined && CSV_ROUTES.has(req.path) && typeis.is(declared, ['text/csv']) !== false) return next();
  const json = declared !== undefined && typeis.is(declared, ['application/json', 'application/*+json']) !== false;
  // type-is counts Content-Length: 0 as a body; an empty POST (logout) needs no type.
  const body = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if ((declared !== undefined || body) && !json) {
    return next(new RingsideError('UNSUPPORTED_MEDIA_TYPE', 'request body must be application/json'));
  }
  next();
};

/** API replies carry personal data: no browser or proxy cache may keep them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
