import { holdSchema, parseInput } from '@ringside/shared';
import { ownLeg, type CommandHandler } from '../command-context.js';

/** Puts the other party on hold from the agent's own leg. */
export const holdCall: CommandHandler = async (ctx, payload) => {
  const { callId } = parseInput(holdSchema, payload);
  const { leg } = ownLeg(ctx, callId);
  await ctx.service.pbx.hold(leg.channel);
};
