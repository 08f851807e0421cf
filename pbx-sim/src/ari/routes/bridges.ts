import type { Bridge } from '../../engine/bridges.js';
import { destroyStasisBridge, joinStasisBridge, leaveStasisBridge, startBridgeMoh, stopBridgeMoh } from '../stasis-bridges.js';
import { AriError, bodyParam, noContent, ok, pathParam, query, type AriRequest, type RouteSpec } from '../route-table.js';
import type { StasisControl } from '../ari-core.js';

const R = 'bridges';
const bridgeIdParam = pathParam('bridgeId', "Bridge's id");
const NOT_FOUND = { code: 404, reason: 'Bridge not found' };
const NOT_STASIS = { code: 409, reason: 'Bridge not in Stasis application' };

/** find_bridge: 404 when unknown, 409 when it is not an ARI bridge. */
function requireBridge(req: AriRequest): Bridge {
  const b = req.core.engine.bridges.get(req.str('bridgeId') ?? '');
  if (!b) throw new AriError(404, 'Bridge not found');
  if (b.type !== 'stasis') throw new AriError(409, 'Bridge not in Stasis application');
  return b;
}

/** find_channel_control for bridge operations: 400 unknown channel, 422 not in Stasis. */
function controlsFor(req: AriRequest): StasisControl[] {
  const ids = req.list('channel').filter(Boolean);
  if (ids.length === 0) throw new AriError(400, 'Missing parameter channel');
  return ids.map((id) => {
    const ch = req.core.engine.findChannel(id);
    if (!ch || ch.gone) throw new AriError(400, 'Channel not found');
    const c = req.core.controls.get(ch.id);
    if (!c) throw new AriError(422, 'Channel not in Stasis application');
    return c;
  });
}

/** Bridge types ARI accepts: a comma list of mixing, holding, dtmf_events, proxy_media, video_sfu, video_single, sdp_label. */
function bridgeType(raw: string | undefined): string {
  const flags = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const known = ['mixing', 'holding', 'dtmf_events', 'proxy_media', 'video_sfu', 'video_single', 'sdp_label'];
  for (const f of flags) if (!known.includes(f)) throw new AriError(500, `Unable to create bridge. Possible duplicate bridge id '${raw}'`);
  return flags.includes('holding') ? 'holding' : 'mixing';
}

function create(req: AriRequest): ReturnType<typeof ok> {
  const core = req.core;
  const id = req.str('bridgeId');
  if (id && core.engine.bridges.get(id)) throw new AriError(409, `Bridge with id '${id}' already exists`);
  const type = bridgeType(req.str('type'));
  const b = core.engine.bridges.create({
    ...(id ? { id } : {}),
    type: 'stasis',
    technology: type === 'holding' ? 'holding_bridge' : 'simple_bridge',
    creator: 'Stasis',
    name: req.str('name') ?? '',
    dissolveOnHangup: false,
  });
  core.bridgeExtra.set(b.id, { createdAt: core.engine.clock.now(), bridgeType: type });
  return ok(core.bridgeJson(b));
}

const createParams = (withIdQuery: boolean) => [
  query('type', 'string', 'Comma separated list of bridge type attributes (mixing, holding, dtmf_events, proxy_media, video_sfu, video_single, sdp_label).'),
  ...(withIdQuery ? [query('bridgeId', 'string', 'Unique ID to give to the bridge being created.')] : [pathParam('bridgeId', 'Unique ID to give to the bridge being created.')]),
  query('name', 'string', 'Name to give to the bridge being created.'),
  bodyParam('variables', 'Body object whose "variables" key holds bridge variables; other keys act as query parameters.'),
];

/** The bridge operations pbx-sim serves. */
export const bridgeRoutes: RouteSpec[] = [
  { resource: R, path: '/bridges', method: 'GET', nickname: 'list', summary: 'List all active bridges in Asterisk.', responseClass: 'List[Bridge]', parameters: [], errorResponses: [], handler: (req) => ok([...req.core.engine.bridges.map.values()].map((b) => req.core.bridgeJson(b))) },
  { resource: R, path: '/bridges', method: 'POST', nickname: 'create', summary: 'Create a new bridge.', responseClass: 'Bridge', parameters: createParams(true), errorResponses: [{ code: 409, reason: 'Bridge with the same bridgeId already exists' }], handler: create },
  { resource: R, path: '/bridges/{bridgeId}', method: 'POST', nickname: 'createWithId', summary: 'Create a new bridge or update an existing one.', responseClass: 'Bridge', parameters: createParams(false), errorResponses: [{ code: 409, reason: 'Bridge with the same bridgeId already exists' }], handler: create },
  {
    resource: R, path: '/bridges/{bridgeId}', method: 'GET', nickname: 'get', summary: 'Get bridge details.', responseClass: 'Bridge', parameters: [bridgeIdParam], errorResponses: [NOT_FOUND],
    handler: (req) => {
      const b = req.core.engine.bridges.get(req.str('bridgeId') ?? '');
      if (!b) throw new AriError(404, 'Bridge not found');
      return ok(req.core.bridgeJson(b));
    },
  },
  {
    resource: R, path: '/bridges/{bridgeId}', method: 'DELETE', nickname: 'destroy', summary: 'Shut down a bridge.', responseClass: 'void', parameters: [bridgeIdParam], errorResponses: [NOT_FOUND],
    handler: (req) => {
      destroyStasisBridge(req.core, requireBridge(req));
      return noContent();
    },
  },
  {
    resource: R, path: '/bridges/{bridgeId}/addChannel', method: 'POST', nickname: 'addChannel', summary: 'Add a channel to a bridge.', responseClass: 'void',
    parameters: [
      bridgeIdParam,
      query('channel', 'string', 'Ids of channels to add to bridge', { required: true, allowMultiple: true }),
      query('role', 'string', 'Channel\'s role in the bridge'),
      query('absorbDTMF', 'boolean', 'Absorb DTMF coming from this channel, preventing it to pass through to the bridge', { defaultValue: false }),
      query('mute', 'boolean', 'Mute audio from this channel, preventing it to pass through to the bridge', { defaultValue: false }),
      query('inhibitConnectedLineUpdates', 'boolean', 'Do not present the identity of the newly connected channel to other bridge members', { defaultValue: false }),
    ],
    errorResponses: [{ code: 400, reason: 'Channel not found' }, NOT_FOUND, { code: 409, reason: 'Bridge not in Stasis application; Channel currently recording' }, { code: 422, reason: 'Channel not in Stasis application' }],
    handler: (req) => {
      const b = requireBridge(req);
      for (const c of controlsFor(req)) joinStasisBridge(req.core, b, c.ch);
      return noContent();
    },
  },
  {
    resource: R, path: '/bridges/{bridgeId}/removeChannel', method: 'POST', nickname: 'removeChannel', summary: 'Remove a channel from a bridge.', responseClass: 'void',
    parameters: [bridgeIdParam, query('channel', 'string', 'Ids of channels to remove from bridge', { required: true, allowMultiple: true })],
    errorResponses: [{ code: 400, reason: 'Channel not found' }, NOT_FOUND, NOT_STASIS, { code: 422, reason: 'Channel not in this bridge' }],
    handler: (req) => {
      const b = requireBridge(req);
      const controls = controlsFor(req);
      if (controls.some((c) => c.ch.bridgeId !== b.id)) throw new AriError(422, 'Channel not in this bridge');
      for (const c of controls) leaveStasisBridge(req.core, c.ch);
      return noContent();
    },
  },
  {
    resource: R, path: '/bridges/{bridgeId}/moh', method: 'POST', nickname: 'startMoh', summary: 'Play music on hold to a bridge or change the MOH class that is playing.', responseClass: 'void',
    parameters: [bridgeIdParam, query('mohClass', 'string', 'Music on hold class to use')], errorResponses: [NOT_FOUND, NOT_STASIS],
    handler: (req) => {
      startBridgeMoh(req.core, requireBridge(req));
      return noContent();
    },
  },
  {
    resource: R, path: '/bridges/{bridgeId}/moh', method: 'DELETE', nickname: 'stopMoh', summary: 'Stop playing music on hold to a bridge.', responseClass: 'void',
    parameters: [bridgeIdParam], errorResponses: [NOT_FOUND, NOT_STASIS],
    handler: (req) => {
      if (!stopBridgeMoh(req.core, requireBridge(req))) throw new AriError(409, "Bridge isn't playing music");
      return noContent();
    },
  },
];
