import { Router } from 'express';
import type { CustomerService } from '../crm/customers/customer-service.js';

/** /api/customers: search, read with timeline, create, patch. Every role may use these. */
export function customerRouter(customers: CustomerService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json(await customers.search(req.query));
  });

  router.get('/:id', async (req, res) => {
    res.json(await customers.getWithInteractions(req.params.id));
  });

  router.post('/', async (req, res) => {
    res.status(201).json({ customer: await customers.create(req.body) });
  });

  router.patch('/:id', async (req, res) => {
    res.json({ customer: await customers.update(req.params.id, req.body) });
  });

  return router;
}
