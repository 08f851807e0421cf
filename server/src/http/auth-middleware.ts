import type { Request, RequestHandler, Response } from 'express';
import { RingsideError, SESSION_COOKIE, type Role, type SessionUser } from '@ringside/shared';
import type { AuthService } from '../auth/auth-service.js';
import { readCookie } from '../auth/session-cookie.js';
import { inTenant } from '../db/tenant-scope.js';

/** The session token of a request, from the httpOnly cookie. */
export function sessionToken(req: Request): string | null {
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

/** The signed-in user set by requireSession. */
export function currentUser(res: Response): SessionUser {
  const user = res.locals['user'] as SessionUser | undefined;
  if (!user) throw new RingsideError('UNAUTHENTICATED', 'sign in first');
  return user;
}

/**
 * Rejects requests without a live session (401 UNAUTHENTICATED); otherwise exposes the user and
 * runs the rest of the request in the session's tenant, so every query it makes sees that
 * tenant's rows only.
 */
export function requireSession(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    const user = await auth.resolve(sessionToken(req));
    if (!user) throw new RingsideError('UNAUTHENTICATED', 'sign in first');
    res.locals['user'] = user;
    inTenant(user.tenant.id, next);
  };
}

/** Lets only the given roles through (403 FORBIDDEN); mount after requireSession. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const user = currentUser(res);
    if (!roles.includes(user.role)) throw new RingsideError('FORBIDDEN', `this needs the role ${roles.join(' or ')}`);
    next();
  };
}
