import { useId, useState, type FormEvent } from 'react';
import { rollbackRequestSchema, type DialPlanVersion } from '@ringside/shared';
import { useApi } from '../../api/api-context.js';
import { isApiError } from '../../api/api-error.js';
import { t } from '../../i18n/t.js';
import { ModalDialog } from '../../layout/modal-dialog.js';
import { errorText } from '../../session/error-text.js';
import { rollbackTo } from './dial-plan-api.js';
import { commentError } from './publish-form.js';

interface RollbackDialogProps {
  version: DialPlanVersion;
  onClose(): void;
  onDone(created: DialPlanVersion): void;
}

/** Confirms a rollback and says what it does: the old content becomes a new version, applied at once. */
export function RollbackDialog({ version, onClose, onDone }: RollbackDialogProps) {
  const http = useApi();
  const id = useId();
  const [comment, setComment] = useState(() => t('dialplan.rollback.defaultComment', { number: version.number }));
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const bad = commentError(comment);
    setProblem(bad);
    if (bad) return;
    setBusy(true);
    setFailure(null);
    try {
      onDone(await rollbackTo(http, version.number, rollbackRequestSchema.parse({ comment })));
    } catch (err) {
      setFailure(isApiError(err, 'CONFLICT') ? t('dialplan.rollback.conflict') : isApiError(err, 'NOT_FOUND') ? t('dialplan.rollback.notFound') : errorText(err));
      setBusy(false);
    }
  }

  const commentId = `${id}-comment`;
  return (
    <ModalDialog title={t('dialplan.rollback.title', { number: version.number })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p>{t('dialplan.rollback.body', { number: version.number })}</p>
        <div className={problem ? 'field field--invalid' : 'field'}>
          <label htmlFor={commentId}>{t('dialplan.publish.comment')}</label>
          <input
            id={commentId}
            data-autofocus
            value={comment}
            maxLength={200}
            onChange={(e) => setComment(e.target.value)}
            {...(problem ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}
          />
          {problem && (
            <p id={`${id}-error`} className="error-text">
              <span aria-hidden="true">⚠ </span>
              {problem}
            </p>
          )}
        </div>
        <div role="alert" className="alert-slot">
          {failure && <p className="error-text">{failure}</p>}
        </div>
        <div className="actions">
          <button type="submit" className="button button--danger" disabled={busy}>
            {busy ? t('dialplan.rollback.busy') : t('dialplan.rollback.confirm', { number: version.number })}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
