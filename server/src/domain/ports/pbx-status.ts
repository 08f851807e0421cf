import type { PbxConnectionState } from '@ringside/shared';

/** What /readyz and the console need to know about the switch, whichever adapter serves it. */
export interface PbxStatus {
  readonly mode: 'simulated' | 'asterisk' | 'none';
  state(): PbxConnectionState;
}

/** A PBX status that reports the configured mode and a fixed state, until an adapter is wired. */
export function staticPbxStatus(mode: PbxStatus['mode'], state: PbxConnectionState = 'disabled'): PbxStatus {
  return { mode, state: () => state };
}
