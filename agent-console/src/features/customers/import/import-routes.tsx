import { lazy, Suspense } from 'react';
import { t } from '../../../i18n/t.js';
import type { RouteDefinition } from '../../../routing/route-definition.js';

// Loaded on first visit only: agents never import.
const ImportPage = lazy(() => import('./import-page.js').then((m) => ({ default: m.ImportPage })));

/** The customer import, for supervisors and admins. */
export const customerImportRoutes: RouteDefinition[] = [
  {
    pattern: '/customers/import',
    roles: ['supervisor', 'admin'],
    titleKey: 'import.title',
    navKey: 'nav.customerImport',
    render: () => (
      <Suspense fallback={<p role="status">{t('admin.loadingPage')}</p>}>
        <ImportPage />
      </Suspense>
    ),
  },
];
