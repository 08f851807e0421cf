import { useId, useState, type FormEvent } from 'react';
import { publishRequestSchema, type DialPlanVersion } from '@ringside/shared';
import { isApiError } from '../../api/api-error.js';
import { useApi } from '../../api/api-context.js';
import { t } from '../../i18n/t.js';
import { errorText } from '../../session/error-text.js';
import { publishDraft } from './dial-plan-api.js';

/** Why a comment was refused, in the console's words. */
export function commentError(comment: string): string | null {
  const checked = publishRequestSchema.safeParse({ comment });
  if (checked.success) return null;
  return comment.trim() === '' ? t('dialplan.comment.required') : comment.length > 200 ? t('validation.tooLong', { max: 200 }) : t('validation.controlChars');
}

interface PublishFormProps {
  /** Why publishing is not possible now; null when it is. */
  blockedReason: string | null;
  onPublished(version: DialPlanVersion): void;
}

/** Publish the saved draft with a comment; disabled, with the reason beside it, while it cannot be. */
export function PublishForm({ blockedReason, onPublished }: PublishFormProps) {
  const http = useApi();
  const id = useId();
  const [comment, setComment] = useState('');
  const [commentProblem, setCommentProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || blockedReason) return;
    setOutcome(null);
    const problem = commentError(comment);
    setCommentProblem(problem);
    if (problem) {
      document.getElementById(`${id}-comment`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const version = await publishDraft(http, publishRequestSchema.parse({ comment }));
      setComment('');
      setOutcome({ ok: true, text: t('dialplan.publish.done', { number: version.number }) });
      onPublished(version);
    } catch (err) {
      if (isApiError(err, 'CONFLICT')) setOutcome({ ok: false, text: t('dialplan.publish.conflict') });
      else if (isApiError(err, 'INVALID_INPUT')) {
        const onComment = err.issues.find((i) => i.path === 'comment');
        if (onComment) setCommentProblem(onComment.message);
        setOutcome({ ok: false, text: onComment ? t('form.serverRejected') : t('dialplan.publish.rejected', { reason: err.message }) });
      } else setOutcome({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const commentId = `${id}-comment`;
  const describedBy = [`${id}-hint`, commentProblem ? `${id}-error` : null, blockedReason ? `${id}-blocked` : null].filter(Boolean).join(' ');
  return (
    <form className="card publish-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('dialplan.publish.title')}</h2>
      <div className={commentProblem ? 'field field--invalid' : 'field'}>
        <label htmlFor={commentId}>{t('dialplan.publish.comment')}</label>
        <input
          id={commentId}
          value={comment}
          maxLength={200}
          onChange={(e) => {
            setComment(e.target.value);
            setCommentProblem(null);
          }}
          aria-describedby={describedBy}
          {...(commentProblem ? { 'aria-invalid': true } : {})}
        />
        <p id={`${id}-hint`} className="hint">
          {t('dialplan.publish.commentHint')}
        </p>
        {commentProblem && (
          <p id={`${id}-error`} className="error-text">
            <span aria-hidden="true">⚠ </span>
            {commentProblem}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy || blockedReason !== null} aria-describedby={blockedReason ? `${id}-blocked` : undefined}>
          {busy ? t('dialplan.publish.busy') : t('dialplan.publish.submit')}
        </button>
        {blockedReason && (
          <p id={`${id}-blocked`} className="blocked-reason">
            <span aria-hidden="true">⚠ </span>
            {blockedReason}
          </p>
        )}
      </div>
      <div role="status" className="alert-slot">
        {outcome && <p className={outcome.ok ? 'ok-text' : 'error-text'}>{outcome.text}</p>}
      </div>
    </form>
  );
}
