import type { RouteDefinition } from '../../routing/route-definition.js';
import { WallboardPage } from './wallboard-page.js';

/** Supervisors and admins watch the queues live. */
export const wallboardRoutes: RouteDefinition[] = [
  { pattern: '/wallboard', roles: ['supervisor', 'admin'], titleKey: 'wallboard.title', navKey: 'nav.wallboard', render: () => <WallboardPage /> },
];
