import { Router, type Response } from 'express';
import type { Actor } from '../crm/customers/change-history.js';
import type { IdentityService } from '../crm/identity/identity-service.js';
import type { MergeService } from '../crm/identity/merge-service.js';
import { currentUser, requireRole } from './auth-middleware.js';

function actorOf(res: Response): Actor {
  const user = currentUser(res);
  return { id: user.id, name: user.displayName };
}

/** /api/identity: the duplicate review queue, scans, merges and their undo. Supervisors and admins only. */
export function identityRouter(identity: IdentityService, merges: MergeService): Router {
  const router = Router();
  router.use(requireRole('supervisor', 'admin'));
  router.post('/scans', async (_req, res) => {
    res.status(202).json(await identity.startScan());
  });
  router.get('/candidates', async (req, res) => {
    res.json({ candidates: await identity.list(req.query) });
  });
  router.post('/candidates/:id/not-duplicate', async (req, res) => {
    await identity.review(req.params.id, 'not_duplicate', actorOf(res));
    res.status(204).end();
  });
  router.post('/candidates/:id/skip', async (req, res) => {
    await identity.review(req.params.id, 'skipped', actorOf(res));
    res.status(204).end();
  });
  router.get('/merges', async (req, res) => {
    res.json({ merges: await merges.list(req.query) });
  });
  router.post('/merges', async (req, res) => {
    res.status(201).json({ merge: await merges.merge(req.body, actorOf(res)) });
  });
  router.post('/merges/:id/undo', async (req, res) => {
    res.json({ merge: await merges.unmerge(req.params.id, actorOf(res)) });
  });
  return router;
}
