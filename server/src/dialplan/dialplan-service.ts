import { dialPlanSchema, type DialPlanDiffReply, type DialPlanDraftReply, type DialPlanVersion, type DialPlanVersionsReply, type RenderedFileDiff } from '@ringside/shared';
import { renderPublicFiles } from './config-folder.js';
import type { Actor, DialPlanDeps } from './dialplan-deps.js';
import { versionView } from './dialplan-views.js';
import { changedLines, type ChangedLine } from './line-diff.js';
import { publishDialPlan } from './publish-dial-plan.js';
import { rollbackDialPlan } from './rollback-dial-plan.js';
import { draftReply, loadDraft, saveDraft } from './save-draft.js';

/** One file of the diff, with the changed lines spelled out for the console. */
export interface RenderedFileChanges extends RenderedFileDiff {
  lines: ChangedLine[];
}

/** The dial-plan administration: one shared draft, immutable published versions, apply and rollback. */
export class DialPlanService {
  constructor(private readonly deps: DialPlanDeps) {}

  async getDraft(): Promise<DialPlanDraftReply> {
    return draftReply(this.deps.repo, await loadDraft(this.deps.repo));
  }

  saveDraft(actor: Actor, body: unknown): Promise<DialPlanDraftReply> {
    return saveDraft(this.deps, actor, body);
  }

  /** The secret-free files of the live version against the draft rendered now, file by file. */
  async diff(): Promise<DialPlanDiffReply & { files: RenderedFileChanges[] }> {
    const draft = await loadDraft(this.deps.repo);
    const live = (await this.deps.repo.liveVersion())?.files ?? {};
    const rendered = renderPublicFiles(dialPlanSchema.parse(draft.plan), (await this.deps.repo.ownSwitchPrefix()) ?? '');
    const names = [...Object.keys(rendered), ...Object.keys(live).filter((n) => !(n in rendered)).sort()];
    return {
      files: names.map((name) => {
        const before = live[name] ?? '';
        const after = rendered[name] ?? '';
        return { name, live: before, draft: after, changed: before !== after, lines: changedLines(before, after) };
      }),
    };
  }

  publish(actor: Actor, body: unknown): Promise<DialPlanVersion> {
    return publishDialPlan(this.deps, actor, body);
  }

  async listVersions(): Promise<DialPlanVersionsReply> {
    const [items, live] = await Promise.all([this.deps.repo.listVersions(), this.deps.repo.liveVersion()]);
    return { items: items.map((v) => versionView(v, live?.number ?? null)) };
  }

  rollback(actor: Actor, number: unknown, body: unknown): Promise<DialPlanVersion> {
    return rollbackDialPlan(this.deps, actor, number, body);
  }
}
