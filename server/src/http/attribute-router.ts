import { Router } from 'express';
import type { AttributeService } from '../crm/customers/attribute-service.js';
import { requireRole } from './auth-middleware.js';

/**
 * /api/customer-attributes: every role reads the definitions (the customer form renders them);
 * only admins define, change and remove them.
 */
export function attributeRouter(attributes: AttributeService): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json({ attributes: await attributes.list() });
  });
  router.post('/', requireRole('admin'), async (req, res) => {
    res.status(201).json({ attribute: await attributes.create(req.body) });
  });
  router.patch('/:key', requireRole('admin'), async (req, res) => {
    res.json({ attribute: await attributes.update(String(req.params.key), req.body) });
  });
  router.delete('/:key', requireRole('admin'), async (req, res) => {
    res.json(await attributes.remove(String(req.params.key)));
  });
  return router;
}
