import { parseInput, unholdSchema } from '@ringside/shared';
import { ownLeg, type CommandHandler } from '../command-context.js';

/** Takes the other party off hold. */
export const unholdCall: CommandHandler = async (ctx, payload) => {
  const { callId } = parseInput(unholdSchema, payload);
  const { leg } = ownLeg(ctx, callId);
  await ctx.service.pbx.unhold(leg.channel);
};
