import { MERGE_FIELDS, type MergeField, type MergeOrigin, type SurvivorshipRule } from '@ringside/shared';

/** What survivorship reads of each record: its field values, when it last changed, its contact points' sources. */
export interface MergeSide {
  values: Partial<Record<MergeField, unknown>>;
  updatedAt: Date;
  sources: readonly string[];
}

/**
 * How far a contact point's source is trusted: typed or confirmed by an agent over what the
 * customer entered on the web, over integrations, over SMS keywords, over bulk imports.
 */
const SOURCE_TRUST: Record<string, number> = { agent: 5, web: 4, api: 3, sms: 2, import: 1 };

function trustOf(side: MergeSide): number {
  return side.sources.reduce((best, s) => Math.max(best, SOURCE_TRUST[s] ?? 0), 0);
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function fullness(v: unknown): number {
  return typeof v === 'number' ? v : String(v).trim().length;
}

/** The fields the survivor ends up with, and per field whose value it is. */
export interface SurvivingFields {
  values: Partial<Record<MergeField, unknown>>;
  origins: Partial<Record<MergeField, MergeOrigin>>;
}

/**
 * Decides each party field of a merge. A hand choice wins; otherwise an empty value never beats
 * a filled one, and between two filled values the rule decides (ties keep the survivor's). Two
 * different notes are both kept, survivor's first: notes are free text nobody would want lost.
 */
export function survivingFields(survivor: MergeSide, merged: MergeSide, rule: SurvivorshipRule, choices: Partial<Record<MergeField, 'survivor' | 'merged'>> = {}): SurvivingFields {
  const values: SurvivingFields['values'] = {};
  const origins: SurvivingFields['origins'] = {};
  const take = (field: MergeField, origin: MergeOrigin, value: unknown) => {
    values[field] = value;
    origins[field] = origin;
  };
  const mergedWins = (field: MergeField): boolean => {
    const a = survivor.values[field];
    const b = merged.values[field];
    if (isEmpty(b)) return false;
    if (isEmpty(a)) return true;
    if (rule === 'most_recent') return merged.updatedAt.getTime() > survivor.updatedAt.getTime();
    if (rule === 'most_trusted') return trustOf(merged) > trustOf(survivor);
    // A lifecycle stage is not "fuller" for being a longer word: the survivor's stands unless chosen.
    if (field === 'lifecycle') return false;
    return fullness(b) > fullness(a);
  };
  for (const field of MERGE_FIELDS) {
    const a = survivor.values[field] ?? null;
    const b = merged.values[field] ?? null;
    const chosen = choices[field];
    if (chosen) take(field, chosen, chosen === 'merged' ? b : a);
    else if (field === 'notes' && !isEmpty(a) && !isEmpty(b) && String(a).trim() !== String(b).trim()) take(field, 'both', `${String(a)}\n\n${String(b)}`);
    else if (mergedWins(field)) take(field, 'merged', b);
    else take(field, 'survivor', a);
  }
  return { values, origins };
}

type Attributes = Record<string, string | number>;

/**
 * Custom attributes survive by key: the survivor's values stand, and a key only the merged-away
 * record has is carried over, so an attribute filled on either record is not lost by the merge.
 */
export function survivingAttributes(survivor: Attributes, merged: Attributes): Attributes {
  return { ...merged, ...survivor };
}

/**
 * Undo takes back the keys the merge carried over, unless someone has edited them since
 * (an edit after the merge is the survivor's own value now and stays).
 */
export function attributesAfterUndo(current: Attributes, survivorBefore: Attributes, merged: Attributes): Attributes {
  const out = { ...current };
  for (const [key, value] of Object.entries(merged)) {
    if (!(key in survivorBefore) && out[key] === value) delete out[key];
  }
  return out;
}
