import { parseInput, unmuteSchema } from '@ringside/shared';
import type { CommandHandler } from '../command-context.js';
import { setMuted } from './mute-call.js';

/** Lets the agent's microphone through again. */
export const unmuteCall: CommandHandler = async (ctx, payload) => {
  await setMuted(ctx, parseInput(unmuteSchema, payload).callId, false);
};
