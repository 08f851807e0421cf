import type { Role } from '@ringside/shared';
import { adminRoutes } from './features/admin/admin-routes.js';
import { agentRoutes } from './features/agent/agent-routes.js';
import { customerRoutes } from './features/customers/customer-routes.js';
import { identityRoutes } from './features/identity/identity-routes.js';
import { jobsRoutes } from './features/jobs/jobs-routes.js';
import { userRoutes } from './features/users/users-routes.js';
import { wallboardRoutes } from './features/wallboard/wallboard-routes.js';
import { matchPath, type RouteParams } from './routing/match-route.js';
import type { RouteDefinition } from './routing/route-definition.js';

/**
 * Every page, feature by feature; first match wins, so fixed segments precede `:params`. A role's
 * first nav entry is its home: the desk for agents, the wallboard for supervisors and admins.
 */
export const ROUTES: readonly RouteDefinition[] = [...agentRoutes, ...wallboardRoutes, ...customerRoutes, ...identityRoutes, ...adminRoutes, ...userRoutes, ...jobsRoutes];

/** The nav entries a role may open, in route-table order. */
export function navFor(role: Role): RouteDefinition[] {
  return ROUTES.filter((r) => r.navKey !== undefined && r.roles.includes(role));
}

/** The route a path shows, or null for an unknown path. */
export function resolveRoute(pathname: string): { route: RouteDefinition; params: RouteParams } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}
