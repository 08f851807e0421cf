import type { RouteDefinition } from '../../routing/route-definition.js';
import { MatchRulesPage } from './match-rules-page.js';
import { MergePage } from './merge-page.js';
import { ReviewQueuePage } from './review-queue-page.js';

/** Reviewing and merging duplicates is for supervisors and admins (the API refuses agents too). */
export const identityRoutes: RouteDefinition[] = [
  { pattern: '/identity', roles: ['supervisor', 'admin'], titleKey: 'identity.queue.title', navKey: 'nav.identity', render: () => <ReviewQueuePage /> },
  { pattern: '/identity/rules', roles: ['supervisor', 'admin'], titleKey: 'identity.rules.title', render: (_p, user) => <MatchRulesPage canEdit={user.role === 'admin'} /> },
  {
    pattern: '/identity/merge/:leftId/:rightId',
    roles: ['supervisor', 'admin'],
    titleKey: 'identity.merge.title',
    render: (p) => <MergePage key={`${p.leftId}/${p.rightId}`} leftId={p.leftId ?? ''} rightId={p.rightId ?? ''} />,
  },
];
