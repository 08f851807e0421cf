import { RingsideError, parseInput, unpauseSchema } from '@ringside/shared';
import { ownAgent, type CommandHandler } from '../command-context.js';

/** The agent is ready again: unpaused at the switch, then pause or wrap-up ended in the CTI. Ready already is fine. */
export const unpauseAgent: CommandHandler = async (ctx, payload) => {
  parseInput(unpauseSchema, payload);
  const { agentId } = ownAgent(ctx);
  const service = ctx.service;
  const rec = service.state().agent(agentId);
  if (!rec) throw new RingsideError('AGENT_NOT_FOUND', `no agent ${agentId}`);
  if (rec.status.kind !== 'paused' && rec.status.kind !== 'wrap_up' && rec.status.kind !== 'ready') {
    throw new RingsideError('ILLEGAL_TRANSITION', `cannot become ready while ${rec.status.kind.replace('_', ' ')}`);
  }
  if ([...rec.memberships.values()].some((m) => m.paused)) await service.pbx.queuePause(rec.entry.endpoint, false);
  const now = service.state().agent(agentId);
  if (now && (now.status.kind === 'paused' || now.status.kind === 'wrap_up')) service.publishResult(service.state().unpause(agentId));
};
