import type { RouteDefinition } from '../../routing/route-definition.js';
import { AgentPage } from './agent-page.js';

/** The agent's desk; listed first so it is the agent's home. */
export const agentRoutes: RouteDefinition[] = [
  { pattern: '/agent', roles: ['agent'], titleKey: 'agent.title', navKey: 'nav.agent', render: (_params, user) => <AgentPage multiTenant={user.tenants.length > 1} /> },
];
