import { forcePauseSchema, parseInput } from '@ringside/shared';
import { requireSupervisor, targetAgent, type CommandHandler } from '../command-context.js';
import { pauseAgentAs } from './pause-agent.js';

/** A supervisor pauses an agent (between calls, as the agent could). */
export const forcePause: CommandHandler = async (ctx, payload) => {
  const { agentId, reason } = parseInput(forcePauseSchema, payload);
  requireSupervisor(ctx);
  // Only an agent of the supervisor's own tenant.
  targetAgent(ctx, agentId);
  await pauseAgentAs(ctx.service, agentId, reason);
};
