import { DEFAULT_TENANT_ID } from '@ringside/shared';

/** A tenant as the switch knows it: its id and the prefix of its names there. */
export interface SwitchTenant {
  id: string;
  switchPrefix: string;
}

/**
 * Which tenant a name on the switch (queue, endpoint, dial-plan context) belongs to: the tenant
 * whose prefix and a dash start it, the longest prefix winning; a name with no known prefix is the
 * unprefixed tenant's (the default tenant keeps its names bare). The CTI core observes the whole
 * switch; this is how it knows whose database rows a call's lookups and records touch.
 */
export class SwitchTenants {
  private prefixed: SwitchTenant[] = [];
  private bare: string = DEFAULT_TENANT_ID;

  constructor(tenants: readonly SwitchTenant[] = []) {
    this.replace(tenants);
  }

  /** Takes the current list (at boot and after a tenant is created or deleted). */
  replace(tenants: readonly SwitchTenant[]): void {
    this.prefixed = tenants.filter((t) => t.switchPrefix !== '').sort((a, b) => b.switchPrefix.length - a.switchPrefix.length);
    this.bare = tenants.find((t) => t.switchPrefix === '')?.id ?? DEFAULT_TENANT_ID;
  }

  /** The tenant owning a switch name; the unprefixed tenant for null or an unknown prefix. */
  tenantOf(name: string | null | undefined): string {
    if (name) for (const t of this.prefixed) if (name.startsWith(`${t.switchPrefix}-`)) return t.id;
    return this.bare;
  }
}
