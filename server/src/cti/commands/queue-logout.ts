import { parseInput, queueLogoutSchema, RingsideError } from '@ringside/shared';
import { ownAgent, tenantQueue, type CommandHandler } from '../command-context.js';

/**
 * Leaves a queue. A static member cannot (the switch would answer "Member is not dynamic"):
 * QUEUE_MEMBER_STATIC says to pause instead. Leaving a queue one is no longer listed in is fine.
 */
export const queueLogout: CommandHandler = async (ctx, payload) => {
  const { queue } = parseInput(queueLogoutSchema, payload);
  const { endpoint, extension } = ownAgent(ctx);
  if ((await ctx.service.queueMembership?.membershipOf(extension, queue)) === 'static') {
    throw new RingsideError('QUEUE_MEMBER_STATIC', `you are always in queue ${queue}; pause to stop taking its calls`);
  }
  await ctx.service.pbx.queueRemove(tenantQueue(ctx, queue), endpoint);
};
