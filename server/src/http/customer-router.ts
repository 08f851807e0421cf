import { once } from 'node:events';
import { Router, type Response } from 'express';
import type { CustomerService } from '../crm/customers/customer-service.js';
import type { Actor } from '../crm/customers/change-history.js';
import { currentUser, requireRole } from './auth-middleware.js';

/** The signed-in user as the change history names them. */
function actorOf(res: Response): Actor {
  const user = currentUser(res);
  return { id: user.id, name: user.displayName };
}

/** /api/customers: search, read with timeline, change history, duplicate check, create, patch for every role; the CSV export for supervisors and admins. */
export function customerRouter(customers: CustomerService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await customers.search(req.query));
  });

  // Before /:id, which would read "export.csv" as an id.
  router.get('/export.csv', requireRole('supervisor', 'admin'), async (req, res) => {
    const lines = customers.exportCsv(req.query);
    res.type('text/csv; charset=utf-8').setHeader('content-disposition', 'attachment; filename="customers.csv"');
    try {
      for await (const line of lines) if (!res.write(line)) await once(res, 'drain');
      res.end();
    } catch (err) {
      // The status line is gone: cutting the connection is how the client learns the file is incomplete (the error is still logged).
      res.destroy();
      throw err;
    }
  });

  router.get('/:id', async (req, res) => {
    res.json(await customers.getWithInteractions(req.params.id));
  });

  router.get('/:id/history', async (req, res) => {
    res.json({ changes: await customers.history(req.params.id, req.query) });
  });

  router.post('/duplicate-check', async (req, res) => {
    res.json({ candidates: await customers.duplicateCheck(req.body) });
  });

  router.post('/', async (req, res) => {
    res.status(201).json({ customer: await customers.create(req.body, actorOf(res)) });
  });

  router.patch('/:id', async (req, res) => {
    res.json({ customer: await customers.update(req.params.id, req.body, actorOf(res)) });
  });

  return router;
}
