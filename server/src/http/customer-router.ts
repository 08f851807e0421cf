import { Router, type Response } from 'express';
import type { CustomerService } from '../crm/customers/customer-service.js';
import type { Actor } from '../crm/customers/change-history.js';
import { currentUser } from './auth-middleware.js';

/** The signed-in user as the change history names them. */
function actorOf(res: Response): Actor {
  const user = currentUser(res);
  return { id: user.id, name: user.displayName };
}

/** /api/customers: search, read with timeline, change history, duplicate check, create, patch. Every role may use these. */
export function customerRouter(customers: CustomerService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await customers.search(req.query));
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
