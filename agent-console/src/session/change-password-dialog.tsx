import { useId, useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '@ringside/shared';
import { useApi } from '../api/api-context.js';
import { isApiError } from '../api/api-error.js';
import { t } from '../i18n/t.js';
import { ModalDialog } from '../layout/modal-dialog.js';
import { errorText } from './error-text.js';
import { changePassword } from './session-api.js';

type Field = 'current' | 'next' | 'confirm';

/** The signed-in user changes their own password; the server signs their other sessions out. */
export function ChangePasswordDialog({ onClose, onChanged }: { onClose(): void; onChanged(): void }) {
  const http = useApi();
  const id = useId().replace(/:/g, '');
  const [values, setValues] = useState<Record<Field, string>>({ current: '', next: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  function set(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors({});
    setFormError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<Field, string>> = {};
    if (values.current === '') found.current = t('password.required');
    if (values.next.length < MIN_PASSWORD_LENGTH) found.next = t('password.newHint', { min: MIN_PASSWORD_LENGTH });
    else if (values.confirm !== values.next) found.confirm = t('password.mismatch');
    if (Object.keys(found).length > 0) return setErrors(found);
    setBusy(true);
    try {
      await changePassword(http, { currentPassword: values.current, newPassword: values.next });
      onChanged();
    } catch (err) {
      if (isApiError(err, 'WRONG_PASSWORD')) setErrors({ current: t('password.wrongCurrent') });
      else if (isApiError(err, 'INVALID_INPUT') && err.issues.some((i) => i.path === 'newPassword')) setErrors({ next: err.issues.find((i) => i.path === 'newPassword')?.message ?? err.message });
      else setFormError(errorText(err));
      setBusy(false);
    }
  }

  const field = (name: Field, label: string, autoComplete: string, hint?: string) => {
    const inputId = `${id}-${name}`;
    const error = errors[name];
    const describedBy = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={inputId}>{label}</label>
        <input
          id={inputId}
          type="password"
          autoComplete={autoComplete}
          value={values[name]}
          onChange={(e) => set(name, e.target.value)}
          data-autofocus={name === 'current' ? '' : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        {hint && <p id={`${inputId}-hint`} className="hint">{hint}</p>}
        {error && <p id={`${inputId}-error`} className="error-text">{error}</p>}
      </div>
    );
  };

  return (
    <ModalDialog title={t('password.title')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="user-form">
        {field('current', t('password.current'), 'current-password')}
        {field('next', t('password.new'), 'new-password', t('password.newHint', { min: MIN_PASSWORD_LENGTH }))}
        {field('confirm', t('password.confirm'), 'new-password')}
        <div role="alert" className="alert-slot">
          {formError && <p className="error-text">{formError}</p>}
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('password.busy') : t('password.submit')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
