import { RingsideError, parseInput, setDispositionSchema } from '@ringside/shared';
import { legsOf } from '../../domain/call.js';
import { dispositionCode } from '../cti-settings.js';
import { ownAgent, type CommandHandler } from '../command-context.js';

/** Records the outcome of the agent's current or last call; it lands on that call's interaction. */
export const setDisposition: CommandHandler = async (ctx, payload) => {
  const { callId, code, notes } = parseInput(setDispositionSchema, payload);
  const { agentId, endpoint } = ownAgent(ctx);
  const codes = ctx.service.settings.dispositions.map(dispositionCode);
  if (codes.length > 0 && !codes.includes(code)) {
    throw new RingsideError('INVALID_INPUT', `unknown disposition "${code}"; expected one of ${codes.join(', ')}`, [{ path: 'code', message: 'not a configured disposition' }]);
  }
  const state = ctx.service.state();
  // Another tenant's call is no call at all here (the domain then refuses CALL_NOT_FOUND).
  const call = state.tenantOfCall(callId) === ctx.user.tenant.id ? state.call(callId) : undefined;
  if (call && !legsOf(call).some((l) => l.endpoint === endpoint) && state.agent(agentId)?.lastCall?.callId !== callId) {
    throw new RingsideError('FORBIDDEN', `call ${callId} is not yours`);
  }
  ctx.service.publishResult(state.setDisposition(agentId, callId, code, notes ?? null));
};
