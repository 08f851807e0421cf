import { Router } from 'express';
import { RingsideError, callIdSchema, isCommandName, parseInput, type CommandResult } from '@ringside/shared';
import type { CtiRequest } from '../cti/cti-dispatcher.js';
import { currentUser } from './auth-middleware.js';

/** What the router needs: the same dispatcher the socket gateway uses. */
export interface CommandDispatcher {
  execute(request: CtiRequest): Promise<CommandResult>;
}

function unwrap(result: CommandResult): unknown {
  if (result.ok) return result.data ?? null;
  throw new RingsideError(result.error.code, result.error.message, result.error.issues);
}

/**
 * The REST twin of the socket commands, for scripts and integrations. Mount under `/api` after
 * requireSession: `POST /api/commands/:name` with the payload as body, `POST
 * /api/calls/:callId/:name` with the call id taken from the path, `GET /api/cti/snapshot`.
 * Failures go to the error middleware with the same codes as a socket ack.
 */
export function commandRouter(dispatcher: CommandDispatcher): Router {
  const router = Router();

  router.get('/cti/snapshot', async (_req, res) => {
    res.json({ ok: true, data: unwrap(await dispatcher.execute({ kind: 'snapshot', user: currentUser(res) })) });
  });

  router.post('/commands/:name', async (req, res) => {
    const name = req.params.name;
    if (!isCommandName(name)) throw new RingsideError('NOT_FOUND', `no command ${name}`);
    const payload: unknown = req.body ?? {};
    res.json({ ok: true, data: unwrap(await dispatcher.execute({ kind: 'command', user: currentUser(res), name, payload })) });
  });

  router.post('/calls/:callId/:name', async (req, res) => {
    const name = req.params.name;
    if (!isCommandName(name)) throw new RingsideError('NOT_FOUND', `no command ${name}`);
    const callId = parseInput(callIdSchema, req.params.callId);
    const body: unknown = req.body ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new RingsideError('INVALID_INPUT', 'the body must be a JSON object');
    const payload = { ...(body as Record<string, unknown>), callId };
    res.json({ ok: true, data: unwrap(await dispatcher.execute({ kind: 'command', user: currentUser(res), name, payload })) });
  });

  return router;
}
