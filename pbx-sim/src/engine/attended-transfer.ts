import type { Channel } from './channel.js';
import type { Engine } from './engine.js';
import { bridgeFields, channelFields, PRIV } from './event-fields.js';
import { hold, unhold } from './calls.js';
import { stopMoh } from './apps/basic-apps.js';
import type { Bridge } from './bridges.js';
import { EngineError } from './types.js';

/** Creates a Local channel pair: `;2` runs the dial plan at exten@context, `;1` is the end the caller side holds. */
export function createLocalPair(
  engine: Engine,
  exten: string,
  context: string,
  linkedid: string,
  cid: { num: string; name: string },
  vars: [string, string][] = [],
): { one: Channel; two: Channel } {
  const base = `Local/${exten}@${context}-${engine.ids.localSuffix()}`;
  // `;2` is the incoming side of the pair: it starts in Ring, as an inbound channel does.
  const mk = (suffix: string, state: 0 | 4) => engine.newChannel({ tech: 'Local', name: `${base};${suffix}`, callerNum: '', callerName: '', context, exten, linkedid, state });
  const one = mk('1', 0);
  const two = mk('2', 4);
  // The transfer's variables are set on both halves as they are allocated, before LocalBridge;
  // `;2` receives them copied from `;1`'s list, which Asterisk walks back to front.
  for (const [k, v] of vars) engine.setVar(one, k, v);
  for (const [k, v] of [...vars].reverse()) engine.setVar(two, k, v);
  one.localPeer = two.id;
  two.localPeer = one.id;
  two.callerNum = cid.num;
  two.callerName = cid.name;
  engine.emitChannel('NewCallerid', PRIV.call, two, [['CID-CallingPres', '0 (Presentation Allowed, Not Screened)']]);
  engine.emit('LocalBridge', PRIV.call, [...channelFields(one, 'LocalOne'), ...channelFields(two, 'LocalTwo'), ['Context', context], ['Exten', exten], ['LocalOptimization', 'Yes']], { channelId: one.id, peerChannelId: two.id });
  // Either half hanging up ends the other, and ;2 answering answers ;1.
  const unsubscribe = engine.on((e) => {
    if (e.name === 'Newstate' && e.channelId === two.id && two.state === 6 && one.state !== 6) engine.setState(one, 6);
  });
  void one.ended.then(() => two.gone || engine.remoteHangup(two));
  void two.ended.then(() => {
    unsubscribe();
    if (!one.gone) engine.remoteHangup(one);
  });
  return { one, two };
}

interface AtxferState {
  orig: Bridge;
  consult: Bridge;
  transferee: Channel;
  one: Channel;
  /** Completed or cancelled: nothing more to do. */
  done: boolean;
}

/**
 * AMI Atxfer: the agent's feature code (*2 and the digits) shows as DTMFEnd on its own leg, the
 * caller is held, a Local pair dials the target. When the agent hangs up, the bridges merge and
 * the caller stays connected through the Local pair (BridgeMerge, AttendedTransfer).
 */
export function attendedTransfer(engine: Engine, transferer: Channel, exten: string, context: string): void {
  const orig = transferer.bridgeId ? engine.bridges.get(transferer.bridgeId) : undefined;
  const transferee = engine.bridges.peerOf(transferer);
  if (!orig || !transferee) throw new EngineError('Transfer invalid');
  if (!engine.lookup.findExtension(context, exten)) throw new EngineError('Extension does not exist.');
  engine.setVar(transferer, 'TRANSFER_CONTEXT', context);
  const dtmf = (d: string) => engine.emitChannel('DTMFEnd', PRIV.dtmf, transferer, [['Digit', d], ['DurationMs', '0'], ['Direction', 'Received']]);
  for (const d of '*2') dtmf(d);
  hold(engine, transferer);
  for (const d of exten) dtmf(d);
  const { one, two } = createLocalPair(engine, exten, context, transferer.linkedid, { num: transferer.callerNum, name: transferer.callerName }, [
    ['TRANSFERERNAME', transferer.name],
    ['ATTENDEDTRANSFER', transferer.name],
  ]);
  // The consultation bridge outlives the consulted party: if they hang up (or never answer), the
  // transferer goes back to the caller, as Asterisk's attended-transfer state machine does.
  const consult = engine.bridges.create({ dissolveOnHangup: false });
  engine.bridges.enter(consult, one);
  engine.bridges.leave(transferer, undefined, { kick: false, clearPeers: false });
  engine.bridges.enter(consult, transferer);
  void engine.startDialplan(two);
  const state: AtxferState = { orig, consult, transferee, one, done: false };
  transferer.onHangupRequest = () => completeAttended(engine, transferer, state);
  void one.ended.then(() => returnToTransferee(engine, transferer, state));
}

/** The consultation ended without a transfer: the transferer is back with the caller, off hold. */
function returnToTransferee(engine: Engine, transferer: Channel, s: AtxferState): void {
  if (s.done) return;
  s.done = true;
  transferer.onHangupRequest = undefined;
  if (transferer.gone || transferer.softHangup) {
    engine.bridges.destroy(s.consult);
    return;
  }
  engine.bridges.leave(transferer, undefined, { kick: false });
  engine.bridges.destroy(s.consult);
  if (s.transferee.gone) {
    engine.requestHangup(transferer, 16);
    return;
  }
  engine.bridges.enter(s.orig, transferer);
  unhold(engine, transferer);
  stopMoh({ engine, ch: s.transferee });
}

function completeAttended(engine: Engine, transferer: Channel, s: AtxferState): void {
  if (s.done || s.one.gone || s.transferee.gone) return;
  s.done = true;
  engine.bridges.leave(transferer, undefined, { kick: false });
  const fromSnapshot = { ...s.consult, channels: [...s.consult.channels] };
  const toSnapshot = { ...s.orig, channels: [...s.orig.channels] };
  engine.bridges.merge(s.orig, s.consult);
  stopMoh({ engine, ch: s.transferee });
  for (const [me, peer] of [[s.transferee, s.one], [s.one, s.transferee]] as const) {
    engine.setVar(me, 'BRIDGEPEER', peer.name);
    engine.setVar(me, 'BRIDGEPVTCALLID', '');
  }
  transferer.held = false;
  engine.emit(
    'AttendedTransfer',
    PRIV.call,
    [
      ['Result', 'Success'],
      ...channelFields(transferer, 'OrigTransferer'),
      ...bridgeFields(toSnapshot, 'Orig'),
      ...channelFields(transferer, 'SecondTransferer'),
      ...bridgeFields(fromSnapshot, 'Second'),
      ...channelFields(s.transferee, 'Transferee'),
      ['IsExternal', 'Yes'],
      ['DestType', 'Bridge'],
      ['DestBridgeUniqueid', s.orig.id],
    ],
    { channelId: transferer.id, peerChannelId: s.transferee.id, bridgeId: s.orig.id },
  );
  s.transferee.onTransferred?.();
  engine.setConnectedLine(s.transferee, s.one.callerNum, s.one.callerName);
}
