import { attendedTransferConsultSchema, parseInput } from '@ringside/shared';
import { dialContext, ownLeg, type CommandHandler } from '../command-context.js';

/** Starts a consultation call; the caller waits on hold. */
export const consultTransfer: CommandHandler = async (ctx, payload) => {
  const { callId, target } = parseInput(attendedTransferConsultSchema, payload);
  const { leg } = ownLeg(ctx, callId);
  await ctx.service.pbx.attendedTransferConsult(leg.channel, target, dialContext(ctx));
};
