import { once } from 'node:events';
import { Router } from 'express';
import type { ImportService } from '../crm/customers/import/import-service.js';
import { currentUser, requireRole } from './auth-middleware.js';

/** /api/customer-imports: supervisors and admins upload a CSV (text/csv body), dry-run it under a mapping and download its problems. */
export function customerImportRouter(imports: ImportService): Router {
  const router = Router();
  router.use(requireRole('supervisor', 'admin'));
  router.post('/', async (req, res) => {
    res.status(201).json(await imports.upload(req, req.query, currentUser(res).id));
  });
  router.post('/:id/dry-run', async (req, res) => {
    res.json(await imports.dryRun(req.params.id, req.body, currentUser(res).id));
  });
  router.get('/:id/errors.csv', async (req, res) => {
    let started = false;
    try {
      await imports.writeErrorsCsv(req.params.id, async (line) => {
        if (!started) {
          started = true;
          res.type('text/csv; charset=utf-8').setHeader('content-disposition', 'attachment; filename="import-errors.csv"');
        }
        if (!res.write(line)) await once(res, 'drain');
      });
      res.end();
    } catch (err) {
      // Once lines went out the status is sent: only cutting the connection tells the client the file is incomplete.
      if (started) res.destroy();
      throw err;
    }
  });
  return router;
}
