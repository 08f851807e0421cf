import { createContext, useContext, type ReactNode } from 'react';
import type { DialPlanInput } from '@ringside/shared';
import { keyOf, type IssueView, type Path } from './dial-plan-model.js';

/** What every editor control needs: the draft, a way to change it, and the problems at a path. */
export interface DraftEditor {
  draft: DialPlanInput;
  /** Replaces the value at a path (undefined removes an optional field). */
  set(path: Path, value: unknown): void;
  /** Applies a whole-draft change (adding and removing list items). */
  change(update: (draft: DialPlanInput) => DialPlanInput): void;
  /** Problems at exactly this path, or also below it when `deep`. */
  issuesAt(path: Path, deep?: boolean): IssueView[];
  /** Moves focus to the control of a path once the next render has drawn it. */
  focusLater(path: Path): void;
}

const DraftContext = createContext<DraftEditor | null>(null);

/** Shares the draft editor with every section and field of the dial-plan pages. */
export function DraftProvider({ editor, children }: { editor: DraftEditor; children: ReactNode }) {
  return <DraftContext.Provider value={editor}>{children}</DraftContext.Provider>;
}

/** The draft editor of the nearest DraftProvider. */
export function useDraft(): DraftEditor {
  const editor = useContext(DraftContext);
  if (!editor) throw new Error('useDraft needs a <DraftProvider> above it');
  return editor;
}

/** Indexes issues by key so each field finds its own problems without scanning the list. */
export function issueLookup(issues: IssueView[]): (path: Path, deep?: boolean) => IssueView[] {
  const byKey = new Map<string, IssueView[]>();
  for (const issue of issues) byKey.set(issue.key, [...(byKey.get(issue.key) ?? []), issue]);
  return (path, deep = false) => {
    const key = keyOf(path);
    if (!deep) return byKey.get(key) ?? [];
    return issues.filter((i) => i.key === key || i.key.startsWith(`${key}.`));
  };
}
