import { RingsideError, answerSchema, parseInput } from '@ringside/shared';
import { ownLeg, type CommandHandler } from '../command-context.js';

/** Picks up the call ringing on the agent's own phone, from the console (the phone is told to answer). */
export const answerCall: CommandHandler = async (ctx, payload) => {
  const { callId } = parseInput(answerSchema, payload);
  const { leg } = ownLeg(ctx, callId);
  if (leg.state !== 'ringing') throw new RingsideError('CONFLICT', `call ${callId} is not ringing on your phone`);
  await ctx.service.pbx.answer(leg.endpoint);
};
