import { clickToDialSchema, parseInput, isRingsideError, type ErrorBody } from '@ringside/shared';
import { ownAgent, type CommandHandler } from '../command-context.js';

/**
 * Rings the agent's phone, then dials the number. The switch answers only once the agent picked
 * up, which can take longer than an ack should wait: after `clickToDialAckMs` the ack says
 * `dialling` and a later failure reaches the agent's room as an `error` event.
 */
export const clickToDial: CommandHandler = async (ctx, payload) => {
  const { number, customerId } = parseInput(clickToDialSchema, payload);
  const { agentId, endpoint } = ownAgent(ctx);
  const service = ctx.service;
  const attempt = service.pbx.clickToDial({ agentEndpoint: endpoint, number }).then((result) => {
    if (customerId && result.uniqueid && service.active) service.state().attachCustomer(result.uniqueid, customerId);
    return { status: 'connected' as const, callId: result.uniqueid };
  });
  let waiting: NodeJS.Timeout | undefined;
  const later = new Promise<{ status: 'dialling' }>((resolve) => {
    waiting = setTimeout(() => resolve({ status: 'dialling' }), service.settings.clickToDialAckMs);
  });
  try {
    const first = await Promise.race([attempt, later]);
    if (first.status === 'dialling') {
      attempt.catch((err: unknown) => {
        const error: ErrorBody['error'] = isRingsideError(err) ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: 'click-to-dial failed' };
        service.emit('agentError', agentId, error);
      });
    }
    return first;
  } finally {
    clearTimeout(waiting);
  }
};
