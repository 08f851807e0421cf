import { parseInput, sendDtmfSchema } from '@ringside/shared';
import { ownLeg, type CommandHandler } from '../command-context.js';

/** Plays digits into the call from the agent's leg (a third party's IVR). */
export const sendDtmf: CommandHandler = async (ctx, payload) => {
  const { callId, digits } = parseInput(sendDtmfSchema, payload);
  const { leg } = ownLeg(ctx, callId);
  await ctx.service.pbx.sendDtmf(leg.channel, digits);
};
