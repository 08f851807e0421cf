import type { Channel } from './channel.js';
import type { Engine } from './engine.js';
import { answerLeg } from './dialing.js';
import { hold, unhold } from './calls.js';
import { EngineError } from './types.js';

/**
 * A SIP NOTIFY reached the endpoint's phone (AMI PJSIPNotify). Desk phones act on `Event: hold`
 * (press their hold key on the call in progress) and `Event: talk` (answer the ringing call, or
 * resume a held one); any other event (check-sync, ...) reaches the phone and changes no call.
 * Returns what the phone did, for logs and tests.
 */
export function notifyPhone(engine: Engine, endpoint: string, headers: [string, string][]): 'held' | 'resumed' | 'answered' | 'none' {
  const event = headers.find(([k]) => k.toLowerCase() === 'event')?.[1].trim().toLowerCase();
  const ep = engine.endpoints.get(endpoint);
  // A phone without a contact never receives the NOTIFY (Asterisk still acks it).
  if (!ep?.contact) return 'none';
  const mine = engine.listChannels().filter((c) => c.tech === 'PJSIP' && c.endpoint === endpoint);
  if (event === 'hold') {
    const call = mine.find((c) => c.isUp && !c.held && c.bridgeId);
    if (!call) return 'none';
    hold(engine, call);
    return 'held';
  }
  if (event === 'talk') {
    for (const leg of engine.legs.values()) {
      if (!leg.settled && !leg.ch.gone && leg.options.endpoint === endpoint) {
        answerLeg(engine, leg);
        return 'answered';
      }
    }
    const held = mine.find((c) => c.held);
    if (!held) return 'none';
    unhold(engine, held);
    return 'resumed';
  }
  return 'none';
}

/**
 * MuteAudio: replaces one or both directions of a channel's audio with silence. As res_mutestream
 * (Asterisk 22): directions compare case-sensitively, a bad one is its generic failure, and no
 * event follows; the action's reply is the only report.
 */
export function muteAudio(ch: Channel, direction: string, on: boolean): void {
  if (direction !== 'in' && direction !== 'out' && direction !== 'all') throw new EngineError('Failed to mute/unmute stream');
  if (direction === 'in' || direction === 'all') ch.muted.in = on;
  if (direction === 'out' || direction === 'all') ch.muted.out = on;
}
