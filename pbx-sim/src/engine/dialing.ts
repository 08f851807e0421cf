import type { Channel } from './channel.js';
import type { Engine } from './engine.js';
import { channelFields, PRIV } from './event-fields.js';
import type { AmiField } from '../ami/ami-message.js';

/** How a dial attempt ended, in Asterisk's DIALSTATUS words. */
export type DialOutcome = 'ANSWER' | 'BUSY' | 'NOANSWER' | 'CHANUNAVAIL' | 'CANCEL' | 'CONGESTION';

/** Options for one outbound leg towards a PJSIP endpoint. */
export interface DialLegOptions {
  endpoint: string;
  /** The calling channel; absent for an Originate's first leg. */
  caller?: Channel;
  /** DialString as printed in DialBegin. */
  dialString: string;
  /** AppQueue, AppDial or AppDial2, shown in the leg's Newexten. */
  appName: string;
  /** Queue legs announce Newexten at ringing; Dial legs at creation. */
  announceAt: 'create' | 'ring';
  linkedid?: string;
  /** Extra fields placed before DialBegin (AgentCalled for queues). */
  beforeDialBegin?: (leg: Channel) => void;
  /** Caller ID presented on the leg (Originate CallerID); defaults to the endpoint's own. */
  legCallerId?: { num: string; name: string };
  accountCode?: string;
  variables?: [string, string][];
  /** Uniqueid to give the leg (ARI originate's channelId); added for the ARI layer. */
  channelId?: string;
  /**
   * An Originate that runs an application (recorded in j-record-and-spy): the leg's Newstate
   * Ringing comes before the DialState, and app_originate's answer callback (OriginateResponse)
   * runs before the leg's Newstate Up. `onAnswer` is that callback.
   */
  applicationOriginate?: { onAnswer: () => void };
}

/** One ringing outbound leg and the promise of its outcome. */
export class DialLeg {
  outcome: Promise<DialOutcome>;
  settled: DialOutcome | undefined;
  /** Resolves when the phone starts ringing (180). */
  readonly ringing: Promise<void>;
  ringingAt: number | undefined;
  private resolveOutcome!: (o: DialOutcome) => void;
  resolveRinging!: () => void;

  constructor(
    readonly ch: Channel,
    readonly options: DialLegOptions,
  ) {
    this.outcome = new Promise((r) => (this.resolveOutcome = r));
    this.ringing = new Promise((r) => (this.resolveRinging = r));
  }

  settle(o: DialOutcome): void {
    if (this.settled) return;
    this.settled = o;
    this.resolveOutcome(o);
  }
}

function dialFields(leg: DialLeg, extra: AmiField[], dest?: AmiField[]): AmiField[] {
  const caller = leg.options.caller;
  return [...(caller ? channelFields(caller) : []), ...(dest ?? channelFields(leg.ch, 'Dest')), ...extra];
}

/** Emits DialBegin/DialState/DialEnd for a leg (without the caller block when there is no caller). */
export function emitDial(engine: Engine, name: 'DialBegin' | 'DialState' | 'DialEnd', leg: DialLeg, extra: AmiField[], dest?: AmiField[]): void {
  engine.emit(name, PRIV.call, dialFields(leg, extra, dest), { channelId: leg.options.caller?.id, peerChannelId: leg.ch.id });
}

/** Creates the leg, announces it, and lets the simulated phone ring, answer, or refuse. */
export function startDialLeg(engine: Engine, o: DialLegOptions): DialLeg {
  const ep = engine.endpoints.get(o.endpoint);
  const cfg = ep?.config;
  const caller = o.caller;
  const ch = engine.newChannel({
    tech: 'PJSIP',
    endpoint: o.endpoint,
    callerNum: cfg?.callerIdNum ?? o.endpoint,
    callerName: cfg?.callerIdName ?? '',
    context: cfg?.context ?? 'default',
    exten: 's',
    linkedid: o.linkedid ?? caller?.linkedid,
    ...(o.channelId !== undefined ? { id: o.channelId } : {}),
    language: cfg?.language ?? 'en',
  });
  ch.dialedBy = caller?.id;
  const leg = new DialLeg(ch, o);
  if (o.announceAt === 'create' || !caller) {
    // Originate's leg carries no DIALEDPEERNUMBER; it starts in the AppDial2 pseudo-application.
    if (caller) engine.setVar(ch, 'DIALEDPEERNUMBER', o.endpoint);
    if (caller) {
      ch.connectedNum = caller.callerNum;
      ch.connectedName = caller.callerName;
      ch.exten = caller.exten;
    }
    ch.appl = o.appName;
    ch.data = '(Outgoing Line)';
    // A Dial leg inherits the caller's account code before it is announced; an Originate sets it after.
    if (caller && o.accountCode) ch.accountCode = o.accountCode;
    engine.emitChannel('Newexten', PRIV.dialplan, ch, [['Extension', ch.exten], ['Application', o.appName], ['AppData', '(Outgoing Line)']]);
    for (const [k, v] of o.variables ?? []) engine.setVar(ch, k, v);
    if (caller && o.accountCode) engine.emitChannel('NewAccountCode', PRIV.call, ch, [['OldAccountCode', '']]);
    else if (o.accountCode !== undefined) engine.setAccountCode(ch, o.accountCode);
    if (o.legCallerId) engine.setCallerId(ch, o.legCallerId.num, o.legCallerId.name);
    if (caller) engine.emitChannel('NewConnectedLine', PRIV.call, ch);
    else if (o.legCallerId) engine.setConnectedLine(ch, o.legCallerId.num, o.legCallerId.name);
  } else {
    engine.setVar(ch, 'DIALEDPEERNUMBER', o.endpoint);
  }
  // DialBegin carries the leg as it was before the dialer's own updates (an older snapshot in Asterisk).
  const destAtCreation = channelFields(ch, 'Dest');
  o.beforeDialBegin?.(ch);
  emitDial(engine, 'DialBegin', leg, [['DialString', o.dialString]], destAtCreation);
  if (caller && o.announceAt === 'create') engine.setConnectedLine(caller, ch.callerNum, ch.callerName);
  engine.legs.set(ch.id, leg);
  void leg.outcome.then(() => engine.legs.delete(ch.id));
  void ch.ended.then(() => {
    engine.legs.delete(ch.id);
    leg.settle('CANCEL');
  });
  ch.schedule(0, () => phoneReceivesCall(engine, leg));
  return leg;
}

function phoneReceivesCall(engine: Engine, leg: DialLeg): void {
  const ep = engine.endpoints.get(leg.options.endpoint);
  const ch = leg.ch;
  // Answered (a control command) or given up before the INVITE reached the phone: a late
  // "ringing" must not turn an answered channel back into a ringing one.
  if (leg.settled || ch.gone) return;
  if (!ep || !ep.reachable) {
    leg.settle('CHANUNAVAIL');
    engine.destroyChannel(ch, 20);
    return;
  }
  if (ep.rejectCalls) {
    leg.settle('BUSY');
    engine.destroyChannel(ch, 17);
    return;
  }
  const caller = leg.options.caller;
  if (leg.options.announceAt === 'ring' && caller) {
    ch.connectedNum = caller.callerNum;
    ch.connectedName = caller.callerName;
    ch.exten = caller.exten;
    // The leg is in AppQueue before its state turns Ringing (ARI ChannelStateChange shows it).
    ch.appl = leg.options.appName;
    ch.data = '(Outgoing Line)';
    engine.setState(ch, 5);
    engine.emitChannel('Newexten', PRIV.dialplan, ch, [['Extension', ch.exten], ['Application', leg.options.appName], ['AppData', '(Outgoing Line)']]);
    engine.emitChannel('NewConnectedLine', PRIV.call, ch);
  } else {
    // An Originate's leg has no caller: its DialState is published before the leg's own Newstate.
    const late = leg.options.applicationOriginate !== undefined;
    if (!caller && !late) emitDial(engine, 'DialState', leg, [['DialStatus', 'RINGING']]);
    engine.setState(ch, 5);
    if (!caller && late) emitDial(engine, 'DialState', leg, [['DialStatus', 'RINGING']]);
  }
  leg.ringingAt = engine.clock.now();
  leg.resolveRinging();
  const after = ch.remote.answerAfterMs ?? ep.autoAnswerMs;
  if (after !== null && after !== undefined) ch.schedule(after, () => answerLeg(engine, leg));
}

/** The phone goes off-hook. */
export function answerLeg(engine: Engine, leg: DialLeg): void {
  if (leg.settled || leg.ch.gone) return;
  leg.options.applicationOriginate?.onAnswer();
  engine.setState(leg.ch, 6);
  leg.settle('ANSWER');
}

/** The phone declines while ringing (486). */
export function rejectLeg(engine: Engine, leg: DialLeg): void {
  if (leg.settled || leg.ch.gone) return;
  leg.settle('BUSY');
  engine.destroyChannel(leg.ch, 17);
}

/** The dialer gives up on a leg: it stops ringing and is hung up with `cause`. */
export function cancelLeg(engine: Engine, leg: DialLeg, outcome: DialOutcome, cause: number): void {
  if (leg.settled && leg.settled !== 'ANSWER') return;
  leg.settle(outcome);
  if (!leg.ch.gone) engine.destroyChannel(leg.ch, cause);
}
