import { RingsideError, validateTenantPlans, type DialPlan, type DraftIssue } from '@ringside/shared';
import { asSystem, currentTenantId, inTenant } from '../db/tenant-scope.js';
import type { DialPlanRepository } from './dialplan-repository.js';
import { collectSwitchPlans, type LiveTenantPlan } from './switch-plans.js';

/**
 * Problems between this tenant's plan and the other tenants' live plans on the switch (a DID
 * another tenant has: DID_TAKEN), pointing into this tenant's plan. Only live plans count:
 * they are what the switch routes by; another tenant's draft claims nothing yet.
 */
export function crossTenantIssues(plans: readonly LiveTenantPlan[], me: { tenantId: string; prefix: string; plan: DialPlan }): DraftIssue[] {
  // Listed last, so each clash is reported on this tenant's side.
  const list = [...plans.filter((p) => p.tenantId !== me.tenantId), me];
  return validateTenantPlans(list)
    .filter((i) => i.tenant === list.length - 1)
    .map((i) => ({ code: i.code, path: i.path, message: i.message }));
}

/** crossTenantIssues for a draft of the current tenant, read outside any transaction. */
export async function draftTenantIssues(repo: DialPlanRepository, plan: DialPlan): Promise<DraftIssue[]> {
  const tenantId = currentTenantId();
  const tenants = await asSystem(() => repo.switchTenants());
  const prefix = tenants.find((t) => t.id === tenantId)?.switchPrefix;
  if (prefix === undefined) return [];
  const others = tenants.filter((t) => t.id !== tenantId);
  const plans = await collectSwitchPlans(others, (id) => inTenant(id, () => repo.liveVersion()));
  return crossTenantIssues(plans, { tenantId, prefix, plan });
}

/** Refuses a plan that clashes with another tenant's live plan: INVALID_INPUT listing each clash with its code. */
export function assertNoTenantClash(issues: readonly DraftIssue[]): void {
  if (!issues.length) return;
  const listed = issues.map((i) => ({ path: i.path.join('.'), message: `${i.message} [${i.code}]` }));
  throw new RingsideError('INVALID_INPUT', `the plan clashes with another tenant on the shared switch: ${listed.map((i) => `${i.path}: ${i.message}`).join('; ')}`, listed);
}
