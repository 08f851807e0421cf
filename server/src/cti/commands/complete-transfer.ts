import { attendedTransferCompleteSchema, parseInput } from '@ringside/shared';
import { ownLeg, type CommandHandler } from '../command-context.js';

/** Joins the caller with the consulted party; the agent leaves. */
export const completeTransfer: CommandHandler = async (ctx, payload) => {
  const { callId } = parseInput(attendedTransferCompleteSchema, payload);
  const { leg } = ownLeg(ctx, callId);
  await ctx.service.pbx.attendedTransferComplete(leg.channel);
};
