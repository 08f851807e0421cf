import { logOutSchema, parseInput } from '@ringside/shared';
import { ownAgent, type CommandHandler } from '../command-context.js';

/**
 * The agent signs out of the phone system (the console sends it before ending the session): paused
 * in every queue with reason "Logged out", then logged out. Refused while a call rings or runs.
 */
export const logOut: CommandHandler = async (ctx, payload) => {
  parseInput(logOutSchema, payload);
  await ctx.service.signOut(ownAgent(ctx).agentId);
};
