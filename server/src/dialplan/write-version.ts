import { RingsideError } from '@ringside/shared';
import { currentTenantId } from '../db/tenant-scope.js';
import { parseDialPlan, type DialPlanVersion } from '@ringside/shared';
import { renderPublicFiles } from './config-folder.js';
import type { Actor, DialPlanDeps } from './dialplan-deps.js';
import type { DialPlanRepository } from './dialplan-repository.js';
import { versionView } from './dialplan-views.js';
import { assertNoTenantClash, crossTenantIssues } from './tenant-issues.js';
import { collectSwitchPlans, renderSwitchFiles, withTenantPlan, type LiveTenantPlan } from './switch-plans.js';

/** What a publish or a rollback writes as the next version. */
export interface VersionRequest {
  plan: unknown;
  comment: string;
  actor: Actor;
  rollbackOf: number | null;
}

/** Inside the publish lock: every tenant's live plan and the switch prefix of the tenant publishing. */
export async function lockedSwitchPlans(locked: DialPlanRepository): Promise<{ plans: LiveTenantPlan[]; prefix: string }> {
  const tenantId = currentTenantId();
  const tenants = await locked.switchTenants();
  const me = tenants.find((t) => t.id === tenantId);
  if (!me) throw new RingsideError('NOT_FOUND', 'this tenant is not on the switch (it is being deleted)');
  return { plans: await collectSwitchPlans(tenants, (id) => locked.liveVersionOf(id)), prefix: me.switchPrefix };
}

/**
 * Inside the publish lock: renders the switch with this tenant's plan in place of its live one
 * and every other tenant's live plan as it is (so another tenant's files come out byte for byte
 * as before; a DID another tenant has is DID_TAKEN, a missing secret CONFIG_INVALID, and then
 * nothing is written), stores the plan as the tenant's next version with the tenant's own part
 * of the files, applies the whole switch and records the outcome. On success the draft is marked
 * as based on it; on failure the previous version stays live and the applier has put its files back.
 */
export async function writeAndApplyVersion(locked: DialPlanRepository, deps: DialPlanDeps, req: VersionRequest): Promise<{ version: DialPlanVersion; applied: boolean }> {
  const plan = parseDialPlan(req.plan);
  const number = (await locked.lastVersionNumber()) + 1;
  const { plans, prefix } = await lockedSwitchPlans(locked);
  const tenantId = currentTenantId();
  assertNoTenantClash(crossTenantIssues(plans, { tenantId, prefix, plan }));
  const next = withTenantPlan(plans, { tenantId, prefix, version: number, plan });
  const files = renderSwitchFiles(next, deps.secretsOf, deps.baseDir);
  await locked.insertVersion({
    number,
    plan,
    // Only this tenant's part: a version is read by the tenant's admins, who must not see another tenant's plan.
    files: renderPublicFiles(plan, prefix),
    authorId: req.actor.id,
    authorName: req.actor.displayName,
    comment: req.comment,
    rollbackOf: req.rollbackOf,
  });
  const outcome = await deps.applier.apply(files);
  const stored = await locked.recordOutcome(number, outcome);
  if (outcome.ok) {
    deps.logger.info('dial-plan version live', { version: number, rollbackOf: req.rollbackOf, prefix });
    deps.onLive?.(next);
  }
  else deps.logger.warn('dial-plan version failed to apply', { version: number, error: outcome.error });
  const live = outcome.ok ? number : ((await locked.liveVersion())?.number ?? null);
  return { version: versionView(stored, live), applied: outcome.ok };
}
