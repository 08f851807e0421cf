import { blindTransferSchema, parseInput } from '@ringside/shared';
import { dialContext, ownLeg, type CommandHandler } from '../command-context.js';

/** Sends the other party to an extension, queue or number without consulting. */
export const transferCallBlind: CommandHandler = async (ctx, payload) => {
  const { callId, target } = parseInput(blindTransferSchema, payload);
  const { leg } = ownLeg(ctx, callId);
  await ctx.service.pbx.blindTransfer(leg.channel, target, dialContext(ctx));
};
