import { RingsideError, muteSchema, parseInput } from '@ringside/shared';
import { muteLeg } from '../../domain/call.js';
import { ownLeg, type CommandContext, type CommandHandler } from '../command-context.js';

/**
 * Mutes or unmutes the agent's own leg: checked against the call first (nothing reaches the switch
 * for a leg that cannot be muted), then MuteAudio, then recorded in the CTI state at once. The
 * switch reports no event for MuteAudio; the mark the adapter leaves on the channel comes back as
 * VarSet (no change then) and is what a restarted or new owner recovers the mute from.
 */
export async function setMuted(ctx: CommandContext, callId: string, on: boolean): Promise<void> {
  const { call, leg } = ownLeg(ctx, callId);
  const check = muteLeg(call, leg.uniqueid, on);
  if (!check.ok) throw new RingsideError(check.code, check.message);
  await ctx.service.pbx.mute(leg.channel, on);
  ctx.service.publishResult(ctx.service.state().setLegMuted(callId, leg.uniqueid, on));
}

/** Mutes the agent's microphone towards the call (the switch drops the audio of the agent's leg). */
export const muteCall: CommandHandler = async (ctx, payload) => {
  await setMuted(ctx, parseInput(muteSchema, payload).callId, true);
};
