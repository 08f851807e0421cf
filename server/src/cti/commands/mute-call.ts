import { RingsideError, muteSchema, parseInput, unmuteSchema } from '@ringside/shared';
import { ownLeg, type CommandHandler } from '../command-context.js';

// The Pbx port has no mute (Asterisk's MuteAudio is not wrapped yet), so the server cannot mute a
// desk phone. The checks still run, so the agent learns "not supported" only for their own call;
// the browser softphone mutes locally without asking the server.
function refuse(): never {
  throw new RingsideError('PBX_REJECTED', 'mute is not supported by the switch adapter; use the phone’s mute key');
}

/** Mute the agent's microphone: refused until the Pbx port can do it. */
export const muteCall: CommandHandler = async (ctx, payload) => {
  ownLeg(ctx, parseInput(muteSchema, payload).callId);
  refuse();
};

/** Unmute: refused for the same reason as mute. */
export const unmuteCall: CommandHandler = async (ctx, payload) => {
  ownLeg(ctx, parseInput(unmuteSchema, payload).callId);
  refuse();
};
