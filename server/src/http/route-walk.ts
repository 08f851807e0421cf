import type { Express } from 'express';

interface RouteLayer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: RouteLayer[] };
}

/** One route the app serves. */
export interface Endpoint {
  method: string;
  path: string;
}

function endpointsOf(stack: RouteLayer[], prefix = ''): Endpoint[] {
  return stack.flatMap((layer) => {
    if (layer.route) return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((m) => ({ method: m.toUpperCase(), path: prefix + layer.route!.path }));
    if (layer.handle.stack) return endpointsOf(layer.handle.stack, prefix + (layer.rawPath === '/' ? '' : (layer.rawPath ?? '')));
    return [];
  });
}

/** Every route the app mounts, read from express's router stacks, so tests that walk them cover a new route without listing it. */
export function appEndpoints(app: Express): Endpoint[] {
  return endpointsOf((app as unknown as { router: { stack: RouteLayer[] } }).router.stack);
}
