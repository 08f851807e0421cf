import { useCallback, useEffect, useMemo, useState } from 'react';
import { checkDialPlan, type DialPlanDraftReply, type DialPlanInput } from '@ringside/shared';
import { isApiError } from '../../api/api-error.js';
import type { HttpClient } from '../../api/http-client.js';
import { t } from '../../i18n/t.js';
import { errorText } from '../../session/error-text.js';
import { getDraft, saveDraft } from './dial-plan-api.js';
import { checkIssues, editableDraft, mergeIssues, toIssueViews, type IssueView } from './dial-plan-model.js';

/** Who saved the draft last, and what it started from. */
export interface DraftMeta {
  basedOnVersion: number | null;
  updatedAt: string;
  updatedBy: string;
}

interface Saved {
  /** The draft as last loaded or saved, serialised: the editor is dirty when it differs. */
  json: string;
  meta: DraftMeta;
  /** Problems the server reported for the saved draft. */
  issues: IssueView[];
  /** Bumped on every load and save, so views of the saved draft (the diff) refetch. */
  revision: number;
}

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready' };

const metaOf = (r: DialPlanDraftReply): DraftMeta => ({ basedOnVersion: r.basedOnVersion, updatedAt: r.updatedAt, updatedBy: r.updatedBy });

/**
 * The draft being edited and its life cycle: load, check on every change with the shared
 * validator, save (server issues land on the same fields), reload after publish or rollback.
 */
export function useDialPlanDraft(http: HttpClient) {
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [draft, setDraft] = useState<DialPlanInput | null>(null);
  const [saved, setSaved] = useState<Saved>({ json: '', meta: { basedOnVersion: null, updatedAt: '', updatedBy: '' }, issues: [], revision: 0 });
  const [rejected, setRejected] = useState<IssueView[]>([]);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const accept = useCallback((reply: DialPlanDraftReply, replaceDraft: boolean) => {
    const next = editableDraft(reply.draft);
    if (replaceDraft) setDraft(next);
    setSaved((s) => ({ json: JSON.stringify(next), meta: metaOf(reply), issues: toIssueViews(reply.issues ?? []), revision: s.revision + 1 }));
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    getDraft(http, abort.signal).then(
      (reply) => {
        accept(reply, true);
        setLoad({ status: 'ready' });
      },
      (err: unknown) => {
        if (!abort.signal.aborted) setLoad({ status: 'error', message: errorText(err) });
      },
    );
    return () => abort.abort();
  }, [http, accept]);

  const json = useMemo(() => (draft ? JSON.stringify(draft) : ''), [draft]);
  const dirty = draft !== null && json !== saved.json;
  const clientIssues = useMemo(() => (draft ? checkIssues(checkDialPlan(draft)) : []), [draft]);
  const issues = useMemo(
    () => mergeIssues(mergeIssues(clientIssues, rejected), dirty ? [] : saved.issues),
    [clientIssues, rejected, dirty, saved.issues],
  );

  const change = useCallback((update: (d: DialPlanInput) => DialPlanInput) => {
    setDraft((d) => (d ? update(d) : d));
    // The server's 400 described the draft as it was sent; an edit makes it stale.
    setRejected([]);
    setOutcome(null);
  }, []);

  async function save(): Promise<void> {
    if (!draft || saving) return;
    const schemaProblems = clientIssues.filter((i) => i.code === 'INVALID_FIELD').length;
    if (schemaProblems > 0) {
      setOutcome({ ok: false, text: t('dialplan.save.fixFields', { count: schemaProblems }) });
      return;
    }
    const sent = draft;
    setSaving(true);
    setOutcome(null);
    try {
      const reply = await saveDraft(http, sent);
      setSaved((s) => ({ json: JSON.stringify(sent), meta: metaOf(reply), issues: toIssueViews(reply.issues ?? []), revision: s.revision + 1 }));
      setOutcome({ ok: true, text: reply.issues?.length ? t('dialplan.save.doneWithIssues', { count: reply.issues.length }) : t('dialplan.save.done') });
    } catch (err) {
      if (isApiError(err, 'INVALID_INPUT') && err.issues.length > 0) {
        setRejected(toIssueViews(err.issues));
        setOutcome({ ok: false, text: t('dialplan.save.rejected') });
      } else {
        setOutcome({ ok: false, text: errorText(err) });
      }
    } finally {
      setSaving(false);
    }
  }

  /** After publish or rollback: fresh meta; the editor's content is replaced only if it has no unsaved edits. */
  async function reload(): Promise<void> {
    try {
      accept(await getDraft(http), !dirty);
    } catch (err) {
      setOutcome({ ok: false, text: errorText(err) });
    }
  }

  return { load, draft, dirty, issues, saved, saving, outcome, change, save, reload };
}
