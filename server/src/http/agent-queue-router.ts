import { Router } from 'express';
import { RingsideError, type AgentQueues } from '@ringside/shared';
import type { QueueMembership } from '../cti/queue-membership.js';
import { currentUser, requireRole } from './auth-middleware.js';

/**
 * /api/agent/queues: the queues the signed-in agent may take calls from, read from the same
 * membership the queueLogin command enforces, so the console never offers a queue it refuses.
 * Any role with an agent profile (a phone), as for the queue commands.
 */
export function agentQueueRouter(membership: QueueMembership): Router {
  const router = Router();
  router.get('/queues', requireRole('agent', 'supervisor', 'admin'), async (_req, res) => {
    const agent = currentUser(res).agent;
    if (!agent) throw new RingsideError('FORBIDDEN', 'this needs an agent profile (a phone bound to your user)');
    const body: AgentQueues = { queues: await membership.queuesOf(agent.extension) };
    res.json(body);
  });
  return router;
}
