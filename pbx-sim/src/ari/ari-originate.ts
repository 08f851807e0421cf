import { cancelLeg, emitDial, startDialLeg } from '../engine/dialing.js';
import type { Channel } from '../engine/channel.js';
import { parseCallerId } from '../config/pjsip-loader.js';
import type { AriCore } from './ari-core.js';
import { runInStasis } from './stasis-app.js';
import { AriError } from './route-table.js';

/** The parameters of POST /channels (and /channels/{channelId}) after parsing. */
export interface AriOriginate {
  endpoint: string;
  extension?: string;
  context?: string;
  priority?: number;
  label?: string;
  app?: string;
  appArgs?: string;
  callerId?: string;
  timeoutSec: number;
  variables: [string, string][];
  channelId?: string;
  otherChannelId?: string;
  originator?: string;
}

/**
 * Creates the outbound leg at once and returns it (state Down). With `app`, the app is subscribed
 * to the leg before it is dialled and the leg enters Stasis when answered; otherwise it runs the
 * dial plan from context/extension/priority.
 */
export function ariOriginate(core: AriCore, o: AriOriginate): Channel {
  const engine = core.engine;
  if (o.channelId && o.channelId.length > 127) throw new AriError(400, 'Uniqueid length exceeds maximum of 127');
  const slash = o.endpoint.indexOf('/');
  const tech = slash > 0 ? o.endpoint.slice(0, slash) : '';
  const resource = slash > 0 ? o.endpoint.slice(slash + 1) : '';
  if (!tech || !resource) throw new AriError(400, 'Invalid endpoint specified');
  let target: { context: string; exten: string; priority: number } | undefined;
  if (!o.app) {
    if (!o.extension) throw new AriError(400, 'Application or extension must be specified');
    const context = o.context || 'default';
    let priority = o.priority || 1;
    if (o.label) {
      const p = /^\d+$/.test(o.label) ? Number(o.label) : engine.lookup.resolvePriority(context, o.extension, o.label);
      if (p === undefined) throw new AriError(404, 'Requested label can not be found');
      if (p === 0) throw new AriError(400, 'Requested priority is illegal');
      priority = p;
    }
    target = { context, exten: o.extension, priority };
  }
  const originator = o.originator ? engine.channels.get(o.originator) : undefined;
  if (o.originator && !originator) throw new AriError(400, 'Provided originator channel was not found');
  if (o.channelId && engine.channels.has(o.channelId)) throw new AriError(409, 'Channel with given unique ID already exists');
  if (tech.toUpperCase() !== 'PJSIP' || !engine.endpoints.get(resource.split('@')[0]!)) {
    // chan_pjsip refuses to create a channel for an endpoint it does not know; ast_dial_prerun fails.
    throw new AriError(500, 'Allocation failed');
  }
  const endpoint = resource.split('@')[0]!;
  const cid = o.callerId ? parseCallerId(o.callerId) : undefined;
  const app = o.app ? core.app(o.app) : undefined;
  const leg = startDialLeg(engine, {
    endpoint,
    dialString: resource,
    appName: 'AppDial2',
    announceAt: 'create',
    variables: o.variables,
    ...(originator ? { linkedid: originator.linkedid } : {}),
    ...(o.channelId ? { channelId: o.channelId } : {}),
    ...(cid ? { legCallerId: { num: cid.num, name: cid.name } } : {}),
    // The app hears about the leg from its first Dial event on.
    beforeDialBegin: (ch) => app?.explicitChannels.add(ch.id),
  });
  const timeoutMs = o.timeoutSec === -1 ? undefined : (o.timeoutSec > 0 ? o.timeoutSec : 30) * 1000;
  const timer = timeoutMs === undefined ? undefined : engine.clock.setTimeout(() => {
    if (!leg.settled) cancelLeg(engine, leg, 'NOANSWER', 0);
  }, timeoutMs);
  void leg.outcome.then((outcome) => {
    engine.clock.clearTimeout(timer);
    emitDial(engine, 'DialEnd', leg, [['DialStatus', outcome]]);
    if (outcome !== 'ANSWER' || leg.ch.gone) return;
    if (o.app) void runOriginatedStasis(core, leg.ch, o.app, o.appArgs ?? '');
    else if (target) {
      Object.assign(leg.ch, target);
      void engine.startDialplan(leg.ch);
    }
  });
  return leg.ch;
}

/** An answered originated leg goes straight into Stasis; when it leaves, it hangs up. */
async function runOriginatedStasis(core: AriCore, ch: Channel, appName: string, appArgs: string): Promise<void> {
  const engine = core.engine;
  const app = core.apps.get(appName);
  ch.hasRunner = true;
  const previous = { appl: ch.appl, data: ch.data };
  ch.appl = 'Stasis';
  ch.data = appArgs ? `${appName},${appArgs}` : appName;
  try {
    engine.setVar(ch, 'STASISSTATUS', '');
    if (!app?.active) engine.setVar(ch, 'STASISSTATUS', 'FAILED');
    else await runInStasis(core, ch, appName, appArgs ? appArgs.split(',') : [], false);
  } catch {
    // Moved by AMI Redirect: an originated leg has no dial plan to go back to.
  } finally {
    ch.hasRunner = false;
    // Asterisk's final snapshot of an originated leg shows its dialling pseudo-application again.
    ch.appl = previous.appl;
    ch.data = previous.data;
    if (!ch.gone) engine.destroyChannel(ch, ch.hangupCause || 16);
  }
}
