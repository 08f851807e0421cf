import type { RouteSpec } from '../route-table.js';
import { bridgeRoutes } from './bridges.js';
import { channelRoutes } from './channels.js';
import { miscRoutes } from './misc.js';

/** Every ARI operation pbx-sim serves; the api-docs are generated from this table. */
export const ariRoutes: RouteSpec[] = [...channelRoutes, ...bridgeRoutes, ...miscRoutes];
