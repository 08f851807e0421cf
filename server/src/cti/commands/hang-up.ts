import { hangUpSchema, parseInput } from '@ringside/shared';
import { ownLeg, type CommandHandler } from '../command-context.js';

/** The agent leaves the call: their own leg is hung up, the rest of the call is the switch's business. */
export const hangUp: CommandHandler = async (ctx, payload) => {
  const { callId } = parseInput(hangUpSchema, payload);
  const { leg } = ownLeg(ctx, callId);
  await ctx.service.pbx.hangUp(leg.channel);
};
