import { DEFAULT_TENANT_ID, RingsideError } from '@ringside/shared';
import { currentTenantId } from '../db/tenant-scope.js';
import { parseDialPlan, type DialPlanVersion } from '@ringside/shared';
import { renderForSwitch, withoutSecrets } from './config-folder.js';
import type { Actor, DialPlanDeps } from './dialplan-deps.js';
import type { DialPlanRepository } from './dialplan-repository.js';
import { versionView } from './dialplan-views.js';

/** What a publish or a rollback writes as the next version. */
export interface VersionRequest {
  plan: unknown;
  comment: string;
  actor: Actor;
  rollbackOf: number | null;
}

/**
 * Inside the publish lock: renders the plan (secrets resolved, so a missing one stops here
 * with nothing written), stores it as the next version, applies it to the switch and records
 * the outcome. On success the draft is marked as based on it; on failure the previous version
 * stays live and the applier has put its files back.
 */
export async function writeAndApplyVersion(locked: DialPlanRepository, deps: DialPlanDeps, req: VersionRequest): Promise<{ version: DialPlanVersion; applied: boolean }> {
  // The switch's files are rendered from one plan, unprefixed: another tenant's publish would
  // replace the default tenant's dial plan on the switch. Its drafts are kept; going live waits
  // for the multi-tenant rendering (pbx-config renderTenants) to be wired into the applier.
  if (currentTenantId() !== DEFAULT_TENANT_ID) {
    throw new RingsideError('TENANT_SWITCH_PENDING', "this tenant's dial plan cannot go live on the shared switch yet; the draft is kept");
  }
  const plan = parseDialPlan(req.plan);
  const files = renderForSwitch(plan, deps.secrets, deps.baseDir);
  const number = (await locked.lastVersionNumber()) + 1;
  await locked.insertVersion({
    number,
    plan,
    files: withoutSecrets(files),
    authorId: req.actor.id,
    authorName: req.actor.displayName,
    comment: req.comment,
    rollbackOf: req.rollbackOf,
  });
  const outcome = await deps.applier.apply(files);
  const stored = await locked.recordOutcome(number, outcome);
  if (outcome.ok) {
    deps.logger.info('dial-plan version live', { version: number, rollbackOf: req.rollbackOf });
    deps.onLive?.(plan, number);
  }
  else deps.logger.warn('dial-plan version failed to apply', { version: number, error: outcome.error });
  const live = outcome.ok ? number : ((await locked.liveVersion())?.number ?? null);
  return { version: versionView(stored, live), applied: outcome.ok };
}
