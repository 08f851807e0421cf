import type { Channel, RemoteBehaviour } from './channel.js';
import type { Engine } from './engine.js';
import { answerLeg, rejectLeg, type DialLeg } from './dialing.js';
import { PRIV } from './event-fields.js';
import { startMoh, stopMoh } from './apps/basic-apps.js';
import { EngineError } from './types.js';

/** A call arriving from a customer endpoint (the trunk), as the control API and traffic generator place it. */
export interface InboundCallRequest {
  /** The endpoint the call comes from; defaults to the first endpoint whose context is not `agents`. */
  from?: string;
  /** The number dialled (DID/extension). */
  exten: string;
  /** Dial-plan context; defaults to the endpoint's context. */
  context?: string;
  callerNum?: string;
  callerName?: string;
  behaviour?: RemoteBehaviour;
}

let inviteSeq = 15330;

/** Places an inbound call: Newchannel in state Ring, the PJSIP auth events, then the dial plan. */
export function placeInboundCall(engine: Engine, req: InboundCallRequest): Channel {
  const from = req.from ?? engine.endpoints.all().find((e) => e.config.context !== 'agents' && e.config.staticContact)?.name;
  if (!from) throw new EngineError('No endpoint to place the call from');
  const ep = engine.endpoints.require(from);
  const context = req.context ?? ep.config.context;
  if (!engine.lookup.hasContext(context)) throw new EngineError(`No such context '${context}'`);
  if (!/^[0-9A-Za-z*#+_-]+$/.test(req.exten)) throw new EngineError(`Invalid extension '${req.exten}'`);
  const callId = `1-${inviteSeq++}@127.0.0.1`;
  engine.endpoints.pjsipAuth(from, ep.contact?.viaPort ?? 5060, callId);
  const ch = engine.newChannel({
    tech: 'PJSIP',
    endpoint: from,
    callerNum: req.callerNum ?? ep.config.callerIdNum,
    callerName: req.callerName ?? ep.config.callerIdName,
    context,
    exten: req.exten,
    state: 4,
    language: ep.config.language,
  });
  ch.vars.set('__CALLID', callId);
  engine.setVar(ch, 'SIPDOMAIN', '127.0.0.1');
  applyBehaviour(engine, ch, req.behaviour ?? {});
  void engine.startDialplan(ch);
  return ch;
}

/** Wires the simulated caller: DTMF, patience while nobody answers, talk time once bridged. */
export function applyBehaviour(engine: Engine, ch: Channel, b: RemoteBehaviour): void {
  ch.remote = b;
  for (const d of b.dtmf ?? []) ch.schedule(d.afterMs, () => engine.receiveDtmf(ch, d.digits, d.durationMs ?? 100, d.mode));
  if (b.patienceMs !== undefined) {
    ch.schedule(b.patienceMs, () => {
      if (!ch.wasBridged) engine.remoteHangup(ch);
    });
  }
  if (b.talkMs !== undefined) {
    const talk = b.talkMs;
    ch.onBridged = () => {
      ch.onBridged = undefined;
      ch.schedule(talk, () => engine.remoteHangup(ch));
    };
  }
}

/** The ringing leg towards an endpoint (or a channel name), for answer/reject commands. */
export function findRingingLeg(engine: Engine, target: string): DialLeg {
  for (const leg of engine.legs.values()) {
    if (leg.settled) continue;
    if (leg.ch.name === target || leg.ch.id === target || leg.options.endpoint === target) return leg;
  }
  throw new EngineError(`No ringing call for '${target}'`);
}

/** The agent picks up. */
export function answerPhone(engine: Engine, target: string): Channel {
  const leg = findRingingLeg(engine, target);
  answerLeg(engine, leg);
  return leg.ch;
}

/** The agent declines the ringing call. */
export function rejectPhone(engine: Engine, target: string): Channel {
  const leg = findRingingLeg(engine, target);
  rejectLeg(engine, leg);
  return leg.ch;
}

/** A phone puts its call on hold: Hold on that channel, music for the other party. */
export function hold(engine: Engine, ch: Channel): void {
  if (ch.held) return;
  ch.held = true;
  engine.emitChannel('Hold', PRIV.call, ch);
  const peer = engine.bridges.peerOf(ch);
  if (peer) startMoh({ engine, ch: peer }, peer.mohClass ?? 'default');
  engine.devices.channelChanged(ch);
}

export function unhold(engine: Engine, ch: Channel): void {
  if (!ch.held) return;
  ch.held = false;
  engine.emitChannel('Unhold', PRIV.call, ch);
  const peer = engine.bridges.peerOf(ch);
  if (peer) stopMoh({ engine, ch: peer });
  engine.devices.channelChanged(ch);
}

/** PlayDTMF: the digits are sent towards the channel's far end (Direction Sent). */
export function playDtmf(engine: Engine, ch: Channel, digits: string, durationMs = 250): void {
  for (const d of digits) {
    if (!/^[0-9*#A-D]$/i.test(d)) throw new EngineError(`Invalid digit '${d}'`);
    engine.emitChannel('DTMFBegin', PRIV.dtmf, ch, [['Digit', d], ['Direction', 'Sent']]);
    engine.emitChannel('DTMFEnd', PRIV.dtmf, ch, [['Digit', d], ['DurationMs', String(durationMs)], ['Direction', 'Sent']]);
  }
}
