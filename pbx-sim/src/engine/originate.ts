import type { AmiField } from '../ami/ami-message.js';
import type { Channel } from './channel.js';
import type { Engine } from './engine.js';
import { PRIV } from './event-fields.js';
import { cancelLeg, emitDial, startDialLeg } from './dialing.js';
import { parseCallerId } from '../config/pjsip-loader.js';
import { EngineError } from './types.js';

/** An Originate request, as the AMI action carries it. */
export interface OriginateRequest {
  channel: string;
  context?: string;
  exten?: string;
  priority?: string;
  application?: string;
  data?: string;
  timeoutMs?: number;
  callerId?: string;
  account?: string;
  variables?: [string, string][];
  actionId?: string;
  /** Uniqueid of the first leg (AMI ChannelId). */
  channelId?: string;
  /** Uniqueid of a Local channel's `;2` half (AMI OtherChannelId); PJSIP originates have none. */
  otherChannelId?: string;
}

/** The outcome reported in OriginateResponse (Reason 4 answered, 5 busy, 3 no answer, 0 failed). */
export interface OriginateResult {
  success: boolean;
  reason: number;
  channel?: Channel;
}

const REASONS: Record<string, number> = { ANSWER: 4, BUSY: 5, NOANSWER: 3, CHANUNAVAIL: 0, CANCEL: 1, CONGESTION: 8 };

/** Validates an Originate before anything is created; returns the endpoint to dial. */
export function checkOriginate(engine: Engine, req: OriginateRequest): string {
  const m = /^PJSIP\/([^/@]+)$/i.exec(req.channel.trim());
  if (!m) throw new EngineError(`Originate channel '${req.channel}' is not supported (only PJSIP/<endpoint>)`);
  const endpoint = m[1]!;
  if (!engine.endpoints.get(endpoint)) throw new EngineError('Originate failed');
  if (!req.application && !(req.exten && req.context)) throw new EngineError('Exten or Application required');
  if (req.application && !engine.apps.get(req.application.toLowerCase())) throw new EngineError(`Application '${req.application}' is not supported by pbx-sim`);
  if (!req.application && !engine.lookup.hasContext(req.context!)) throw new EngineError(`No such context '${req.context}'`);
  return endpoint;
}

/** Dials the first leg; once it answers, sends it to the dial plan or runs the application. */
export async function originate(engine: Engine, req: OriginateRequest): Promise<OriginateResult> {
  const endpoint = checkOriginate(engine, req);
  const cid = req.callerId ? parseCallerId(req.callerId) : undefined;
  if (req.channelId !== undefined && engine.channels.has(req.channelId)) {
    // Asterisk refuses to allocate a channel whose uniqueid is in use: the originate fails.
    engine.log('warn', `Originate: uniqueid ${req.channelId} already in use`);
    respond(engine, req, { success: false, reason: 0 }, undefined);
    return { success: false, reason: 0 };
  }
  const leg = startDialLeg(engine, {
    ...(req.channelId !== undefined ? { channelId: req.channelId } : {}),
    endpoint,
    dialString: endpoint,
    appName: 'AppDial2',
    announceAt: 'create',
    variables: [...(req.variables ?? [])].reverse(),
    ...(req.account !== undefined ? { accountCode: req.account } : {}),
    ...(cid ? { legCallerId: { num: cid.num, name: cid.name } } : {}),
    ...(req.application ? { applicationOriginate: { onAnswer: () => respond(engine, req, { success: true, reason: 4, channel: leg.ch }, leg.ch) } } : {}),
  });
  const timeoutMs = req.timeoutMs ?? 30000;
  const timer = engine.clock.setTimeout(() => {
    if (!leg.settled) cancelLeg(engine, leg, 'NOANSWER', 0);
  }, timeoutMs);
  const outcome = await leg.outcome;
  engine.clock.clearTimeout(timer);
  const ch = leg.ch;
  if (outcome !== 'ANSWER') {
    emitDial(engine, 'DialEnd', leg, [['DialStatus', outcome]]);
    respond(engine, req, { success: false, reason: REASONS[outcome] ?? 0 }, undefined);
    return { success: false, reason: REASONS[outcome] ?? 0 };
  }
  emitDial(engine, 'DialEnd', leg, [['DialStatus', 'ANSWER']]);
  if (req.application) {
    void runApplication(engine, ch, req.application, req.data ?? '');
  } else {
    ch.context = req.context!;
    ch.exten = req.exten!;
    ch.priority = engine.lookup.resolvePriority(req.context!, req.exten!, req.priority || '1') ?? 1;
    void engine.startDialplan(ch);
    respond(engine, req, { success: true, reason: 4, channel: ch }, ch);
  }
  return { success: true, reason: 4, channel: ch };
}

function respond(engine: Engine, req: OriginateRequest, r: OriginateResult, ch: Channel | undefined): void {
  if (req.actionId === undefined) return;
  const f: AmiField[] = [['ActionID', req.actionId], ['Response', r.success ? 'Success' : 'Failure'], ['Channel', ch?.name ?? req.channel]];
  if (req.application) f.push(['Application', req.application], ['Data', req.data ?? '']);
  else f.push(['Context', req.context ?? ''], ['Exten', req.exten ?? '']);
  f.push(['Reason', String(r.reason)], ['Uniqueid', ch?.id ?? '<null>'], ['CallerIDNum', ch ? ch.callerNum || '<unknown>' : '<unknown>'], ['CallerIDName', ch ? ch.callerName || '<unknown>' : '<unknown>']);
  engine.emit('OriginateResponse', PRIV.call, f, { channelId: ch?.id });
}

/** Runs one application on an answered channel, then hangs it up (Originate with Application). */
async function runApplication(engine: Engine, ch: Channel, app: string, data: string): Promise<void> {
  const fn = engine.apps.get(app.toLowerCase())!;
  ch.hasRunner = true;
  // pbx_exec restores AppDial2 when the application returns (ari-j-record-and-spy: the ChanSpy
  // leg's ChannelDestroyed), as at the end of a dial plan (runDialplan).
  const outer = { appl: ch.appl, data: ch.data };
  ch.appl = app;
  ch.data = data;
  try {
    await fn({ engine, ch, data, args: data.split(',') });
  } catch {
    // Interrupted by hang-up: nothing else to do.
  } finally {
    ch.hasRunner = false;
    ch.applAfterDialplan = outer;
    if (!ch.gone) engine.destroyChannel(ch);
  }
}
