import { RingsideError, parseInput, pauseSchema } from '@ringside/shared';
import * as machine from '../../domain/agent-state.js';
import type { CtiService } from '../cti-service.js';
import { ownAgent, type CommandHandler } from '../command-context.js';

/**
 * Pauses an agent: checked against the state machine first (nothing reaches the switch for a
 * pause that cannot happen), then paused in every queue at the switch so no call is offered,
 * then in the CTI state.
 */
export async function pauseAgentAs(service: CtiService, agentId: string, reason: string): Promise<void> {
  const rec = service.state().agent(agentId);
  if (!rec) throw new RingsideError('AGENT_NOT_FOUND', `no agent ${agentId}`);
  const reasons = service.settings.pauseReasons;
  if (reasons.length > 0 && !reasons.includes(reason)) {
    throw new RingsideError('INVALID_INPUT', `unknown pause reason "${reason}"; expected one of ${reasons.join(', ')}`, [{ path: 'reason', message: 'not a configured pause reason' }]);
  }
  const step = machine.pause(rec.status, reason, Date.now());
  if (!step.ok) throw new RingsideError(step.code, step.message);
  if (rec.memberships.size > 0) await service.pbx.queuePause(rec.entry.endpoint, true, { reason });
  service.publishResult(service.state().pause(agentId, reason));
}

/** The agent pauses with a configured reason. */
export const pauseAgent: CommandHandler = async (ctx, payload) => {
  const { reason } = parseInput(pauseSchema, payload);
  await pauseAgentAs(ctx.service, ownAgent(ctx).agentId, reason);
};
