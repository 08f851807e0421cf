import { DEFAULT_TENANT_ID, demoDialPlan, parseDialPlan, parseTenantPlans, type DialPlan } from '@ringside/shared';
import { absoluteBaseIncludes, renderTenantRuntimeIncludes, renderTenants, type SecretMap, type TenantSecretMap } from '@ringside/pbx-config';
import { asSystem, inTenant } from '../db/tenant-scope.js';
import type { DialPlanRepository, StoredVersion, SwitchTenantRow } from './dialplan-repository.js';

/** One tenant's plan as the shared switch runs it. */
export interface LiveTenantPlan {
  tenantId: string;
  /** The tenant's switch prefix ('' for the default tenant, whose names stay bare). */
  prefix: string;
  /** The live version; null for the default tenant's demo plan before its first publish. */
  version: number | null;
  plan: DialPlan;
}

/** A tenant's secrets by its switch prefix (see dialPlanSecrets). */
export type TenantSecrets = (prefix: string) => SecretMap;

/**
 * The tenants on the switch, each with its live plan: the default tenant first (its system
 * settings make the AMI, ARI and HTTP files), always there (the demo plan before its first
 * publish); every other tenant once it has a live version, by prefix. `live` reads one tenant's
 * live version in that tenant's rows.
 */
export async function collectSwitchPlans(tenants: readonly SwitchTenantRow[], live: (tenantId: string) => Promise<StoredVersion | null>): Promise<LiveTenantPlan[]> {
  const rows = tenants.some((t) => t.switchPrefix === '') ? [...tenants] : [{ id: DEFAULT_TENANT_ID, switchPrefix: '' }, ...tenants];
  rows.sort((a, b) => (a.switchPrefix < b.switchPrefix ? -1 : a.switchPrefix > b.switchPrefix ? 1 : 0));
  const out: LiveTenantPlan[] = [];
  for (const t of rows) {
    const v = await live(t.id);
    if (v) out.push({ tenantId: t.id, prefix: t.switchPrefix, version: v.number, plan: parseDialPlan(v.plan) });
    else if (t.switchPrefix === '') out.push({ tenantId: t.id, prefix: '', version: null, plan: parseDialPlan(demoDialPlan) });
  }
  return out;
}

/** Every tenant's live plan, read outside any transaction (each tenant's rows in its own scope). */
export async function readSwitchPlans(repo: DialPlanRepository): Promise<LiveTenantPlan[]> {
  const tenants = await asSystem(() => repo.switchTenants());
  return collectSwitchPlans(tenants, (id) => inTenant(id, () => repo.liveVersion()));
}

/** `plans` with `tenant`'s entry set to `next` (added when the tenant was not on the switch yet). */
export function withTenantPlan(plans: readonly LiveTenantPlan[], next: LiveTenantPlan): LiveTenantPlan[] {
  const rest = plans.filter((p) => p.tenantId !== next.tenantId);
  return [...rest, next].sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
}

/**
 * Everything the switch's config folder needs for all tenants together: the rendered files
 * (each tenant's names with its prefix, its secrets from its own map) and the runtime includes
 * the base config reads by absolute path. Validates the tenants together (INVALID_INPUT with
 * DID_TAKEN, ...) and every secret (CONFIG_INVALID) before anything is returned.
 */
export function renderSwitchFiles(plans: readonly LiveTenantPlan[], secretsOf: TenantSecrets, baseDir: string | null): Record<string, string> {
  const input = plans.map((p) => ({ prefix: p.prefix, plan: p.plan }));
  const secrets: TenantSecretMap = Object.fromEntries(plans.map((p) => [p.prefix, secretsOf(p.prefix)]));
  const files = renderTenants(input, secrets);
  const runtime = baseDir ? renderTenantRuntimeIncludes(parseTenantPlans(input), secrets, absoluteBaseIncludes(baseDir)) : {};
  return { ...files, ...runtime };
}
