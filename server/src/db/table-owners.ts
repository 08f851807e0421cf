/**
 * Who owns a table: a bounded context of the CRM (its folder under server/src/crm/) or a module
 * with its own folder under server/src/. Only the owner's files use the table; everyone else
 * calls the owner's service ("a context uses another through its service, never its tables").
 */
export type TableOwner = 'customers' | 'identity' | 'auth' | 'dialplan' | 'jobs' | 'tenancy';

/**
 * The owner of every table object the db/schema*.ts files export, by export name. A new table
 * gets its owner here: table-owners.test.ts fails on a table without one, and on a file of one
 * owner that imports (or names in SQL) a table of another.
 */
export const TABLE_OWNERS = {
  // schema.ts
  users: 'auth',
  sessions: 'auth',
  agents: 'auth',
  customers: 'customers',
  contactPoints: 'customers',
  customerChanges: 'customers',
  interactions: 'customers',
  consentEvents: 'customers',
  partyRelationships: 'customers',
  attributeDefinitions: 'customers',
  dialplanDraft: 'dialplan',
  dialplanVersions: 'dialplan',
  // schema-identity.ts
  identityCandidates: 'identity',
  customerMerges: 'identity',
  identityMatchSettings: 'identity',
  // schema-jobs-imports.ts: the job queue is its own module; imports belong to customers (crm/customers/import).
  jobRuns: 'jobs',
  customerImports: 'customers',
  customerExternalIds: 'customers',
  customerImportErrors: 'customers',
  importMappings: 'customers',
  // schema-tenancy.ts: the tenants are the platform's (server/src/tenancy); who is a member with which role is auth's.
  tenants: 'tenancy',
  tenantMemberships: 'auth',
} as const satisfies Record<string, TableOwner>;
