import { forcePauseSchema, parseInput } from '@ringside/shared';
import { requireSupervisor, type CommandHandler } from '../command-context.js';
import { pauseAgentAs } from './pause-agent.js';

/** A supervisor pauses an agent (between calls, as the agent could). */
export const forcePause: CommandHandler = async (ctx, payload) => {
  const { agentId, reason } = parseInput(forcePauseSchema, payload);
  requireSupervisor(ctx);
  await pauseAgentAs(ctx.service, agentId, reason);
};
