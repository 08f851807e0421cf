import { once } from 'node:events';
import { Router, type Response } from 'express';
import type { ImportService } from '../crm/customers/import/import-service.js';
import { currentUser, requireRole } from './auth-middleware.js';

/** /api/customer-imports: supervisors and admins upload a CSV (text/csv body), dry-run it under a mapping, run it as a job and download its problems. */
export function customerImportRouter(imports: ImportService): Router {
  const router = Router();
  router.use(requireRole('supervisor', 'admin'));
  router.post('/', async (req, res) => {
    res.status(201).json(await imports.upload(req, req.query, currentUser(res).id));
  });
  router.post('/:id/dry-run', async (req, res) => {
    res.json(await imports.dryRun(req.params.id, req.body, currentUser(res).id));
  });
  router.post('/:id/run', async (req, res) => {
    const user = currentUser(res);
    res.status(202).json(await imports.run(req.params.id, { id: user.id, name: user.displayName }));
  });
  router.get('/:id/errors.csv', (req, res) => streamCsv(res, (write) => imports.writeErrorsCsv(String(req.params.id), write)));
  router.get('/:id/run-errors.csv', (req, res) => streamCsv(res, (write) => imports.writeRunErrorsCsv(String(req.params.id), write)));
  return router;
}

/** Streams CSV lines with back-pressure; headers go out with the first line, so an error before it is a normal error reply. */
async function streamCsv(res: Response, produce: (write: (line: string) => Promise<void>) => Promise<void>): Promise<void> {
  let started = false;
  try {
    await produce(async (line) => {
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
}
