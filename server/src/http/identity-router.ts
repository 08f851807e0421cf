import { Router, type Response } from 'express';
import type { Actor } from '../crm/customers/change-history.js';
import type { IdentityService } from '../crm/identity/identity-service.js';
import type { MergeService } from '../crm/identity/merge-service.js';
import { currentUser, requireRole } from './auth-middleware.js';

function actorOf(res: Response): Actor {
  const user = currentUser(res);
  return { id: user.id, name: user.displayName };
}

/**
 * /api/identity: the duplicate review queue, scans, merges and their undo, the matching rules.
 * Supervisors and admins; changing the rules is for admins.
 */
export function identityRouter(identity: IdentityService, merges: MergeService): Router {
  const router = Router();
  router.use(requireRole('supervisor', 'admin'));
  // Without a job queue there is nothing to run a scan on: the route is absent (404) rather than failing.
  if (identity.scansEnabled) {
    router.post('/scans', async (_req, res) => {
      res.status(202).json(await identity.startScan(actorOf(res).id));
    });
  }
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
  router.get('/settings', async (_req, res) => {
    res.json({ settings: await identity.matchSettings() });
  });
  router.put('/settings', requireRole('admin'), async (req, res) => {
    res.json({ settings: await identity.saveMatchSettings(req.body, actorOf(res)) });
  });
  router.delete('/settings', requireRole('admin'), async (_req, res) => {
    res.json({ settings: await identity.resetMatchSettings() });
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
