import { parseInput, queueLoginSchema } from '@ringside/shared';
import { ownAgent, type CommandHandler } from '../command-context.js';

/** Joins a queue as a dynamic member; the membership shows once the switch reports QueueMemberAdded. */
export const queueLogin: CommandHandler = async (ctx, payload) => {
  const { queue } = parseInput(queueLoginSchema, payload);
  const { endpoint, extension } = ownAgent(ctx);
  await ctx.service.pbx.queueAdd(queue, endpoint, `Agent ${extension}`);
};
