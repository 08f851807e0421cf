import type { Role, SessionUser } from '@ringside/shared';
import { adminRoutes } from './features/admin/admin-routes.js';
import { agentRoutes } from './features/agent/agent-routes.js';
import { customerRoutes } from './features/customers/customer-routes.js';
import { identityRoutes } from './features/identity/identity-routes.js';
import { jobsRoutes } from './features/jobs/jobs-routes.js';
import { platformRoutes } from './features/tenancy/platform-routes.js';
import { userRoutes } from './features/users/users-routes.js';
import { wallboardRoutes } from './features/wallboard/wallboard-routes.js';
import { matchPath, type RouteParams } from './routing/match-route.js';
import type { RouteDefinition } from './routing/route-definition.js';

/**
 * Every page, feature by feature; first match wins, so fixed segments precede `:params`. A role's
 * first nav entry is its home: the desk for agents, the wallboard for supervisors and admins.
 */
export const ROUTES: readonly RouteDefinition[] = [...agentRoutes, ...wallboardRoutes, ...customerRoutes, ...identityRoutes, ...adminRoutes, ...userRoutes, ...jobsRoutes, ...platformRoutes];

/** The nav entries a role may open, in route-table order (with the user, also the routes only some users may open). */
export function navFor(role: Role, user?: SessionUser): RouteDefinition[] {
  return ROUTES.filter((r) => r.navKey !== undefined && r.roles.includes(role) && (!r.allows || (user !== undefined && r.allows(user))));
}

/** May this user open the route: their role in the session's tenant, and any further condition of the route. */
export function routeAllows(route: RouteDefinition, user: SessionUser): boolean {
  return route.roles.includes(user.role) && (route.allows?.(user) ?? true);
}

/** The route a path shows, or null for an unknown path. */
export function resolveRoute(pathname: string): { route: RouteDefinition; params: RouteParams } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}
