import { hold, unhold, playDtmf, placeInboundCall } from '../../engine/calls.js';
import { startMoh, stopMoh } from '../../engine/apps/basic-apps.js';
import { assign, channelScope } from '../../engine/dialplan/scope.js';
import { PRIV } from '../../engine/event-fields.js';
import { ariOriginate } from '../ari-originate.js';
import { setRtpStatsVars } from '../../engine/rtp-stats.js';
import { AriError, noContent, ok, pathParam, query, type AriRequest, type RouteSpec } from '../route-table.js';
import {
  bodyVariables,
  channelIdParam,
  CONTROL_ERRORS,
  findChannel,
  HANGUP_REASON_NAMES,
  hangupCause,
  originateParams,
  requireControl,
  requireControllable,
} from './channel-helpers.js';

const R = 'channels';
const ORIGINATE_ERRORS = [
  { code: 400, reason: 'Invalid parameters for originating a channel.' },
  { code: 409, reason: 'Channel with given unique ID already exists.' },
];
const direction = query('direction', 'string', 'Direction in which to (un)mute audio', { defaultValue: 'both', allowableValues: { valueType: 'LIST', values: ['both', 'in', 'out'] } });

function originate(req: AriRequest): ReturnType<typeof ok> {
  const ch = ariOriginate(req.core, {
    endpoint: req.str('endpoint') ?? '',
    ...optional('extension', req.str('extension')),
    ...optional('context', req.str('context')),
    priority: req.int('priority', 0),
    ...optional('label', req.str('label')),
    ...optional('app', req.str('app')),
    ...optional('appArgs', req.str('appArgs')),
    ...optional('callerId', req.str('callerId')),
    timeoutSec: req.int('timeout', 30),
    variables: bodyVariables(req),
    ...optional('channelId', req.str('channelId')),
    ...optional('otherChannelId', req.str('otherChannelId')),
    ...optional('originator', req.str('originator')),
  });
  return ok(req.core.channelJson(ch));
}

function optional<K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> {
  return v ? ({ [key]: v } as Record<K, string>) : {};
}

function play(req: AriRequest): ReturnType<typeof ok> {
  const control = requireControllable(req);
  if (req.int('skipms', 3000) < 0) throw new AriError(400, 'skipms cannot be negative');
  if (req.int('offsetms', 0) < 0) throw new AriError(400, 'offsetms cannot be negative');
  const media = req.list('media');
  if (media.length === 0) throw new AriError(400, 'media is required');
  const body = req.playbacks.play(control, media, req.str('lang') || control.ch.language, req.str('playbackId'));
  return { status: 201, body, location: `/ari/playbacks/${String(body.id)}` };
}

function continueInDialplan(req: AriRequest): ReturnType<typeof noContent> {
  const control = requireControllable(req);
  const ch = control.ch;
  const lookup = req.core.engine.lookup;
  const ctx = req.str('context');
  const context = ctx || ch.context;
  const exten = ctx ? req.str('extension') || 's' : req.str('extension') || ch.exten;
  const label = req.str('label');
  let priority: number;
  if (label) {
    const p = /^\d+$/.test(label) ? Number(label) : lookup.resolvePriority(context, exten, label);
    if (p === undefined) throw new AriError(404, 'Requested label can not be found');
    if (p === 0) throw new AriError(400, 'Requested priority is illegal');
    priority = p;
  } else if (req.int('priority', 0)) {
    priority = req.int('priority', 0);
  } else if (!ctx && !req.str('extension')) {
    priority = ch.priority + 1;
  } else {
    priority = 1;
  }
  control.release?.({ context, exten, priority });
  return noContent();
}

function redirect(req: AriRequest): ReturnType<typeof noContent> {
  const control = requireControllable(req);
  const endpoint = req.str('endpoint');
  if (!endpoint) throw new AriError(400, "Required parameter 'endpoint' not provided.");
  const slash = endpoint.indexOf('/');
  if (slash <= 0) throw new AriError(422, `Endpoint parameter '${endpoint}' does not contain tech/resource`);
  const tech = endpoint.slice(0, slash);
  const resource = endpoint.slice(slash + 1);
  if (!resource) throw new AriError(422, `No resource provided in endpoint parameter '${endpoint}'`);
  const ch = control.ch;
  if (tech.toLowerCase() !== ch.tech.toLowerCase()) throw new AriError(422, `Endpoint technology '${tech}' does not match channel technology '${ch.tech}'`);
  const engine = req.core.engine;
  const from = ch.endpoint;
  // chan_pjsip answers a redirect with 302 (or REFER once answered); the caller's phone then calls
  // the new target itself, which arrives as a fresh call while this channel ends.
  engine.remoteHangup(ch);
  if (from) placeInboundCall(engine, { from, exten: resource.split('@')[0]!, callerNum: ch.callerNum, callerName: ch.callerName });
  return noContent();
}

function getVar(req: AriRequest): ReturnType<typeof ok> {
  const name = req.str('variable');
  if (!name) throw new AriError(400, 'Variable name is required');
  const ch = findChannel(req, req.str('channelId'));
  if (!ch) throw new AriError(404, 'Provided channel was not found');
  const scope = channelScope(req.core.engine, ch);
  const fn = /^([A-Za-z_][A-Za-z0-9_]*)\((.*)\)$/.exec(name);
  const value = fn ? scope.func(fn[1]!.toUpperCase(), fn[2]!) : scope.variable(name);
  if (value === undefined) throw new AriError(404, 'Provided variable was not found');
  return ok({ value });
}

function setVar(req: AriRequest): ReturnType<typeof noContent> {
  const name = req.str('variable');
  if (!name) throw new AriError(400, 'Variable name is required');
  const control = requireControl(req);
  if (!assign(req.core.engine, control.ch, name, req.str('value') ?? '')) throw new AriError(400, 'Failed to execute function');
  return noContent();
}

function hangup(req: AriRequest): ReturnType<typeof noContent> {
  const ch = findChannel(req, req.str('channelId'));
  if (!ch) throw new AriError(404, 'Channel not found');
  const cause = hangupCause(req);
  const engine = req.core.engine;
  ch.hangupCause = cause;
  setRtpStatsVars(engine, ch);
  if (ch.hasRunner && req.core.controls.has(ch.id) && !ch.softHangup) {
    // A channel held by Stasis sees the soft hang-up at once (Cause 32), unlike a channel busy in a
    // dial-plan application, whose request the engine reports when the application returns.
    engine.emitChannel('SoftHangupRequest', PRIV.call, ch, [['Cause', '32']]);
    engine.requestHangup(ch);
    ch.pendingSoftHangupCause = undefined;
  } else {
    engine.requestHangup(ch);
  }
  return noContent();
}

function muteOp(req: AriRequest, on: boolean): ReturnType<typeof noContent> {
  const control = requireControllable(req);
  const d = req.str('direction') ?? 'both';
  if (!d) throw new AriError(400, 'Direction is required');
  if (!['in', 'out', 'both'].includes(d)) throw new AriError(400, 'Invalid direction specified');
  for (const x of d === 'both' ? (['in', 'out'] as const) : [d as 'in' | 'out']) {
    if (on) control.muted.add(x);
    else control.muted.delete(x);
  }
  return noContent();
}

const control = (nickname: string, method: RouteSpec['method'], path: string, summary: string, run: (req: AriRequest) => void, extra = [] as RouteSpec['parameters']): RouteSpec => ({
  resource: R,
  path,
  method,
  nickname,
  summary,
  responseClass: 'void',
  parameters: [channelIdParam, ...extra],
  errorResponses: CONTROL_ERRORS,
  handler: (req) => {
    run(req);
    return noContent();
  },
});

/** The channel operations pbx-sim serves, in the order Asterisk documents them. */
export const channelRoutes: RouteSpec[] = [
  { resource: R, path: '/channels', method: 'GET', nickname: 'list', summary: 'List all active channels in Asterisk.', responseClass: 'List[Channel]', parameters: [], errorResponses: [], handler: (req) => ok(req.core.engine.listChannels().map((c) => req.core.channelJson(c))) },
  { resource: R, path: '/channels', method: 'POST', nickname: 'originate', summary: 'Create a new channel (originate).', responseClass: 'Channel', parameters: originateParams(true), errorResponses: ORIGINATE_ERRORS, handler: originate },
  {
    resource: R, path: '/channels/{channelId}', method: 'GET', nickname: 'get', summary: 'Channel details.', responseClass: 'Channel', parameters: [channelIdParam], errorResponses: [{ code: 404, reason: 'Channel not found' }],
    handler: (req) => {
      const ch = findChannel(req, req.str('channelId'));
      if (!ch) throw new AriError(404, 'Channel not found');
      return ok(req.core.channelJson(ch));
    },
  },
  { resource: R, path: '/channels/{channelId}', method: 'POST', nickname: 'originateWithId', summary: 'Create a new channel (originate with id).', responseClass: 'Channel', parameters: [pathParam('channelId', 'The unique id to assign the channel on creation.'), ...originateParams(false)], errorResponses: ORIGINATE_ERRORS, handler: originate },
  {
    resource: R, path: '/channels/{channelId}', method: 'DELETE', nickname: 'hangup', summary: 'Delete (i.e. hangup) a channel.', responseClass: 'void',
    parameters: [channelIdParam, query('reason_code', 'string', 'The reason code for hanging up the channel (a Q.850 cause).'), query('reason', 'string', 'Reason for hanging up the channel', { allowableValues: { valueType: 'LIST', values: HANGUP_REASON_NAMES } })],
    errorResponses: [{ code: 400, reason: 'Invalid reason for hangup provided' }, { code: 404, reason: 'Channel not found' }],
    handler: hangup,
  },
  {
    resource: R, path: '/channels/{channelId}/continue', method: 'POST', nickname: 'continueInDialplan', summary: 'Exit application; continue execution in the dialplan.', responseClass: 'void',
    parameters: [channelIdParam, query('context', 'string', 'The context to continue to.'), query('extension', 'string', 'The extension to continue to.'), query('priority', 'int', 'The priority to continue to.'), query('label', 'string', 'The label to continue to; supersedes priority.')],
    errorResponses: CONTROL_ERRORS, handler: continueInDialplan,
  },
  {
    resource: R, path: '/channels/{channelId}/redirect', method: 'POST', nickname: 'redirect', summary: 'Redirect the channel to a different location.', responseClass: 'void',
    parameters: [channelIdParam, query('endpoint', 'string', 'The endpoint to redirect the channel to', { required: true })],
    errorResponses: [{ code: 400, reason: 'Endpoint parameter not provided' }, { code: 404, reason: 'Channel or endpoint not found' }, { code: 409, reason: 'Channel not in a Stasis application' }, { code: 422, reason: 'Endpoint is not the same type as the channel' }, { code: 412, reason: 'Channel in invalid state' }],
    handler: redirect,
  },
  control('answer', 'POST', '/channels/{channelId}/answer', 'Answer a channel.', (req) => req.core.engine.answer(requireControllable(req).ch)),
  control('ring', 'POST', '/channels/{channelId}/ring', 'Indicate ringing to a channel.', (req) => void requireControllable(req)),
  control('ringStop', 'DELETE', '/channels/{channelId}/ring', 'Stop ringing indication on a channel if locally generated.', (req) => void requireControllable(req)),
  {
    resource: R, path: '/channels/{channelId}/dtmf', method: 'POST', nickname: 'sendDTMF', summary: 'Send provided DTMF to a given channel.', responseClass: 'void',
    parameters: [channelIdParam, query('dtmf', 'string', 'DTMF To send.'), query('before', 'int', 'Amount of time to wait before DTMF digits (specified in milliseconds) start.', { defaultValue: 0 }), query('between', 'int', 'Amount of time in between DTMF digits (specified in milliseconds).', { defaultValue: 100 }), query('duration', 'int', 'Length of each DTMF digit (specified in milliseconds).', { defaultValue: 100 }), query('after', 'int', 'Amount of time to wait after DTMF digits (specified in milliseconds) end.', { defaultValue: 0 })],
    errorResponses: [{ code: 400, reason: 'DTMF is required' }, ...CONTROL_ERRORS],
    handler: (req) => {
      const c = requireControllable(req);
      const dtmf = req.str('dtmf');
      if (!dtmf) throw new AriError(400, 'DTMF is required');
      // Commas are pauses in ARI's DTMF strings.
      const digits = dtmf.replace(/,/g, '');
      if (!/^[0-9*#A-Da-d]*$/.test(digits)) throw new AriError(400, `Invalid DTMF '${dtmf}'`);
      playDtmf(req.core.engine, c.ch, digits, req.int('duration', 100));
      return noContent();
    },
  },
  { ...control('mute', 'POST', '/channels/{channelId}/mute', 'Mute a channel.', () => undefined, [direction]), handler: (req) => muteOp(req, true) },
  { ...control('unmute', 'DELETE', '/channels/{channelId}/mute', 'Unmute a channel.', () => undefined, [direction]), handler: (req) => muteOp(req, false) },
  control('hold', 'POST', '/channels/{channelId}/hold', 'Hold a channel.', (req) => hold(req.core.engine, requireControllable(req).ch)),
  control('unhold', 'DELETE', '/channels/{channelId}/hold', 'Remove a channel from hold.', (req) => unhold(req.core.engine, requireControllable(req).ch)),
  control('startMoh', 'POST', '/channels/{channelId}/moh', 'Play music on hold to a channel.', (req) => {
    const ch = requireControllable(req).ch;
    startMoh({ engine: req.core.engine, ch }, req.str('mohClass') || 'default');
  }, [query('mohClass', 'string', 'Music on hold class to use')]),
  control('stopMoh', 'DELETE', '/channels/{channelId}/moh', 'Stop playing music on hold to a channel.', (req) => stopMoh({ engine: req.core.engine, ch: requireControllable(req).ch })),
  {
    resource: R, path: '/channels/{channelId}/play', method: 'POST', nickname: 'play', summary: 'Start playback of media.', responseClass: 'Playback',
    parameters: [channelIdParam, ...playParams(), query('playbackId', 'string', 'Playback ID.')],
    errorResponses: CONTROL_ERRORS, handler: play,
  },
  {
    resource: R, path: '/channels/{channelId}/play/{playbackId}', method: 'POST', nickname: 'playWithId', summary: 'Start playback of media and specify the playbackId.', responseClass: 'Playback',
    parameters: [channelIdParam, pathParam('playbackId', 'Playback ID.'), ...playParams()],
    errorResponses: CONTROL_ERRORS, handler: play,
  },
  {
    resource: R, path: '/channels/{channelId}/variable', method: 'GET', nickname: 'getChannelVar', summary: 'Get the value of a channel variable or function.', responseClass: 'Variable',
    parameters: [channelIdParam, query('variable', 'string', 'The channel variable or function to get', { required: true })],
    errorResponses: [{ code: 400, reason: 'Missing variable parameter.' }, { code: 404, reason: 'Channel or variable not found' }, { code: 409, reason: 'Channel not in a Stasis application' }],
    handler: getVar,
  },
  {
    resource: R, path: '/channels/{channelId}/variable', method: 'POST', nickname: 'setChannelVar', summary: 'Set the value of a channel variable or function.', responseClass: 'void',
    parameters: [channelIdParam, query('variable', 'string', 'The channel variable or function to set', { required: true }), query('value', 'string', 'The value to set the variable to'), query('report_events', 'boolean', 'Report ChannelVarset events for this variable', { defaultValue: false })],
    errorResponses: [{ code: 400, reason: 'Missing variable parameter.' }, { code: 404, reason: 'Channel not found' }, { code: 409, reason: 'Channel not in a Stasis application' }],
    handler: setVar,
  },
];

function playParams(): RouteSpec['parameters'] {
  return [
    query('media', 'string', "Media URIs to play (sound:, recording:, number:, digits:, characters:, tone:, silence:).", { required: true, allowMultiple: true }),
    query('lang', 'string', 'For sounds, selects language for sound.'),
    query('offsetms', 'int', 'Number of milliseconds to skip before playing. Only applies to the first URI if multiple media URIs are specified.'),
    query('skipms', 'int', 'Number of milliseconds to skip for forward/reverse operations.', { defaultValue: 3000 }),
  ];
}
