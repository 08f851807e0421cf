import { DEFAULT_TENANT_ID, type PopTenant } from '@ringside/shared';

/** A switch name split into the tenant owning it and the name in that tenant's dial plan. */
export interface OwnedName {
  tenantId: string;
  local: string;
}

/**
 * How the CTI reads the switch's flat namespaces (queues `acme-support`, endpoints
 * `PJSIP/acme-1001`): which tenant owns a name, and what the tenant calls it. The composition
 * root backs it with SwitchTenants; the domain only asks.
 */
export interface SwitchNaming {
  /** The owner of a bare switch name (queue, endpoint resource, context). */
  owner(name: string): OwnedName;
  /** The switch name of a tenant's local name; null when the tenant is not on this switch. */
  switchName(tenantId: string, local: string): string | null;
  /** The tenant as a pop names it (slug and name empty when unknown). */
  describe(tenantId: string): PopTenant;
}

/** One tenant, the default one, whose names are bare: a single-tenant install. */
export const SINGLE_TENANT: SwitchNaming = {
  owner: (name) => ({ tenantId: DEFAULT_TENANT_ID, local: name }),
  switchName: (tenantId, local) => (tenantId === DEFAULT_TENANT_ID ? local : null),
  describe: (id) => ({ id, slug: '', name: '' }),
};

/**
 * The resource of an endpoint or channel name the tenant prefix sits on: `PJSIP/acme-1001` →
 * `acme-1001`; a Local channel `Local/1002@acme-ringside-agents` is named by its context.
 */
export function endpointResource(endpoint: string): string {
  const bare = endpoint.replace(/^[A-Za-z]+\//, '');
  const at = bare.indexOf('@');
  return at >= 0 ? bare.slice(at + 1) : bare;
}

/** The tenant owning an endpoint (`PJSIP/acme-1001`). */
export function endpointTenant(naming: SwitchNaming, endpoint: string): string {
  return naming.owner(endpointResource(endpoint)).tenantId;
}

/** A queue's name in its tenant's dial plan (null stays null). */
export function localQueue(naming: SwitchNaming, queue: string | null): string | null {
  return queue === null ? null : naming.owner(queue).local;
}
