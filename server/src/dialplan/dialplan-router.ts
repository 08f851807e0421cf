import { Router } from 'express';
import { currentUser, requireRole } from '../http/auth-middleware.js';
import type { DialPlanService } from './dialplan-service.js';

/** /api/dialplan: admins only (mount after requireSession); each handler parses, calls one service method, replies. */
export function dialPlanRouter(service: DialPlanService): Router {
  const router = Router();
  router.use(requireRole('admin'));
  const actor = (res: Parameters<typeof currentUser>[0]) => {
    const user = currentUser(res);
    return { id: user.id, displayName: user.displayName };
  };
  router.get('/draft', async (_req, res) => {
    res.json(await service.getDraft());
  });
  router.put('/draft', async (req, res) => {
    res.json(await service.saveDraft(actor(res), req.body));
  });
  router.get('/diff', async (_req, res) => {
    res.json(await service.diff());
  });
  router.post('/publish', async (req, res) => {
    res.status(201).json({ version: await service.publish(actor(res), req.body) });
  });
  router.get('/versions', async (_req, res) => {
    res.json(await service.listVersions());
  });
  router.post('/versions/:number/rollback', async (req, res) => {
    res.status(201).json({ version: await service.rollback(actor(res), req.params.number, req.body) });
  });
  return router;
}
