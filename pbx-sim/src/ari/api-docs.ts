import { MODELS, type ModelSpec } from './ari-models.js';
import type { RouteSpec } from './route-table.js';

/** ARI's version in Asterisk 22 (resources.json `apiVersion`). */
export const ARI_VERSION = '10.0.0';

/** Resource listing order and descriptions, as Asterisk lists its resources. */
const RESOURCES: [name: string, description: string][] = [
  ['asterisk', 'Asterisk resources'],
  ['endpoints', 'Endpoint resources'],
  ['channels', 'Channel resources'],
  ['bridges', 'Bridge resources'],
  ['playbacks', 'Playback control resources'],
  ['events', 'WebSocket resource'],
  ['applications', 'Stasis application resources'],
];

/** What each path is, printed as the `description` of its api entry. */
const PATH_DESCRIPTIONS: Record<string, string> = {
  '/asterisk/info': 'Asterisk system information (similar to core show settings)',
  '/endpoints': 'Asterisk endpoints',
  '/endpoints/{tech}': 'Asterisk endpoints',
  '/endpoints/{tech}/{resource}': 'Single endpoint',
  '/channels': 'Active channels',
  '/channels/{channelId}': 'Active channel',
  '/channels/{channelId}/continue': 'Exit application; continue execution in the dialplan',
  '/channels/{channelId}/redirect': 'Inform the channel that it should redirect itself to a different location.',
  '/channels/{channelId}/answer': 'Answer a channel',
  '/channels/{channelId}/ring': 'Send a ringing indication to a channel',
  '/channels/{channelId}/dtmf': 'Send DTMF to a channel',
  '/channels/{channelId}/mute': 'Mute a channel',
  '/channels/{channelId}/hold': 'Put a channel on hold',
  '/channels/{channelId}/moh': 'Play music on hold to a channel',
  '/channels/{channelId}/play': 'Play media to a channel',
  '/channels/{channelId}/play/{playbackId}': 'Play media to a channel',
  '/channels/{channelId}/variable': 'Variables on a channel',
  '/bridges': 'Active bridges',
  '/bridges/{bridgeId}': 'Individual bridge',
  '/bridges/{bridgeId}/addChannel': 'Add a channel to a bridge',
  '/bridges/{bridgeId}/removeChannel': 'Remove a channel from a bridge',
  '/bridges/{bridgeId}/moh': 'Play music on hold to a bridge',
  '/playbacks/{playbackId}': 'Control object for a playback operation.',
  '/applications': 'Stasis applications',
  '/applications/{applicationName}': 'Stasis application',
  '/applications/{applicationName}/subscription': 'Stasis application',
  '/events': 'Events from Asterisk to applications',
};

/** The resource names pbx-sim documents (those with at least one route). */
export function servedResources(routes: RouteSpec[]): string[] {
  const served = new Set(routes.map((r) => r.resource));
  return RESOURCES.map(([n]) => n).filter((n) => served.has(n));
}

/** GET /ari/api-docs/resources.json: the listing ari-client starts from. */
export function resourceListing(routes: RouteSpec[], basePath: string): Record<string, unknown> {
  const served = new Set(servedResources(routes));
  return {
    apiVersion: ARI_VERSION,
    swaggerVersion: '1.1',
    basePath,
    apis: RESOURCES.filter(([n]) => served.has(n)).map(([n, description]) => ({ path: `/api-docs/${n}.{format}`, description })),
  };
}

/** GET /ari/api-docs/{resource}.json, generated from the route table; undefined for unknown resources. */
export function resourceDoc(routes: RouteSpec[], resource: string, basePath: string): Record<string, unknown> | undefined {
  const mine = routes.filter((r) => r.resource === resource);
  if (mine.length === 0) return undefined;
  const apis: { path: string; description: string; operations: Record<string, unknown>[] }[] = [];
  for (const r of mine) {
    let api = apis.find((a) => a.path === r.path);
    if (!api) {
      api = { path: r.path, description: PATH_DESCRIPTIONS[r.path] ?? '', operations: [] };
      apis.push(api);
    }
    api.operations.push(operationDoc(r));
  }
  return {
    apiVersion: '2.0.0',
    swaggerVersion: resource === 'events' ? '1.2' : '1.1',
    basePath,
    resourcePath: `/api-docs/${resource}.{format}`,
    apis,
    models: modelsDoc(MODELS[resource] ?? []),
  };
}

function operationDoc(r: RouteSpec): Record<string, unknown> {
  const op: Record<string, unknown> = { httpMethod: r.method };
  if (r.upgrade) {
    op.upgrade = r.upgrade;
    op.websocketProtocol = 'ari';
  }
  op.summary = r.summary;
  op.nickname = r.nickname;
  op.responseClass = r.responseClass;
  if (r.parameters.length > 0) op.parameters = r.parameters.map((p) => ({ ...p }));
  if (r.errorResponses.length > 0) op.errorResponses = r.errorResponses.map((e) => ({ ...e }));
  return op;
}

function modelsDoc(models: ModelSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of models) out[m.id] = JSON.parse(JSON.stringify(m)) as unknown;
  return out;
}
