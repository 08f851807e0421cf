import { DEFAULT_TENANT_ID, splitSwitchName } from '@ringside/shared';

/** A tenant as the switch knows it: its id and the prefix of its names there. */
export interface SwitchTenant {
  id: string;
  switchPrefix: string;
}

/**
 * Which tenant a name on the switch (queue, endpoint, dial-plan context) belongs to, by the one
 * naming rule (splitSwitchName); a name with no known prefix is the unprefixed tenant's. The CTI core observes the whole
 * switch; this is how it knows whose database rows a call's lookups and records touch.
 */
export class SwitchTenants {
  private byPrefix = new Map<string, string>();
  private prefixes: string[] = [];

  constructor(tenants: readonly SwitchTenant[] = []) {
    this.replace(tenants);
  }

  /** Takes the current list (at boot and after a tenant is created or deleted). */
  replace(tenants: readonly SwitchTenant[]): void {
    this.byPrefix = new Map(tenants.map((t) => [t.switchPrefix, t.id]));
    // The unprefixed tenant is always known: names with no tenant prefix are the default tenant's.
    if (!this.byPrefix.has('')) this.byPrefix.set('', DEFAULT_TENANT_ID);
    this.prefixes = [...this.byPrefix.keys()];
  }

  /** The tenant owning a switch name; the unprefixed tenant for null or an unknown prefix. */
  tenantOf(name: string | null | undefined): string {
    const owner = name ? splitSwitchName(name, this.prefixes) : null;
    return this.byPrefix.get(owner?.prefix ?? '') ?? DEFAULT_TENANT_ID;
  }
}
