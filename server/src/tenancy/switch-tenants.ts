import { DEFAULT_TENANT_ID, isRingsideError, splitSwitchName, switchName, type PopTenant, type TenantSummary } from '@ringside/shared';
import type { OwnedName, SwitchNaming } from '../domain/switch-naming.js';

/** A tenant as the switch knows it: its id and the prefix of its names there (slug and name for pops). */
export interface SwitchTenant {
  id: string;
  switchPrefix: string;
  slug?: string;
  name?: string;
}

/**
 * Which tenant a name on the switch (queue, endpoint, dial-plan context) belongs to, by the one
 * naming rule (splitSwitchName); a name with no known prefix is the unprefixed tenant's. The CTI core observes the whole
 * switch; this is how it knows whose database rows a call's lookups and records touch, and
 * which tenant's rooms its views go to.
 */
export class SwitchTenants implements SwitchNaming {
  private byPrefix = new Map<string, string>();
  private byId = new Map<string, SwitchTenant>();
  private prefixes: string[] = [];

  constructor(tenants: readonly SwitchTenant[] = []) {
    this.replace(tenants);
  }

  /** Takes the current list (at boot and after a tenant is created or deleted). */
  replace(tenants: readonly SwitchTenant[]): void {
    this.byPrefix = new Map(tenants.map((t) => [t.switchPrefix, t.id]));
    // The unprefixed tenant is always known: names with no tenant prefix are the default tenant's.
    if (!this.byPrefix.has('')) this.byPrefix.set('', DEFAULT_TENANT_ID);
    this.byId = new Map(tenants.map((t) => [t.id, t]));
    this.prefixes = [...this.byPrefix.keys()];
  }

  /** The tenant owning a switch name; the unprefixed tenant for null or an unknown prefix. */
  tenantOf(name: string | null | undefined): string {
    return this.owner(name ?? '').tenantId;
  }

  owner(name: string): OwnedName {
    const split = name ? splitSwitchName(name, this.prefixes) : null;
    return { tenantId: this.byPrefix.get(split?.prefix ?? '') ?? DEFAULT_TENANT_ID, local: split?.local ?? name };
  }

  switchName(tenantId: string, local: string): string | null {
    const prefix = this.prefixOf(tenantId);
    if (prefix === null) return null;
    try {
      return switchName(prefix, local);
    } catch (err) {
      if (isRingsideError(err)) return null;
      throw err;
    }
  }

  describe(tenantId: string): PopTenant {
    const t = this.byId.get(tenantId);
    return { id: tenantId, slug: t?.slug ?? t?.switchPrefix ?? '', name: t?.name ?? '' };
  }

  /** The switch prefix of a tenant ('' for the unprefixed one); null for a tenant not on this switch. */
  prefixOf(tenantId: string): string | null {
    const t = this.byId.get(tenantId);
    if (t) return t.switchPrefix;
    return this.byPrefix.get('') === tenantId ? '' : null;
  }
}

/** Where the tenants come from (TenantRepository, which reads them as system). */
export interface TenantList {
  list(): Promise<TenantSummary[]>;
}

/** Reads every tenant into `into` (a new SwitchTenants by default): at boot, on taking the switch over, after a tenant changed. */
export async function loadSwitchTenants(source: TenantList, into: SwitchTenants = new SwitchTenants()): Promise<SwitchTenants> {
  // Deleting tenants stay known: their calls may still be on the switch until the deletion job removes their names.
  into.replace((await source.list()).map((t) => ({ id: t.id, switchPrefix: t.switchPrefix, slug: t.slug, name: t.name })));
  return into;
}
