import { Router } from 'express';
import type { JobService } from '../jobs/job-service.js';
import { requireRole } from './auth-middleware.js';

/** /api/jobs: supervisors and admins watch background jobs; only admins cancel one. */
export function jobsRouter(jobs: JobService): Router {
  const router = Router();
  router.use(requireRole('supervisor', 'admin'));
  router.get('/', async (req, res) => {
    res.json(await jobs.list(req.query));
  });
  router.get('/:id', async (req, res) => {
    res.json(await jobs.get(req.params.id));
  });
  router.post('/:id/cancel', requireRole('admin'), async (req, res) => {
    res.json(await jobs.cancel(String(req.params.id)));
  });
  return router;
}
