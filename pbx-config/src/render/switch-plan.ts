import { switchName, type DialPlan, type SystemSettings } from '@ringside/shared';

/** One tenant's dial plan and the switch prefix its names carry ('' for the default tenant). */
export interface TenantPlan {
  prefix: string;
  plan: DialPlan;
}

/** Turns one tenant's local name (extension, queue, trunk, context) into its switch name. */
export type SwitchNames = (local: string) => string;

/** A tenant as the renderers see it: its plan and its naming function. */
export interface RenderTenant extends TenantPlan {
  sw: SwitchNames;
}

/** Everything rendered into one set of switch files. */
export interface SwitchPlan {
  tenants: RenderTenant[];
  /** What the file headers say the files were rendered from. */
  title: string;
  /**
   * AMI, ARI and HTTP exist once per switch: they come from the first tenant's plan (the
   * platform's own), the other tenants' system settings are not rendered.
   */
  system: SystemSettings;
}

/** The names of a tenant with this prefix (identity for the default tenant). */
export function tenantNames(prefix: string): SwitchNames {
  return (local) => switchName(prefix, local);
}

/** True when the files hold exactly the default tenant, i.e. a single-tenant install. */
export function isSingleDefault(sp: SwitchPlan): boolean {
  return sp.tenants.length === 1 && sp.tenants[0]!.prefix === '';
}

/** How comments name a tenant. */
export function tenantLabel(t: TenantPlan): string {
  return t.prefix === '' ? `the default tenant ("${t.plan.name}")` : `tenant ${t.prefix} ("${t.plan.name}")`;
}

/** The switch plan of already validated tenants, in the order given (the first one owns the system settings). */
export function switchPlan(tenants: readonly TenantPlan[]): SwitchPlan {
  const first = tenants[0];
  if (!first) throw new RangeError('a switch needs at least one tenant');
  const title =
    tenants.length === 1 && first.prefix === '' ? `the dial plan "${first.plan.name}"` : `the dial plans of ${tenants.map(tenantLabel).join(', ')}`;
  return { tenants: tenants.map((t) => ({ ...t, sw: tenantNames(t.prefix) })), title, system: first.plan.system };
}
