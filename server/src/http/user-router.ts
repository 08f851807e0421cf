import { Router } from 'express';
import { z } from 'zod';
import { RingsideError, parseInput, userCreateSchema, userPatchSchema } from '@ringside/shared';
import type { UserAdminService } from '../auth/user-admin-service.js';
import type { UserRepository } from '../auth/user-repository.js';
import { currentUser, requireRole } from './auth-middleware.js';

const userId = z.uuid();

function idOf(raw: string): string {
  // A malformed id names no user: the same answer as an unknown one.
  if (!userId.safeParse(raw).success) throw new RingsideError('NOT_FOUND', 'no such user');
  return raw;
}

/** /api/users: list, create and edit users and their phones; admins only. */
export function userRouter(users: UserRepository, admin: UserAdminService): Router {
  const router = Router();
  router.use(requireRole('admin'));
  router.get('/', async (_req, res) => {
    res.json({ items: await users.list() });
  });
  router.post('/', async (req, res) => {
    res.status(201).json({ user: await admin.create(parseInput(userCreateSchema, req.body)) });
  });
  router.patch('/:id', async (req, res) => {
    res.json({ user: await admin.update(idOf(req.params.id), parseInput(userPatchSchema, req.body), currentUser(res).id) });
  });
  router.post('/:id/sessions/end', async (req, res) => {
    await admin.endSessions(idOf(req.params.id));
    res.status(204).end();
  });
  return router;
}
