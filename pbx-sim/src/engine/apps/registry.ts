import type { AppFn } from './app-types.js';
import { basicApps } from './basic-apps.js';
import { mediaApps } from './media-apps.js';
import { featureApps } from './feature-apps.js';
import { speechApps } from './speech-apps.js';
import { dialApp } from './dial-app.js';
import { queueApp } from '../queues/queue-app.js';

export type { AppFn } from './app-types.js';

/** Every dial-plan application pbx-sim implements, by lower-cased name; anything else is refused loudly. */
export function createAppRegistry(): Map<string, AppFn> {
  const m = new Map<string, AppFn>();
  for (const [k, v] of Object.entries({ ...basicApps, ...mediaApps, ...featureApps, ...speechApps })) m.set(k, v);
  m.set('dial', dialApp);
  m.set('queue', queueApp);
  return m;
}
