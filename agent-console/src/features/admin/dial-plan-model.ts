import { dialPlanSchema, IVR_DIGITS, type DialPlanInput, type DialPlanIssue } from '@ringside/shared';

/** A location in the draft, as DialPlanIssue paths spell it. */
export type Path = readonly (string | number)[];

/** The editor's sections; the first five edit the draft, the last two review and publish it. */
export const SECTIONS = ['routes', 'ivr', 'queues', 'hours', 'endpoints', 'changes', 'versions'] as const;
/** A section of the dial-plan pages. */
export type Section = (typeof SECTIONS)[number];

/** A problem as the editor shows it: client checks and server replies alike, keyed by dotted path. */
export interface IssueView {
  code: string;
  key: string;
  path: (string | number)[];
  message: string;
}

/** The dotted key of a path (`ivrMenus.0.options.1.digit`), the form the server's 400 issues use. */
export const keyOf = (path: Path): string => path.join('.');

/** The DOM id of the control (or container) that edits a path. */
export const fieldId = (path: Path): string => `dp-${keyOf(path).replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Splits a dotted key back into a path, numbers as numbers. */
export function pathOf(key: string): (string | number)[] {
  return key === '' ? [] : key.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The value at a path, or undefined when any step is missing. */
export function getIn(value: unknown, path: Path): unknown {
  let node = value;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

/**
 * A copy of `root` with the value at `path` replaced; undefined deletes an object key, so a
 * cleared optional field leaves the document instead of being sent as null.
 */
export function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [step, ...rest] = path as [string | number, ...(string | number)[]];
  const node = root as unknown;
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[step as number] = setIn(copy[step as number], rest, value);
    return copy as T;
  }
  const obj = node !== null && typeof node === 'object' ? { ...(node as Record<string, unknown>) } : {};
  const next = setIn(obj[step], rest, value);
  if (next === undefined) delete obj[step];
  else obj[step] = next;
  return obj as T;
}

/** A copy with one item appended to the array at `path`. */
export function appendIn<T>(root: T, path: Path, item: unknown): T {
  const list = getIn(root, path);
  return setIn(root, path, [...(Array.isArray(list) ? list : []), item]);
}

/** A copy with the item at `index` removed from the array at `path`. */
export function removeIn<T>(root: T, path: Path, index: number): T {
  const list = getIn(root, path);
  return setIn(root, path, Array.isArray(list) ? list.filter((_, i) => i !== index) : []);
}

/** The draft section whose editor holds a path; null for parts the pages do not edit (trunks, system). */
export function sectionFor(path: Path): Section | null {
  switch (path[0]) {
    case 'name':
    case 'inboundRoutes':
    case 'internalRoutes':
      return 'routes';
    case 'ivrMenus':
      return 'ivr';
    case 'queues':
      return 'queues';
    case 'schedules':
      return 'hours';
    case 'endpoints':
      return 'endpoints';
    default:
      return null;
  }
}

/**
 * The draft the editor starts from: when it parses, the parsed plan (defaults filled in, so every
 * field shows its effective value); otherwise as stored, so nothing the admin wrote is lost.
 */
export function editableDraft(input: DialPlanInput): DialPlanInput {
  const parsed = dialPlanSchema.safeParse(input);
  return parsed.success ? (parsed.data as DialPlanInput) : input;
}

/** Issues from checkDialPlan, from a draft reply, or from a 400's dotted paths, in one shape. */
export function toIssueViews(issues: readonly { code?: string; path: readonly (string | number)[] | string; message: string }[]): IssueView[] {
  return issues.map((i) => {
    const path = typeof i.path === 'string' ? pathOf(i.path) : [...i.path];
    return { code: i.code ?? 'INVALID_FIELD', key: keyOf(path), path, message: i.message };
  });
}

/** Issue views of a client-side check result. */
export function checkIssues(result: { ok: true } | { ok: false; issues: DialPlanIssue[] }): IssueView[] {
  return result.ok ? [] : toIssueViews(result.issues);
}

/** Adds the issues of `extra` not already present (same code and path). */
export function mergeIssues(base: IssueView[], extra: IssueView[]): IssueView[] {
  const seen = new Set(base.map((i) => `${i.code} ${i.key}`));
  return [...base, ...extra.filter((i) => !seen.has(`${i.code} ${i.key}`))];
}

/** The first key a menu does not use yet, preferring 1-9 as callers expect. */
export function nextFreeDigit(used: readonly string[]): string {
  const order = [...IVR_DIGITS.slice(1, 10), '0', '*', '#'];
  return order.find((d) => !used.includes(d)) ?? '';
}

/** A name not yet in `taken`: `base`, then `base-2`, `base-3`, ... */
export function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** Parses a number input: a whole number stays a number, anything else stays text for the schema to refuse. */
export function numberFromInput(text: string): number | string {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}

/** Whitespace-separated words of a list field (sound files, Stasis arguments). */
export function wordsOf(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
