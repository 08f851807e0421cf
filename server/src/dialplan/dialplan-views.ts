import { checkDialPlan, type DialPlanDraftReply, type DraftIssue, type DialPlanInput, type DialPlanVersion } from '@ringside/shared';
import type { StoredDraft, StoredVersionSummary } from './dialplan-repository.js';

/** Who the draft's `updatedBy` names before any admin saved it. */
export const SYSTEM_AUTHOR = 'Ringside (demo plan)';

/** A stored version as the REST API shows it. */
export function versionView(v: StoredVersionSummary, liveNumber: number | null): DialPlanVersion {
  return {
    number: v.number,
    author: v.author,
    comment: v.comment,
    createdAt: v.createdAt.toISOString(),
    applyStatus: v.applyStatus,
    applyError: v.applyError,
    live: v.number === liveNumber,
  };
}

/** The draft as the REST API shows it, with every problem the plan still has (`withTenants`: its clashes with other tenants). */
export function draftView(d: StoredDraft, withTenants: readonly DraftIssue[] = []): DialPlanDraftReply {
  const checked = checkDialPlan(d.plan);
  return {
    draft: d.plan as DialPlanInput,
    basedOnVersion: d.basedOnVersion,
    updatedAt: d.updatedAt.toISOString(),
    updatedBy: d.updatedBy ?? SYSTEM_AUTHOR,
    issues: checked.ok ? [...withTenants] : checked.issues,
  };
}

/** JSON with object keys sorted: jsonb does not keep key order, so plain JSON.stringify cannot compare plans. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
