import { useEffect, useState } from 'react';
import type { DialPlanVersion, RenderedFileDiff } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { errorText } from '../../session/error-text.js';
import { getDiff } from './dial-plan-api.js';
import { DiffView } from './diff-view.js';
import { PublishForm } from './publish-form.js';

type DiffState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; files: RenderedFileDiff[] };

interface ChangesSectionProps {
  /** Changes whenever the saved draft changes, so the diff is fetched again. */
  savedRevision: number;
  dirty: boolean;
  blockedReason: string | null;
  onPublished(version: DialPlanVersion): void;
}

/** Review what the saved draft changes in the rendered Asterisk files, then publish it. */
export function ChangesSection({ savedRevision, dirty, blockedReason, onPublished }: ChangesSectionProps) {
  const http = useApi();
  const [state, setState] = useState<DiffState>({ status: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    getDiff(http, abort.signal).then(
      (reply) => setState({ status: 'ready', files: reply.files }),
      (err: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'error', message: errorText(err) });
      },
    );
    return () => abort.abort();
  }, [http, savedRevision]);

  return (
    <div className="dp-section">
      {dirty && (
        <p className="notice">
          <span aria-hidden="true">ℹ </span>
          {t('dialplan.diff.unsavedNotice')}
        </p>
      )}
      <section aria-labelledby="dp-diff-title" aria-busy={state.status === 'loading'}>
        <h2 id="dp-diff-title">{t('dialplan.diff.title')}</h2>
        {state.status === 'loading' && <p role="status">{t('dialplan.diff.loading')}</p>}
        {state.status === 'error' && (
          <p role="alert" className="error-text">
            {state.message}
          </p>
        )}
        {state.status === 'ready' && <DiffView files={state.files} />}
      </section>
      <PublishForm blockedReason={blockedReason} onPublished={onPublished} />
    </div>
  );
}
