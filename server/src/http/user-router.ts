import { Router } from 'express';
import type { UserRepository } from '../auth/user-repository.js';
import { requireRole } from './auth-middleware.js';

/** /api/users: the user list, for admins only. */
export function userRouter(users: UserRepository): Router {
  const router = Router();
  router.get('/', requireRole('admin'), async (_req, res) => {
    res.json({ items: await users.list() });
  });
  return router;
}
