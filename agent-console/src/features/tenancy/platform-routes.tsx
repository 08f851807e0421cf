import { lazy, Suspense } from 'react';
import { t } from '../../i18n/t.js';
import type { RouteDefinition } from '../../routing/route-definition.js';

// Loaded on first visit only: only platform operators ever open it.
const PlatformPage = lazy(() => import('./platform-page.js').then((m) => ({ default: m.PlatformPage })));

/** The platform operator's tenants page: any role in the session's tenant, but only for platform operators. */
export const platformRoutes: RouteDefinition[] = [
  {
    pattern: '/platform',
    roles: ['agent', 'supervisor', 'admin'],
    allows: (user) => user.platformOperator,
    titleKey: 'platform.title',
    navKey: 'nav.platform',
    render: () => (
      <Suspense fallback={<p role="status">{t('admin.loadingPage')}</p>}>
        <PlatformPage />
      </Suspense>
    ),
  },
];
