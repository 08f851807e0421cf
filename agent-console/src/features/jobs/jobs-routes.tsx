import { lazy, Suspense } from 'react';
import { t } from '../../i18n/t.js';
import type { RouteDefinition } from '../../routing/route-definition.js';

// Loaded on first visit only: agents never open it.
const JobsPage = lazy(() => import('./jobs-page.js').then((m) => ({ default: m.JobsPage })));

/** Background jobs (imports, purges), for supervisors and admins. */
export const jobsRoutes: RouteDefinition[] = [
  {
    pattern: '/jobs',
    roles: ['supervisor', 'admin'],
    titleKey: 'jobs.title',
    navKey: 'nav.jobs',
    render: (_params, user) => (
      <Suspense fallback={<p role="status">{t('admin.loadingPage')}</p>}>
        <JobsPage canCancel={user.role === 'admin'} />
      </Suspense>
    ),
  },
];
