import { lazy, Suspense } from 'react';
import { t } from '../../i18n/t.js';
import type { RouteDefinition } from '../../routing/route-definition.js';

// Loaded on first visit only, like the dial-plan pages: only admins ever need it.
const UsersPage = lazy(() => import('./users-page.js').then((m) => ({ default: m.UsersPage })));

/** User management, for admins. */
export const userRoutes: RouteDefinition[] = [
  {
    pattern: '/admin/users',
    roles: ['admin'],
    titleKey: 'users.title',
    navKey: 'nav.users',
    render: (_params, user) => (
      <Suspense fallback={<p role="status">{t('admin.loadingPage')}</p>}>
        <UsersPage currentUserId={user.id} />
      </Suspense>
    ),
  },
];
