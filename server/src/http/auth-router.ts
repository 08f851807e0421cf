import { Router } from 'express';
import type { AuthService } from '../auth/auth-service.js';
import { sessionCookie } from '../auth/session-cookie.js';
import { currentUser, requireSession, sessionToken } from './auth-middleware.js';

/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, POST /api/auth/password, POST /api/auth/tenant. */
export function authRouter(auth: AuthService): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const { user, token } = await auth.login(req.body, req.ip ?? req.socket.remoteAddress ?? 'unknown');
    res.setHeader('Set-Cookie', sessionCookie(token, { secure: req.secure, maxAgeSeconds: auth.sessionTtlSeconds }));
    res.json({ user });
  });

  router.post('/logout', async (req, res) => {
    await auth.logout(sessionToken(req));
    res.setHeader('Set-Cookie', sessionCookie(null, { secure: req.secure, maxAgeSeconds: 0 }));
    res.status(204).end();
  });

  router.get('/me', requireSession(auth), (_req, res) => {
    res.json({ user: currentUser(res) });
  });

  router.post('/password', requireSession(auth), async (req, res) => {
    await auth.changePassword(currentUser(res), sessionToken(req), req.body);
    res.status(204).end();
  });

  // Moves this session to another tenant of the user's (NOT_A_MEMBER, TENANT_SUSPENDED); the console reloads into it.
  router.post('/tenant', requireSession(auth), async (req, res) => {
    res.json({ user: await auth.switchTenant(currentUser(res), sessionToken(req), req.body) });
  });

  return router;
}
