import { checkDialPlan, demoDialPlan, dialPlanSchema, parseInput, RingsideError, saveDraftRequestSchema, toFieldIssues, type DialPlanDraftReply } from '@ringside/shared';
import type { Actor, DialPlanDeps } from './dialplan-deps.js';
import type { DialPlanRepository, StoredDraft } from './dialplan-repository.js';
import { draftView } from './dialplan-views.js';
import { draftTenantIssues } from './tenant-issues.js';

/** The draft; on an empty database the demo plan becomes the first draft. */
export async function loadDraft(repo: DialPlanRepository): Promise<StoredDraft> {
  const existing = await repo.getDraft();
  if (existing) return existing;
  await repo.createDraftIfMissing(demoDialPlan);
  return (await repo.getDraft())!;
}

/** The draft as the REST API shows it, with its own problems and, once it has none, its clashes with other tenants' live plans. */
export async function draftReply(repo: DialPlanRepository, d: StoredDraft): Promise<DialPlanDraftReply> {
  const checked = checkDialPlan(d.plan);
  return draftView(d, checked.ok ? await draftTenantIssues(repo, checked.plan) : []);
}

/**
 * Saves the shared draft. A plan the schema refuses is INVALID_INPUT naming each field
 * (`plan.queues.0.name`) and nothing is saved; a schema-valid plan is saved even with semantic
 * issues (an unknown queue, an unreachable menu, a DID another tenant has), which the reply
 * lists, so work is never lost.
 */
export async function saveDraft(deps: Pick<DialPlanDeps, 'repo'>, actor: Actor, body: unknown): Promise<DialPlanDraftReply> {
  const { plan } = parseInput(saveDraftRequestSchema, body);
  if (plan === undefined) throw new RingsideError('INVALID_INPUT', 'invalid input: plan required', [{ path: 'plan', message: 'required' }]);
  const parsed = dialPlanSchema.safeParse(plan);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error).map((i) => ({ path: i.path ? `plan.${i.path}` : 'plan', message: i.message }));
    throw new RingsideError('INVALID_INPUT', `invalid dial plan: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  }
  await deps.repo.saveDraft(parsed.data, actor.id);
  return draftReply(deps.repo, (await deps.repo.getDraft())!);
}
