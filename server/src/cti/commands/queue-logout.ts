import { parseInput, queueLogoutSchema } from '@ringside/shared';
import { ownAgent, type CommandHandler } from '../command-context.js';

/** Leaves a queue. */
export const queueLogout: CommandHandler = async (ctx, payload) => {
  const { queue } = parseInput(queueLogoutSchema, payload);
  const { endpoint } = ownAgent(ctx);
  await ctx.service.pbx.queueRemove(queue, endpoint);
};
