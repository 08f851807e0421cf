import { muteSchema, parseInput, unmuteSchema } from '@ringside/shared';
import { ownLeg, type CommandHandler } from '../command-context.js';

/** Mutes the agent's microphone towards the call (the switch drops the audio of the agent's leg). */
export const muteCall: CommandHandler = async (ctx, payload) => {
  const { leg } = ownLeg(ctx, parseInput(muteSchema, payload).callId);
  await ctx.service.pbx.mute(leg.channel, true);
};

/** Lets the agent's microphone through again. */
export const unmuteCall: CommandHandler = async (ctx, payload) => {
  const { leg } = ownLeg(ctx, parseInput(unmuteSchema, payload).callId);
  await ctx.service.pbx.mute(leg.channel, false);
};
