import os from 'node:os';
import { ariTime, endpointJson } from '../ari-json.js';
import type { AriCore, AriApp } from '../ari-core.js';
import { AriError, noContent, ok, pathParam, query, type AriRequest, type RouteSpec } from '../route-table.js';

/** The Asterisk version pbx-sim presents itself as (the reference traces' switch). */
export const ASTERISK_VERSION = '22.10.1';

function endpoints(core: AriCore, tech?: string): Record<string, unknown>[] {
  const channels = core.engine.listChannels();
  return core.engine.endpoints.all().filter(() => !tech || tech.toUpperCase() === 'PJSIP').map((ep) => endpointJson(ep, channels.filter((c) => c.tech === 'PJSIP' && c.endpoint === ep.name).map((c) => c.id)));
}

function requireApp(req: AriRequest): AriApp {
  const app = req.core.apps.get(req.str('applicationName') ?? '');
  if (!app?.active) throw new AriError(404, 'Application not found');
  return app;
}

/** applications/{name}/subscription: channel:, bridge:, endpoint: and deviceState: sources. */
function subscription(req: AriRequest, subscribe: boolean): ReturnType<typeof ok> {
  const sources = req.list('eventSource').filter(Boolean);
  if (sources.length === 0) throw new AriError(400, 'Missing parameter eventSource');
  const app = requireApp(req);
  const engine = req.core.engine;
  const changes: (() => void)[] = [];
  for (const src of sources) {
    const m = /^(channel|bridge|endpoint|deviceState):(.*)$/.exec(src);
    if (!m) throw new AriError(400, 'Invalid event source URI scheme');
    const [, scheme, id = ''] = m;
    if (scheme === 'channel') {
      const ch = engine.findChannel(id);
      if (!ch || ch.gone) throw new AriError(422, 'Event source does not exist');
      if (!subscribe && !app.explicitChannels.has(ch.id)) throw new AriError(422, 'Event source was not subscribed to');
      changes.push(() => (subscribe ? app.explicitChannels.add(ch.id) : app.explicitChannels.delete(ch.id)));
    } else if (scheme === 'bridge') {
      if (!engine.bridges.get(id)) throw new AriError(422, 'Event source does not exist');
      if (!subscribe && !app.bridgeIds.has(id)) throw new AriError(422, 'Event source was not subscribed to');
      changes.push(() => (subscribe ? app.bridgeIds.add(id) : app.bridgeIds.delete(id)));
    } else if (scheme === 'endpoint') {
      const [tech, res] = id.split('/');
      if ((tech ?? '').toUpperCase() !== 'PJSIP' || (res && !engine.endpoints.get(res))) throw new AriError(422, 'Event source does not exist');
      const key = res ? `PJSIP/${res}` : 'PJSIP';
      if (!subscribe && !app.endpointIds.has(key)) throw new AriError(422, 'Event source was not subscribed to');
      changes.push(() => (subscribe ? app.endpointIds.add(key) : app.endpointIds.delete(key)));
    } else {
      // Device state events are not simulated over ARI (AMI carries DeviceStateChange).
      throw new AriError(422, 'Event source does not exist');
    }
  }
  for (const c of changes) c();
  return ok(app.json());
}

/** What /asterisk/info reports; the numbers come from the running simulator. */
function info(core: AriCore, only: string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    build: { os: os.type(), kernel: os.release(), machine: os.arch() === 'x64' ? 'x86_64' : os.arch(), options: 'OPTIONAL_API', date: ariTime(core.engine.startedAt).replace('T', ' ').replace(/\.\d+\+0000$/, ' UTC'), user: os.userInfo().username },
    system: { version: ASTERISK_VERSION, entity_id: core.options.asteriskId },
    config: { name: '', default_language: 'en', setid: { user: '', group: '' } },
    status: { startup_time: ariTime(core.engine.startedAt), last_reload_time: ariTime(core.engine.reloadedAt) },
  };
  if (only.length === 0) return all;
  for (const k of only) if (!(k in all)) throw new AriError(400, `Invalid filter value '${k}'`);
  return Object.fromEntries(Object.entries(all).filter(([k]) => only.includes(k)));
}

const appName = pathParam('applicationName', "Application's name");
const eventSource = query('eventSource', 'string', 'URI for event source (channel:{channelId}, bridge:{bridgeId}, endpoint:{tech}[/{resource}], deviceState:{deviceName}', { required: true, allowMultiple: true });

/** Playbacks, endpoints, applications, asterisk and the events WebSocket. */
export const miscRoutes: RouteSpec[] = [
  {
    resource: 'asterisk', path: '/asterisk/info', method: 'GET', nickname: 'getInfo', summary: 'Gets Asterisk system information.', responseClass: 'AsteriskInfo',
    parameters: [query('only', 'string', 'Filter information returned', { allowMultiple: true, allowableValues: { valueType: 'LIST', values: ['build', 'system', 'config', 'status'] } })],
    errorResponses: [], handler: (req) => ok(info(req.core, req.list('only'))),
  },
  { resource: 'endpoints', path: '/endpoints', method: 'GET', nickname: 'list', summary: 'List all endpoints.', responseClass: 'List[Endpoint]', parameters: [], errorResponses: [], handler: (req) => ok(endpoints(req.core)) },
  {
    resource: 'endpoints', path: '/endpoints/{tech}', method: 'GET', nickname: 'listByTech', summary: 'List available endoints for a given endpoint technology.', responseClass: 'List[Endpoint]',
    parameters: [pathParam('tech', 'Technology of the endpoints (pjsip,iax2,...)')], errorResponses: [{ code: 404, reason: 'Endpoints not found' }],
    handler: (req) => {
      const tech = req.str('tech') ?? '';
      if (tech.toUpperCase() !== 'PJSIP') throw new AriError(404, `No Endpoints found - invalid tech ${tech}`);
      return ok(endpoints(req.core, tech));
    },
  },
  {
    resource: 'endpoints', path: '/endpoints/{tech}/{resource}', method: 'GET', nickname: 'get', summary: 'Details for an endpoint.', responseClass: 'Endpoint',
    parameters: [pathParam('tech', 'Technology of the endpoint'), pathParam('resource', 'ID of the endpoint')],
    errorResponses: [{ code: 400, reason: 'Invalid parameters for sending a message.' }, { code: 404, reason: 'Endpoints not found' }],
    handler: (req) => {
      const ep = req.core.engine.endpoints.get(req.str('resource') ?? '');
      if ((req.str('tech') ?? '').toUpperCase() !== 'PJSIP' || !ep) throw new AriError(404, 'Endpoint not found');
      return ok(endpoints(req.core).find((e) => e.resource === ep.name));
    },
  },
  {
    resource: 'playbacks', path: '/playbacks/{playbackId}', method: 'GET', nickname: 'get', summary: "Get a playback's details.", responseClass: 'Playback',
    parameters: [pathParam('playbackId', "Playback's id")], errorResponses: [{ code: 404, reason: 'The playback cannot be found' }],
    handler: (req) => {
      const p = req.playbacks.map.get(req.str('playbackId') ?? '');
      if (!p) throw new AriError(404, 'Playback not found');
      return ok(req.playbacks.json(p));
    },
  },
  {
    resource: 'playbacks', path: '/playbacks/{playbackId}', method: 'DELETE', nickname: 'stop', summary: 'Stop a playback.', responseClass: 'void',
    parameters: [pathParam('playbackId', "Playback's id")], errorResponses: [{ code: 404, reason: 'The playback cannot be found' }],
    handler: (req) => {
      const p = req.playbacks.map.get(req.str('playbackId') ?? '');
      if (!p) throw new AriError(404, 'Playback not found');
      req.playbacks.stopPlayback(p);
      return noContent();
    },
  },
  { resource: 'applications', path: '/applications', method: 'GET', nickname: 'list', summary: 'List all applications.', responseClass: 'List[Application]', parameters: [], errorResponses: [], handler: (req) => ok(req.core.activeApps().map((a) => a.json())) },
  { resource: 'applications', path: '/applications/{applicationName}', method: 'GET', nickname: 'get', summary: 'Get details of an application.', responseClass: 'Application', parameters: [appName], errorResponses: [{ code: 404, reason: 'Application does not exist.' }], handler: (req) => ok(requireApp(req).json()) },
  {
    resource: 'applications', path: '/applications/{applicationName}/subscription', method: 'POST', nickname: 'subscribe', summary: 'Subscribe an application to a event source.', responseClass: 'Application',
    parameters: [appName, eventSource], errorResponses: [{ code: 400, reason: 'Missing parameter.' }, { code: 404, reason: 'Application does not exist.' }, { code: 422, reason: 'Event source does not exist.' }],
    handler: (req) => subscription(req, true),
  },
  {
    resource: 'applications', path: '/applications/{applicationName}/subscription', method: 'DELETE', nickname: 'unsubscribe', summary: 'Unsubscribe an application from an event source.', responseClass: 'Application',
    parameters: [appName, eventSource],
    errorResponses: [{ code: 400, reason: 'Missing parameter; event source scheme not recognized.' }, { code: 404, reason: 'Application does not exist.' }, { code: 409, reason: 'Application not subscribed to event source.' }, { code: 422, reason: 'Event source does not exist.' }],
    handler: (req) => subscription(req, false),
  },
  {
    resource: 'events', path: '/events', method: 'GET', nickname: 'eventWebsocket', summary: 'WebSocket connection for events.', responseClass: 'Message', upgrade: 'websocket',
    parameters: [query('app', 'string', 'Applications to subscribe to.', { required: true, allowMultiple: true }), query('subscribeAll', 'boolean', "Subscribe to all Asterisk events. If provided, the applications listed will be subscribed to all events, effectively disabling the application specific subscriptions. Default is 'false'.")],
    errorResponses: [],
  },
];
