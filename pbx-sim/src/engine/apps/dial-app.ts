import { ChannelInterrupt, type Channel } from '../channel.js';
import type { Engine } from '../engine.js';
import { PRIV } from '../event-fields.js';
import { cancelLeg, emitDial, startDialLeg, type DialLeg, type DialOutcome } from '../dialing.js';
import type { AppFn, AppResult } from './app-types.js';
import { UnsupportedUse } from './app-types.js';

const DIAL_VARS = ['DIALSTATUS', 'DIALEDPEERNUMBER', 'DIALEDPEERNAME', 'ANSWEREDTIME', 'ANSWEREDTIME_MS', 'DIALEDTIME', 'DIALEDTIME_MS', 'RINGTIME', 'RINGTIME_MS', 'PROGRESSTIME', 'PROGRESSTIME_MS'];

/** Parses `PJSIP/1001&PJSIP/1002`; only PJSIP endpoints are dialable. */
function parseTargets(engine: Engine, text: string): string[] {
  return text.split('&').map((t) => {
    const m = /^PJSIP\/([^/@]+)$/i.exec(t.trim());
    if (!m) throw new UnsupportedUse(`Dial target '${t}' is not supported (only PJSIP/<endpoint>)`);
    if (!engine.endpoints.get(m[1]!)) throw new UnsupportedUse(`Dial target '${t}': no such endpoint`);
    return m[1]!;
  });
}

/** Waits for the first leg to answer, or all to fail, or the timeout. */
async function waitForAnswer(engine: Engine, ch: Channel, legs: DialLeg[], timeoutMs: number, onRinging: (leg: DialLeg) => void): Promise<{ winner?: DialLeg; outcome: DialOutcome }> {
  for (const leg of legs) void leg.ringing.then(() => !leg.settled && !ch.softHangup && onRinging(leg));
  return ch.waitFor((resolve) => {
    let pending = legs.length;
    let last: DialOutcome = 'CHANUNAVAIL';
    const t = timeoutMs > 0 ? engine.clock.setTimeout(() => resolve({ outcome: 'NOANSWER' }), timeoutMs) : undefined;
    for (const leg of legs) {
      void leg.outcome.then((o) => {
        if (o === 'ANSWER') resolve({ winner: leg, outcome: o });
        else {
          last = o;
          if (--pending === 0) resolve({ outcome: last });
        }
      });
    }
    return () => engine.clock.clearTimeout(t);
  });
}

/** Dial(PJSIP/x[&PJSIP/y][,timeout[,options]]): rings, bridges, and reports as app_dial does. */
export const dialApp: AppFn = async ({ engine, ch, args }) => {
  const targets = parseTargets(engine, args[0] ?? '');
  const timeoutMs = Number(args[1] || 0) * 1000;
  const options = args[2] ?? '';
  for (const v of DIAL_VARS) engine.setVar(ch, v, '');
  const started = engine.clock.now();
  const legs = targets.map((ep) =>
    startDialLeg(engine, { endpoint: ep, caller: ch, dialString: ep, appName: 'AppDial', announceAt: 'create', ...(ch.accountCode ? { accountCode: ch.accountCode } : {}) }),
  );
  let result: { winner?: DialLeg; outcome: DialOutcome };
  try {
    result = await waitForAnswer(engine, ch, legs, timeoutMs, (leg) => {
      const ms = engine.clock.now() - started;
      engine.setVar(ch, 'RINGTIME', String(Math.floor(ms / 1000)));
      engine.setVar(ch, 'RINGTIME_MS', String(ms));
      emitDial(engine, 'DialState', leg, [['DialStatus', 'RINGING']]);
    });
  } catch (e) {
    for (const leg of legs) {
      if (leg.settled) continue;
      emitDial(engine, 'DialEnd', leg, [['DialStatus', 'CANCEL']]);
      cancelLeg(engine, leg, 'CANCEL', 0);
    }
    engine.setVar(ch, 'DIALSTATUS', 'CANCEL');
    throw e;
  }
  const winner = result.winner;
  for (const leg of legs) {
    if (leg === winner || leg.settled) continue;
    emitDial(engine, 'DialEnd', leg, [['DialStatus', winner ? 'CANCEL' : result.outcome]]);
    cancelLeg(engine, leg, winner ? 'CANCEL' : result.outcome, winner ? 26 : 0);
  }
  if (!winner) {
    engine.setVar(ch, 'DIALSTATUS', result.outcome);
    return;
  }
  engine.setVar(ch, 'DIALSTATUS', 'ANSWER');
  engine.setVar(ch, 'DIALEDPEERNAME', winner.ch.name);
  engine.setVar(ch, 'DIALEDPEERNUMBER', winner.options.endpoint);
  winner.ch.exten = '';
  emitDial(engine, 'DialEnd', winner, [['DialStatus', 'ANSWER']]);
  const answeredAt = engine.clock.now();
  if (!ch.isUp) engine.answer(ch);
  ch.hangupCause = 16;
  return bridgeAndWait(engine, ch, winner.ch, options.includes('g'), () => {
    const now = engine.clock.now();
    engine.setVar(ch, 'ANSWEREDTIME', String(Math.floor((now - answeredAt) / 1000)));
    engine.setVar(ch, 'ANSWEREDTIME_MS', String(now - answeredAt));
    engine.setVar(ch, 'DIALEDTIME', String(Math.floor((now - started) / 1000)));
    engine.setVar(ch, 'DIALEDTIME_MS', String(now - started));
    engine.setVar(ch, 'DIALSTATUS', 'ANSWER');
  });
};

/**
 * Bridges caller and answered peer, then waits for the call to end. The peer leg shows the
 * `AppDial` Newexten with an empty exten when it joins, as chan_pjsip legs do.
 */
export async function bridgeAndWait(engine: Engine, ch: Channel, peer: Channel, continueAfter: boolean, onEnd: () => void, stasisless = true): Promise<AppResult> {
  const bridge = engine.bridges.create();
  if (stasisless) {
    peer.exten = '';
    engine.emitChannel('Newexten', PRIV.dialplan, peer, [['Extension', ''], ['Application', peer.appl || 'AppDial'], ['AppData', '(Outgoing Line)']]);
  }
  engine.bridges.enter(bridge, peer);
  engine.bridges.enter(bridge, ch);
  if (stasisless) upgradeToNativeRtp(engine, bridge.id, ch, peer);
  try {
    await engine.bridges.waitForPeerLeft(ch);
    engine.bridges.leave(ch);
    onEnd();
    return continueAfter ? undefined : 'hangup';
  } catch (e) {
    if (e instanceof ChannelInterrupt && e.kind === 'goto') {
      engine.bridges.leave(ch, () => announceStaleLocation(engine, ch, e));
      onEnd();
      throw e;
    }
    if (ch.bridgeId) engine.bridges.leave(ch);
    onEnd();
    throw e;
  }
}

/** Asterisk announces an async goto's new location with the app that was running before. */
export function announceStaleLocation(engine: Engine, ch: Channel, e: ChannelInterrupt): void {
  if (!e.target) return;
  ch.context = e.target.context;
  ch.exten = e.target.exten;
  ch.priority = e.target.priority;
  engine.emitChannel('Newexten', PRIV.dialplan, ch, [['Extension', ch.exten], ['Application', ch.appl], ['AppData', ch.data]]);
  ch.staleNewextenSent = true;
}

/**
 * Two PJSIP legs of a Dial bridge move to native_rtp; Asterisk re-announces BRIDGEPEER and
 * BRIDGEPVTCALLID on each re-evaluation of the bridge technology (twice more in the recordings).
 */
function upgradeToNativeRtp(engine: Engine, bridgeId: string, a: Channel, b: Channel): void {
  const bridge = engine.bridges.get(bridgeId);
  if (!bridge || a.tech !== 'PJSIP' || b.tech !== 'PJSIP') return;
  bridge.technology = 'native_rtp';
  for (let round = 0; round < 2; round++) {
    for (const c of [a, b]) {
      engine.setVar(c, 'BRIDGEPEER', c.vars.get('BRIDGEPEER') ?? '');
      engine.setVar(c, 'BRIDGEPVTCALLID', c.vars.get('BRIDGEPVTCALLID') ?? '');
    }
  }
}
