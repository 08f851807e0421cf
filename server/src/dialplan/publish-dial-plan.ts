import { checkDialPlan, parseInput, publishRequestSchema, RingsideError, type DialPlanVersion } from '@ringside/shared';
import type { Actor, DialPlanDeps } from './dialplan-deps.js';
import { canonicalJson } from './dialplan-views.js';
import { loadDraft } from './save-draft.js';
import { writeAndApplyVersion } from './write-version.js';

/**
 * Publishes the draft as the next version and applies it. Refuses (nothing written):
 * INVALID_INPUT for a draft with issues; CONFLICT when the draft changed after this request
 * read it, when it is based on a version that is no longer live, or when it is exactly the live
 * version; INVALID_INPUT with DID_TAKEN when another tenant's live plan has one of its DIDs.
 * Two admins publishing at once (in any tenants: the switch is one) are serialised by the lock,
 * and the second one of a tenant meets one of those CONFLICTs.
 */
export async function publishDialPlan(deps: DialPlanDeps, actor: Actor, body: unknown): Promise<DialPlanVersion> {
  const { comment } = parseInput(publishRequestSchema, body);
  const seen = await loadDraft(deps.repo);
  return deps.repo.withPublishLock(async (locked) => {
    const draft = (await locked.getDraft())!;
    const live = await locked.liveVersion();
    const liveNumber = live?.number ?? null;
    if (draft.updatedAt.getTime() !== seen.updatedAt.getTime() || draft.basedOnVersion !== seen.basedOnVersion) {
      throw new RingsideError('CONFLICT', 'the draft changed while this publish waited; review it and publish again');
    }
    if (draft.basedOnVersion !== liveNumber) {
      throw new RingsideError('CONFLICT', `the draft is based on ${draft.basedOnVersion === null ? 'no version' : `version ${draft.basedOnVersion}`}, but ${liveNumber === null ? 'no version' : `version ${liveNumber}`} is live; reload the draft and publish again`);
    }
    const checked = checkDialPlan(draft.plan);
    if (!checked.ok) {
      const issues = checked.issues.map((i) => ({ path: i.path.join('.'), message: `${i.message} [${i.code}]` }));
      throw new RingsideError('INVALID_INPUT', `the draft has ${issues.length} problem(s); fix them before publishing`, issues);
    }
    if (live && canonicalJson(live.plan) === canonicalJson(checked.plan)) {
      throw new RingsideError('CONFLICT', `nothing to publish: the draft is version ${live.number}, which is already live`);
    }
    const { version, applied } = await writeAndApplyVersion(locked, deps, { plan: checked.plan, comment, actor, rollbackOf: null });
    if (applied) await locked.rebaseDraft(version.number);
    return version;
  });
}
