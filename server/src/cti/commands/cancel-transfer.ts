import { RingsideError, attendedTransferCancelSchema, parseInput } from '@ringside/shared';
import { legsOf } from '../../domain/call.js';
import { ownLeg, type CommandHandler } from '../command-context.js';

/**
 * Drops the consultation and returns to the caller. The consulted party's leg is the newest live
 * leg of the call that is neither the caller's nor the agent's own (the Local pair of an Atxfer
 * comes after it, so a real phone leg is preferred).
 */
export const cancelTransfer: CommandHandler = async (ctx, payload) => {
  const { callId } = parseInput(attendedTransferCancelSchema, payload);
  const { call, leg } = ownLeg(ctx, callId);
  const others = legsOf(call).filter((l) => l.uniqueid !== leg.uniqueid && l.state !== 'ended' && l.role !== 'caller' && l.role !== 'spy');
  const consult = [...others].reverse().find((l) => l.role !== 'local') ?? others.at(-1);
  if (!consult) throw new RingsideError('CONFLICT', `call ${callId} has no consultation to cancel`);
  await ctx.service.pbx.attendedTransferCancel(consult.channel);
};
