import { lazy, Suspense } from 'react';
import { t } from '../../i18n/t.js';
import type { RouteDefinition } from '../../routing/route-definition.js';

// Loaded on first visit only: agents and supervisors never download the dial-plan editor.
const DialPlanPage = lazy(() => import('./dial-plan-page.js').then((m) => ({ default: m.DialPlanPage })));

// Both routes render this same element, so moving between sections keeps the unsaved draft.
function render() {
  return (
    <Suspense fallback={<p role="status">{t('admin.loadingPage')}</p>}>
      <DialPlanPage />
    </Suspense>
  );
}

/** The dial-plan pages, for admins; the section is read from the URL by the page itself. */
export const adminRoutes: RouteDefinition[] = [
  { pattern: '/admin/dialplan', roles: ['admin'], titleKey: 'dialplan.title', navKey: 'nav.dialplan', render },
  { pattern: '/admin/dialplan/:section', roles: ['admin'], titleKey: 'dialplan.title', render },
];
