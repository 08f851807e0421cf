import { RingsideError, clickToDialSchema, parseInput, isRingsideError, toE164, type ErrorBody } from '@ringside/shared';
import type { ContactPolicy } from '../../domain/ports/contact-policy.js';
import { dialContext, ownAgent, type CommandHandler } from '../command-context.js';

/**
 * Rings the agent's phone, then dials the number. The switch answers only once the agent picked
 * up, which can take longer than an ack should wait: after `clickToDialAckMs` the ack says
 * `dialling` and a later failure reaches the agent's room as an `error` event.
 */
export const clickToDial: CommandHandler = async (ctx, payload) => {
  const { number, customerId } = parseInput(clickToDialSchema, payload);
  const { agentId, endpoint } = ownAgent(ctx);
  const service = ctx.service;
  // The call is filed on this customer: one of another tenant (or none) is refused before anything rings.
  if (customerId && service.directory.hasCustomer && !(await service.directory.hasCustomer(customerId))) {
    throw new RingsideError('CUSTOMER_NOT_FOUND', 'no such customer');
  }
  await refuseWithdrawnConsent(service.contactPolicy, toE164(number, service.settings.defaultCountry));
  // The tenant's concurrent-call limit counts its calls on the switch now, this one not yet.
  const tenantId = ctx.user.tenant.id;
  await service.callLimits.check(tenantId, service.liveCallsOf(tenantId));
  const attempt = service.pbx.clickToDial({ agentEndpoint: endpoint, number, ...dialContext(ctx) }).then((result) => {
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
        service.reportToAgent(agentId, error);
      });
    }
    return first;
  } finally {
    clearTimeout(waiting);
  }
};

/**
 * A customer who withdrew consent to service calls on this number is not called back, whoever
 * clicks. Internal extensions (not E.164) are not in the ledger. Marketing withdrawals (a do-not-call
 * entry) do not stop an agent's service call: the dialer and campaigns ask for marketing themselves.
 */
async function refuseWithdrawnConsent(policy: ContactPolicy | null, e164: string | null): Promise<void> {
  if (!policy || !e164) return;
  const verdict = await policy.serviceCall(e164);
  if (!verdict.allowed) {
    const since = verdict.since ? ` on ${verdict.since.slice(0, 10)}` : '';
    throw new RingsideError('CONTACT_NOT_ALLOWED', `${e164} withdrew consent to service calls${since}; it cannot be dialled`);
  }
}
