import { ROLES } from '@ringside/shared';
import type { RouteDefinition } from '../../routing/route-definition.js';
import { AttributeAdminPage } from './attribute-admin-page.js';
import { Customer360Page } from './customer-360-page.js';
import { CustomerCreatePage } from './customer-create-page.js';
import { CustomerEditPage } from './customer-edit-page.js';
import { CustomerSearchPage } from './customer-search-page.js';
import { customerImportRoutes } from './import/import-routes.js';

/** Every role works with customers: agents on calls, supervisors reviewing, admins maintaining. */
export const customerRoutes: RouteDefinition[] = [
  { pattern: '/customers', roles: ROLES, titleKey: 'customers.search.title', navKey: 'nav.customers', render: () => <CustomerSearchPage /> },
  // Before /customers/:id, which would read "import" as an id.
  ...customerImportRoutes,
  { pattern: '/customers/new', roles: ROLES, titleKey: 'customers.new', render: () => <CustomerCreatePage /> },
  { pattern: '/customers/:id', roles: ROLES, titleKey: 'customer.title', render: (p, user) => <Customer360Page key={p.id} id={p.id ?? ''} role={user.role} /> },
  { pattern: '/customers/:id/edit', roles: ROLES, titleKey: 'customer.editPageTitle', render: (p) => <CustomerEditPage key={p.id} id={p.id ?? ''} /> },
  // Only admins define attributes; everyone fills them in on the customer form.
  { pattern: '/admin/customer-attributes', roles: ['admin'], titleKey: 'attributes.title', navKey: 'nav.customerAttributes', render: () => <AttributeAdminPage /> },
];
