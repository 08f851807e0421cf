import { randomBytes } from 'node:crypto';
import { RingsideError } from '@ringside/shared';

// A ChanSpy leg keeps its own Linkedid (trace j), so on the wire nothing ties it to the call it
// listens to. The adapter originates it with a ChannelId that names that call; the uniqueid (and
// so the Linkedid) of every event of the leg then says which call it belongs to and that it is a
// spy, with no state to keep — it survives reconnects and server restarts (CoreShowChannels).

const SPY_ID = /^spy-(\d{1,20}\.\d{1,10})-[0-9a-f]{8}$/;

/** The ChannelId of a supervisor's spy leg on call `callId` (an Asterisk Linkedid). */
export function spyChannelId(callId: string): string {
  if (!/^\d{1,20}\.\d{1,10}$/.test(callId)) throw new RingsideError('INVALID_INPUT', 'callId must be like 1795349593.1', [{ path: 'callId', message: 'not a call id' }]);
  return `spy-${callId}-${randomBytes(4).toString('hex')}`;
}

/** The call a spy leg listens to, when `uniqueid` is one of our spy legs; else null. */
export function spiedCallOf(uniqueid: string): string | null {
  return SPY_ID.exec(uniqueid)?.[1] ?? null;
}
