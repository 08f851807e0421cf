import { fields, type AmiMessage } from './ami-parser.js';

/**
 * The channel variable in which Ringside leaves a leg's mute on the switch. res_mutestream
 * reports nothing, so without it a mute would live only in the CTI's memory and be lost on a
 * restart or a hand-over while the switch goes on muting. manager.conf lists it in
 * `channelvars`, so every channel event, and CoreShowChannel at resync, carries it as
 * `ChanVariable: RINGSIDE_MUTED=1`; setting it raises VarSet.
 */
export const MUTED_VARIABLE = 'RINGSIDE_MUTED';

/** Whether the frame's channel carries the mute mark (`ChanVariable: RINGSIDE_MUTED=1`); false when manager.conf does not list it. */
export function carriesMute(frame: AmiMessage): boolean {
  return fields(frame, 'ChanVariable').some((v) => v.startsWith(`${MUTED_VARIABLE}=`) && v.length > MUTED_VARIABLE.length + 1);
}
