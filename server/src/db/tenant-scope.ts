import { AsyncLocalStorage } from 'node:async_hooks';
import { RingsideError } from '@ringside/shared';

/**
 * Whose rows a piece of work may touch. `tenant`: the database layer runs every statement as the
 * role ringside_app with app.tenant_id set, so row-level security confines it to that tenant
 * whatever the SQL says. `system`: platform work across tenants (sign-in, the switch's startup,
 * the job queue's own tables, tenant administration), run as the connecting user, which owns the
 * tables and so is not bound by the policies. Every entry point (HTTP request, socket event, switch
 * event, job) chooses one; a statement with neither is refused (TENANT_SCOPE_MISSING).
 */
export type DbScope = { readonly kind: 'tenant'; readonly tenantId: string } | { readonly kind: 'system' };

/** The role tenant-scoped statements run as (created by migration 0010, without BYPASSRLS). */
export const APP_ROLE = 'ringside_app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const storage = new AsyncLocalStorage<DbScope>();
const SYSTEM: DbScope = { kind: 'system' };

/** Runs `work` (and everything it awaits or schedules) confined to one tenant's rows. */
export function inTenant<T>(tenantId: string, work: () => T): T {
  // The id reaches SQL as a bound parameter; checking it here turns a bad id into a clear error instead of a cast failure.
  if (!UUID.test(tenantId)) throw new RingsideError('INVALID_INPUT', 'a tenant id is a UUID');
  return storage.run({ kind: 'tenant', tenantId: tenantId.toLowerCase() }, work);
}

/** Runs `work` as platform work across tenants. Use only where no tenant can be known or all are meant. */
export function asSystem<T>(work: () => T): T {
  return storage.run(SYSTEM, work);
}

/** The scope of the running work, or undefined outside any. */
export function currentScope(): DbScope | undefined {
  return storage.getStore();
}

/** The tenant of the running work; throws when it runs as system or outside any scope. */
export function currentTenantId(): string {
  const scope = storage.getStore();
  if (scope?.kind !== 'tenant') throw new RingsideError('TENANT_SCOPE_MISSING', 'this work needs a tenant');
  return scope.tenantId;
}

/**
 * The scope a statement runs in: the current one, else `fallback` (tests of a single repository
 * open their database with the default tenant as fallback), else refused.
 */
export function scopeForStatement(fallback: DbScope | null): DbScope {
  const scope = storage.getStore() ?? fallback;
  if (!scope) throw new RingsideError('TENANT_SCOPE_MISSING', 'a database statement ran outside any tenant or system scope');
  return scope;
}

/** Runs `work` in a scope captured earlier (queued work resumes in the scope that queued it); as it is when none. */
export function runInScope<T>(scope: DbScope | undefined, work: () => T): T {
  return scope ? storage.run(scope, work) : work();
}
