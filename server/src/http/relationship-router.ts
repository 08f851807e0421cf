import { Router } from 'express';
import type { RelationshipService } from '../crm/customers/relationship-service.js';
import { currentUser, requireRole } from './auth-middleware.js';

/**
 * /api/customers/:id/relationships: list both ways, add and end for every role; deleting (for
 * a relationship entered by mistake, which loses its history) is for supervisors and admins.
 */
export function relationshipRouter(relationships: RelationshipService): Router {
  const router = Router();
  router.get('/:id/relationships', async (req, res) => {
    res.json(await relationships.list(req.params.id));
  });
  router.post('/:id/relationships', async (req, res) => {
    res.status(201).json(await relationships.add(req.params.id, req.body, currentUser(res)));
  });
  router.post('/:id/relationships/:relationshipId/end', async (req, res) => {
    res.json(await relationships.end(req.params.id, String(req.params.relationshipId), req.body));
  });
  router.delete('/:id/relationships/:relationshipId', requireRole('supervisor', 'admin'), async (req, res) => {
    await relationships.delete(String(req.params.id), String(req.params.relationshipId));
    res.status(204).end();
  });
  return router;
}
